import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { SignerError } from '../../../src/errors.ts';
import {
  createTrustedRootSource,
  fetchSigningConfigThroughTuf,
} from '../../../src/sigstore/trusted-root-source.ts';
import { withServicesFromTuf } from '../../../src/sigstore/tuf-services.ts';
import { readConfig, type InputSource } from '../../../src/inputs.ts';
import { startTufRepository, type TufRepository } from '../../harness/tuf-repository.ts';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'rs-tuf-'));
const write = (name: string, content: object): string => {
  const path = join(scratch(), name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

const ROOT_JSON = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [
    {
      baseUrl: 'https://rekor.internal',
      hashAlgorithm: 'SHA2_256',
      publicKey: {
        rawBytes: 'AAAA',
        keyDetails: 'PKIX_ECDSA_P256_SHA_256',
        validFor: { start: '2025-01-01T00:00:00Z' },
      },
      logId: { keyId: 'AAAA' },
    },
  ],
};
const service = (url: string, majorApiVersion = 1) => ({
  url,
  majorApiVersion,
  validFor: { start: '2025-01-01T00:00:00Z' },
});
const signingConfig = (config: object): string =>
  write('signing_config.json', {
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    ...config,
  });

async function rejection(promise: Promise<unknown>): Promise<SignerError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('resolved');
}

describe('createTrustedRootSource', () => {
  it("reads 'trusted-root' once for the run", async () => {
    const path = write('trusted_root.json', ROOT_JSON);
    const source = createTrustedRootSource({ trustedRootPath: path }, scratch());
    const first = await source();
    writeFileSync(path, 'replaced after the first read');
    assert.equal(await source(), first);
    assert.equal(first.tlogs[0]?.baseUrl, 'https://rekor.internal');
  });

  it("refuses an unreadable 'trusted-root' when first needed", async () => {
    const source = createTrustedRootSource({ trustedRootPath: '/nonexistent/trusted_root.json' }, scratch());
    assert.throws(
      () => source(),
      (err: unknown) => err instanceof SignerError && err.code === 'INPUT_INVALID',
    );
  });

  describe('through TUF', () => {
    let repository: TufRepository;
    before(async () => {
      repository = await startTufRepository(
        write('trusted_root.json', ROOT_JSON),
        signingConfig({ caUrls: [service('https://fulcio.internal')] }),
      );
    });
    after(() => repository.stop());

    it("updates from 'tuf-root' at 'tuf-mirror-url' once per run, caching under the temp folder", async () => {
      const tempDir = scratch();
      const trust = { tufMirrorUrl: repository.url, tufRootPath: repository.rootPath };
      repository.requests.length = 0;
      const source = createTrustedRootSource(trust, tempDir);
      const [root, again, signingConfigBytes] = await Promise.all([
        source(),
        source(),
        fetchSigningConfigThroughTuf(trust, tempDir),
      ]);
      assert.equal(root, again);
      assert.equal((root as TrustedRoot).tlogs[0]?.baseUrl, 'https://rekor.internal');
      assert.match(signingConfigBytes.toString('utf8'), /fulcio\.internal/);
      assert.equal(repository.requests.filter((path) => path === '/timestamp.json').length, 1);
      assert.ok(existsSync(join(tempDir, 'release-signer-tuf')));
    });

    it('says the signing config could not be fetched when the repository does not publish it', async () => {
      const bare = await startTufRepository(write('trusted_root.json', ROOT_JSON));
      try {
        const error = await rejection(
          fetchSigningConfigThroughTuf({ tufMirrorUrl: bare.url, tufRootPath: bare.rootPath }, scratch()),
        );
        assert.equal(error.code, 'TRUST_UNAVAILABLE');
        assert.ok(
          error.message.startsWith(
            `Sigstore's signing config (signing_config.v0.2.json) could not be fetched through TUF from ${bare.url}: `,
          ),
        );
        assert.match(
          error.message,
          /Nothing was signed\..*give a signing_config\.json path in 'signing-config'\.$/,
        );
      } finally {
        await bare.stop();
      }
    });

    it('tries a failed update again, rather than remembering the failure for the run', async () => {
      // A mirror that answers 404 until switched on, then relays the repository: the same options twice.
      let online = false;
      const mirror = createServer((req, res) => {
        if (!online) return void res.writeHead(404).end();
        void fetch(new URL(req.url ?? '/', repository.url)).then(async (answer) => {
          res.writeHead(answer.status).end(Buffer.from(await answer.arrayBuffer()));
        });
      });
      await new Promise<void>((resolveListen) => mirror.listen(0, '127.0.0.1', resolveListen));
      try {
        const address = mirror.address();
        const trust = {
          tufMirrorUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
          tufRootPath: repository.rootPath,
        };
        const tempDir = scratch();
        await rejection(fetchSigningConfigThroughTuf(trust, tempDir));
        online = true;
        assert.match(
          (await fetchSigningConfigThroughTuf(trust, tempDir)).toString('utf8'),
          /fulcio\.internal/,
        );
      } finally {
        mirror.closeAllConnections();
        await new Promise<void>((resolveClose) => mirror.close(() => resolveClose()));
      }
    });

    it("names the mirror and 'tuf-root' when the repository cannot be reached", async () => {
      const gone = await startTufRepository(write('trusted_root.json', ROOT_JSON));
      await gone.stop();
      const trust = { tufMirrorUrl: gone.url, tufRootPath: repository.rootPath };
      const error = await rejection(createTrustedRootSource(trust, scratch())());
      assert.equal(error.code, 'TRUST_UNAVAILABLE');
      assert.match(
        error.message,
        new RegExp(
          `^Sigstore's trusted root could not be updated through TUF from ${gone.url}: .*Check that the runner reaches ${gone.url} and that 'tuf-root' is that repository's root\\.json\\.$`,
          's',
        ),
      );
      assert.ok(error.cause instanceof Error);
    });
  });
});

describe('withServicesFromTuf', () => {
  const inputs = (values: Record<string, string>): InputSource => {
    const all: Record<string, string> = {
      images: `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`,
      provenance: 'off',
      'signature-format': 'bundle',
      'signing-config': 'tuf',
      ...values,
    };
    return {
      get: (name) => all[name] ?? '',
      env: (name) =>
        name === 'KEY' ? '-----BEGIN PRIVATE KEY-----\nMA==\n-----END PRIVATE KEY-----' : undefined,
      mask: () => undefined,
    };
  };
  const published: TufRepository[] = [];
  after(() => Promise.all(published.map((repository) => repository.stop())));
  async function configFrom(config: object, values: Record<string, string> = {}) {
    const repository = await startTufRepository(write('trusted_root.json', ROOT_JSON), signingConfig(config));
    published.push(repository);
    return readConfig(
      inputs({ 'tuf-mirror-url': repository.url, 'tuf-root': repository.rootPath, ...values }),
    );
  }
  const CA = { caUrls: [service('https://fulcio.internal')] };
  const LOG = { rekorTlogUrls: [service('https://rekor.internal')], rekorTlogConfig: { selector: 'ANY' } };
  const TSA = { tsaUrls: [service('https://tsa.internal/api/v1/timestamp')], tsaConfig: { selector: 'ANY' } };
  const PRIVATE = { ...CA, ...LOG, ...TSA };

  it('leaves a config without signing-config: tuf as it is, asking nothing', async () => {
    const config = await readConfig(inputs({ 'signing-config': '', 'trusted-root': '/t/trusted_root.json' }));
    assert.equal(await withServicesFromTuf(config, '/nonexistent'), config);
  });

  it("takes Fulcio, the log and the TSA from the repository's signing config", async () => {
    const config = await withServicesFromTuf(await configFrom(PRIVATE), scratch());
    assert.equal(config.signing.mode === 'keyless' && config.signing.fulcioUrl, 'https://fulcio.internal');
    assert.deepEqual(config.tlog, { rekorUrl: 'https://rekor.internal', majorApiVersion: 1 });
    assert.equal(config.tsaUrl, 'https://tsa.internal/api/v1/timestamp');
  });

  it("keeps 'tlog-upload: false' and a key's signing, and the default Fulcio when the config names none", async () => {
    const keyed = await withServicesFromTuf(
      await configFrom(PRIVATE, { key: 'env://KEY', 'tlog-upload': 'false' }),
      scratch(),
    );
    assert.equal(keyed.tlog, undefined);
    const keyConfig = await configFrom(PRIVATE, { key: 'env://KEY' });
    assert.deepEqual((await withServicesFromTuf(keyConfig, scratch())).signing, keyConfig.signing);
    const keyless = await withServicesFromTuf(await configFrom({ ...LOG, ...TSA }), scratch());
    assert.equal(
      keyless.signing.mode === 'keyless' && keyless.signing.fulcioUrl,
      'https://fulcio.sigstore.dev',
    );
  });

  it('refuses keyless signing with neither a log nor a TSA', async () => {
    const config = await configFrom(CA, { 'tlog-upload': 'false' });
    const error = await rejection(withServicesFromTuf(config, scratch()));
    assert.equal(error.code, 'INPUT_CONFLICT');
    assert.match(
      error.message,
      /^The signing config from TUF \(signing_config\.v0\.2\.json\) names no timestamp authority and no log is used/,
    );
  });

  it('accepts signing with a key and neither a log nor a TSA: a key needs no proof of time', async () => {
    const config = await configFrom(CA, { key: 'env://KEY', 'tlog-upload': 'false' });
    const chosen = await withServicesFromTuf(config, scratch());
    assert.equal(chosen.tlog, undefined);
    assert.equal(chosen.tsaUrl, undefined);
  });

  it('accepts keyless signing with a log and no TSA, or a TSA and no log', async () => {
    const logOnly = await withServicesFromTuf(await configFrom({ ...CA, ...LOG }), scratch());
    assert.equal(logOnly.tsaUrl, undefined);
    const tsaOnly = await withServicesFromTuf(
      await configFrom(PRIVATE, { 'tlog-upload': 'false' }),
      scratch(),
    );
    assert.equal(tsaOnly.tlog, undefined);
  });

  it('refuses a Rekor v2 with the legacy format, and a broken signing config naming the TUF target', async () => {
    const v2 = { ...PRIVATE, rekorTlogUrls: [service('https://log2026-1.rekor.internal', 2)] };
    const legacy = await rejection(
      withServicesFromTuf(await configFrom(v2, { 'signature-format': 'legacy' }), scratch()),
    );
    assert.equal(legacy.code, 'INPUT_CONFLICT');
    const broken = await rejection(
      withServicesFromTuf(await configFrom({ ...PRIVATE, tsaConfig: { selector: 'ALL' } }), scratch()),
    );
    assert.match(
      broken.message,
      /^Input 'signing-config': 'TUF target signing_config\.v0\.2\.json' asks for every/,
    );
  });
});
