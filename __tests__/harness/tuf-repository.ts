import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A TUF repository on loopback that publishes a trusted_root.json, as public-good Sigstore's TUF CDN
 * publishes its own: what the action reads when no `trusted-root` is given. One ed25519 key for every
 * role, metadata version 1, served from memory.
 */
export interface TufRepository {
  readonly url: string;
  /** The initial root.json a client starts from (`tuf-root`). */
  readonly rootPath: string;
  /** Requests received, by path. */
  readonly requests: string[];
  stop(): Promise<void>;
}

/** TUF's canonical JSON (OLPC): sorted keys, no white space; our metadata holds ASCII text only. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `signingConfigPath`: also publish a signing config, as public-good's repository does (cosign v3 reads it). */
export async function startTufRepository(
  trustedRootPath: string,
  signingConfigPath?: string,
): Promise<TufRepository> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const rawPublic = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const key = { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: rawPublic } };
  const keyid = createHash('sha256').update(canonical(key)).digest('hex');
  const expires = new Date(Date.now() + 7 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const common = { spec_version: '1.0.31', version: 1, expires };
  const role = { keyids: [keyid], threshold: 1 };
  const signed = (body: object): Buffer =>
    Buffer.from(
      JSON.stringify({
        signed: body,
        signatures: [{ keyid, sig: sign(null, Buffer.from(canonical(body)), privateKey).toString('hex') }],
      }),
    );

  const published = new Map<string, Buffer>([['trusted_root.json', readFileSync(trustedRootPath)]]);
  if (signingConfigPath) published.set('signing_config.v0.2.json', readFileSync(signingConfigPath));
  const root = signed({
    _type: 'root',
    ...common,
    consistent_snapshot: false,
    keys: { [keyid]: key },
    roles: { root: role, targets: role, snapshot: role, timestamp: role },
  });
  const files = new Map<string, Buffer>([
    ['/1.root.json', root],
    [
      '/targets.json',
      signed({
        _type: 'targets',
        ...common,
        targets: Object.fromEntries(
          [...published].map(([name, bytes]) => [
            name,
            { length: bytes.length, hashes: { sha256: createHash('sha256').update(bytes).digest('hex') } },
          ]),
        ),
      }),
    ],
    ['/snapshot.json', signed({ _type: 'snapshot', ...common, meta: { 'targets.json': { version: 1 } } })],
    ['/timestamp.json', signed({ _type: 'timestamp', ...common, meta: { 'snapshot.json': { version: 1 } } })],
    ...[...published].map(([name, bytes]): [string, Buffer] => [`/targets/${name}`, bytes]),
  ]);

  const dir = mkdtempSync(join(tmpdir(), 'tuf-repo-'));
  const rootPath = join(dir, 'root.json');
  writeFileSync(rootPath, root);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    const body = files.get(path);
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ?? '');
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    rootPath,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
