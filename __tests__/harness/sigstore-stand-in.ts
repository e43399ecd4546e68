import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
  type HandlerFn,
} from '@sigstore/mock';
import { readBody } from './request-body.ts';

/**
 * Fulcio, Rekor (v1 API) and a TSA on loopback: @sigstore/mock's handlers served over real HTTP, with the
 * trust material (trusted_root.json, and the PEM files cosign v2 reads) written for verifiers.
 */
export interface SigstoreStandIn {
  readonly url: string;
  /** The same `url`, named as the real stack's services are (see provenance.ts's KeylessServices). */
  readonly fulcioUrl: string;
  readonly rekorUrl: string;
  readonly trustedRootPath: string;
  readonly rekorPublicKeyPath: string;
  readonly fulcioRootPath: string;
  readonly ctlogPublicKeyPath: string;
  readonly tsaChainPath: string;
  /** Requests received, by `METHOD /path`. */
  readonly requests: Map<string, number>;
  /** Rekor entries in the log. */
  readonly logEntries: () => number;
  /** Fault injection: drop the connection after logging the next N Rekor entries (a response lost on the way). */
  dropNextLogResponses(count: number): void;
  /** Fault injection: answer every request with 503 (a service down). */
  setDown(down: boolean): void;
  /** Environment for cosign v2 to verify offline against this stand-in. */
  cosignEnv(): Record<string, string>;
  stop(): Promise<void>;
}

const b64 = (bytes: ArrayBufferView | Buffer): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const pem = (label: string, der: ArrayBufferView | Buffer): string =>
  `-----BEGIN ${label}-----\n${(b64(der).match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const newKeyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

interface ProposedDsse {
  apiVersion: string;
  kind: 'dsse';
  spec: { proposedContent: { envelope: string; verifiers: string[] } };
}

/**
 * Rekor stores a dsse entry in canonical form (hashes and signatures with their verifiers), not as proposed;
 * the mock stores what it is given, so give it what Rekor would store.
 * https://github.com/sigstore/rekor/blob/main/pkg/types/dsse/v0.0.1/entry.go
 */
function toCanonicalDsse(proposed: ProposedDsse): object {
  const envelope = JSON.parse(proposed.spec.proposedContent.envelope) as {
    payload: string;
    signatures: { sig: string }[];
  };
  const verifier = proposed.spec.proposedContent.verifiers[0] ?? '';
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256Hex(proposed.spec.proposedContent.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256Hex(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((signature) => ({ signature: signature.sig, verifier })),
    },
  };
}

/** Rekor answers 409 with the existing entry's location when the same entry is proposed again. */
interface StoredEntry {
  readonly uuid: string;
  readonly response: string;
}

export async function startSigstoreStandIn(): Promise<SigstoreStandIn> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const validFrom = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  const ctlog = await initializeCTLog(newKeyPair());
  const ca = await initializeCA(newKeyPair(), ctlog);
  const tlog = await initializeTLog(url, newKeyPair());
  const tsa = await initializeTSA(newKeyPair());
  // The mock writes genTime with trimmed fractions ("…35.67Z"); @sigstore/core reads exactly three digits.
  const tsaClock = tsa as unknown as { getCurrentTime: () => Date };
  tsaClock.getCurrentTime = () => {
    const now = new Date();
    if (now.getMilliseconds() % 10 === 0) now.setMilliseconds(now.getMilliseconds() + 1);
    return now;
  };
  const routes = new Map<string, HandlerFn>(
    [
      fulcioHandler(ca, { strict: true }),
      rekorHandler(tlog, { strict: true }),
      tsaHandler(tsa, { strict: true }),
    ].map((h) => [h.path, h.fn]),
  );
  const requests = new Map<string, number>();
  const entries = new Map<string, StoredEntry>();
  let responsesToDrop = 0;
  let down = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', url).pathname;
    requests.set(`${req.method} ${path}`, (requests.get(`${req.method} ${path}`) ?? 0) + 1);
    let body = (await readBody(req)).toString('utf8');
    if (down) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('service unavailable');
      return;
    }
    const entryLookup = /^\/api\/v1\/log\/entries\/([0-9a-f]+)$/.exec(path);
    if (req.method === 'GET' && entryLookup) {
      const stored = [...entries.values()].find((entry) => entry.uuid === entryLookup[1]);
      if (stored) res.writeHead(200, { 'content-type': 'application/json' }).end(stored.response);
      else res.writeHead(404).end('{"code":404,"message":"entry not found"}');
      return;
    }
    if (req.method === 'GET' && path === '/api/v1/log/publicKey') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(pem('PUBLIC KEY', tlog.publicKey));
      return;
    }
    // cosign v2 speaks Fulcio's v1 API (bearer token, PEM key, PEM chain back): adapt it to the v2 handler.
    if (req.method === 'POST' && path === '/api/v1/signingCert') {
      const v1 = JSON.parse(body) as { publicKey: { content: string } };
      const raw = Buffer.from(v1.publicKey.content, 'base64');
      const keyPem = raw.toString('utf8').startsWith('-----BEGIN')
        ? raw.toString('utf8')
        : pem('PUBLIC KEY', raw);
      const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      const v2 = routes.get('/api/v2/signingCert');
      const answer = await (v2 as HandlerFn)(
        JSON.stringify({
          credentials: { oidcIdentityToken: token },
          publicKeyRequest: { publicKey: { content: keyPem } },
        }),
      );
      if (answer.statusCode !== 201 || typeof answer.response !== 'string') {
        res.writeHead(answer.statusCode).end(String(answer.response));
        return;
      }
      const chain = (
        JSON.parse(answer.response) as { signedCertificateEmbeddedSct: { chain: { certificates: string[] } } }
      ).signedCertificateEmbeddedSct.chain.certificates.join('');
      res.writeHead(201, { 'content-type': 'application/pem-certificate-chain' }).end(chain);
      return;
    }
    const route = req.method === 'POST' ? routes.get(path) : undefined;
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    let entryKey: string | undefined;
    if (path === '/api/v1/log/entries') {
      const proposed = JSON.parse(body) as { kind?: string };
      if (proposed.kind === 'dsse') body = JSON.stringify(toCanonicalDsse(proposed as ProposedDsse));
      entryKey = sha256Hex(body);
      const existing = entries.get(entryKey);
      if (existing) {
        res.writeHead(409, {
          'content-type': 'application/json',
          location: `/api/v1/log/entries/${existing.uuid}`,
        });
        res.end(
          JSON.stringify({
            code: 409,
            message: 'an equivalent entry already exists in the transparency log',
          }),
        );
        return;
      }
    }
    const { statusCode, response, contentType } = await route(body);
    if (entryKey && statusCode === 201 && typeof response === 'string') {
      entries.set(entryKey, { uuid: Object.keys(JSON.parse(response) as object)[0] ?? '', response });
      if (responsesToDrop > 0) {
        responsesToDrop--;
        req.socket.destroy();
        return;
      }
    }
    res.writeHead(statusCode, { 'content-type': contentType ?? 'text/plain' });
    res.end(
      typeof response === 'string'
        ? response
        : Buffer.from(response.buffer, response.byteOffset, response.byteLength),
    );
  };
  server.on('request', (req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });

  const dir = mkdtempSync(join(tmpdir(), 'rs-sigstore-'));
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: b64(tlog.publicKey),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start: validFrom },
        },
        logId: { keyId: createHash('sha256').update(tlog.publicKey).digest('base64') },
      },
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: url,
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor: { start: validFrom },
      },
    ],
    ctlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: b64(ctlog.publicKey),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start: validFrom },
        },
        logId: { keyId: b64(ctlog.logID) },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: url,
        certChain: {
          certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }],
        },
        validFor: { start: validFrom },
      },
    ],
  };
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const trustedRootPath = write('trusted_root.json', JSON.stringify(trustedRoot, null, 2));
  const rekorPublicKeyPath = write('rekor.pub', pem('PUBLIC KEY', tlog.publicKey));
  const fulcioRootPath = write('fulcio_root.pem', pem('CERTIFICATE', ca.rootCertificate));
  const ctlogPublicKeyPath = write('ctlog.pub', pem('PUBLIC KEY', ctlog.publicKey));
  const tsaChainPath = write(
    'tsa_chain.pem',
    pem('CERTIFICATE', tsa.intCertificate) + pem('CERTIFICATE', tsa.rootCertificate),
  );

  return {
    url,
    fulcioUrl: url,
    rekorUrl: url,
    trustedRootPath,
    rekorPublicKeyPath,
    fulcioRootPath,
    ctlogPublicKeyPath,
    tsaChainPath,
    requests,
    logEntries: () => entries.size,
    dropNextLogResponses: (count) => {
      responsesToDrop = count;
    },
    setDown: (value) => {
      down = value;
    },
    cosignEnv: () => ({
      SIGSTORE_REKOR_PUBLIC_KEY: rekorPublicKeyPath,
      SIGSTORE_ROOT_FILE: fulcioRootPath,
      SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: ctlogPublicKeyPath,
    }),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
