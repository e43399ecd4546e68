import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { readConfig, type InputSource } from '../../../src/inputs.ts';
import {
  parseSigningConfig,
  readSigningConfig,
  refuseLegacyWithRekorV2,
} from '../../../src/sigstore/signing-config.ts';

const NOW = new Date('2026-06-01T00:00:00Z');

function service(url: string, majorApiVersion: number, start: string, end?: string): object {
  return { url, majorApiVersion, validFor: { start, ...(end ? { end } : {}) }, operator: 'test' };
}

/** A signing_config.json v0.2 as `cosign signing-config create` writes it. */
function writeConfig(config: object): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rs-sc-')), 'signing_config.json');
  writeFileSync(
    path,
    JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json', ...config }),
  );
  return path;
}

const PRIVATE = writeConfig({
  caUrls: [service('http://fulcio.test', 1, '2025-01-01T00:00:00Z')],
  rekorTlogUrls: [
    service('http://rekor-v1.test', 1, '2025-01-01T00:00:00Z'),
    service('http://rekor-v2.test', 2, '2025-06-01T00:00:00Z'),
    service('http://rekor-v3.test', 3, '2026-01-01T00:00:00Z'),
  ],
  rekorTlogConfig: { selector: 'ANY' },
  tsaUrls: [
    service('http://old-tsa.test', 1, '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
    service('http://tsa.test/api/v1/timestamp', 1, '2025-01-01T00:00:00Z'),
  ],
  tsaConfig: { selector: 'ANY' },
});

function inputs(values: Record<string, string>): InputSource {
  const all: Record<string, string> = {
    images: `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`,
    provenance: 'off',
    'trusted-root': '/t/trusted_root.json',
    ...values,
  };
  return { get: (name) => all[name] ?? '', env: () => undefined, mask: () => undefined };
}

/** The refusal of inputs read as the action reads them. */
async function inputsRefusal(values: Record<string, string>): Promise<SignerError> {
  try {
    await readConfig(inputs(values));
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('accepted');
}

function refusal(run: () => unknown): SignerError {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('accepted');
}

describe('signing-config', () => {
  it('chooses the highest API version we speak, valid now, and skips expired services', () => {
    assert.deepEqual(readSigningConfig(PRIVATE, NOW), {
      fulcioUrl: 'http://fulcio.test',
      tlog: { rekorUrl: 'http://rekor-v2.test', majorApiVersion: 2 },
      tsaUrl: 'http://tsa.test/api/v1/timestamp',
    });
  });

  it('uses no log when the config lists none', () => {
    const path = writeConfig({ caUrls: [service('http://fulcio.test', 1, '2025-01-01T00:00:00Z')] });
    assert.deepEqual(readSigningConfig(path, NOW), { fulcioUrl: 'http://fulcio.test' });
  });

  it('refuses a selector that asks for more than one log', () => {
    const path = writeConfig({
      rekorTlogUrls: [service('http://rekor.test', 1, '2025-01-01T00:00:00Z')],
      rekorTlogConfig: { selector: 'ALL' },
    });
    const error = refusal(() => readSigningConfig(path, NOW));
    assert.equal(error.code, 'INPUT_INVALID');
    assert.match(error.message, /'signing-config'.*every log.*ANY or EXACT:1/);
  });

  it('refuses a file that is not a signing config, naming the input', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rs-sc-')), 'x.json');
    writeFileSync(path, 'not json');
    assert.match(refusal(() => readSigningConfig(path, NOW)).message, /Input 'signing-config'/);
  });

  it('takes Fulcio, the log and the TSA for the run, and refuses them named twice', async () => {
    const config = await readConfig(inputs({ 'signing-config': PRIVATE, 'signature-format': 'bundle' }));
    assert.equal(config.signing.mode === 'keyless' && config.signing.fulcioUrl, 'http://fulcio.test');
    assert.deepEqual(config.tlog, { rekorUrl: 'http://rekor-v2.test', majorApiVersion: 2 });
    assert.equal(config.tsaUrl, 'http://tsa.test/api/v1/timestamp');
    const conflict = await inputsRefusal({ 'signing-config': PRIVATE, 'rekor-url': 'http://other.test' });
    assert.equal(conflict.code, 'INPUT_CONFLICT');
    assert.match(conflict.message, /'signing-config' and 'rekor-url' conflict/);
  });

  it('keeps tlog-upload false, and refuses the legacy format with a Rekor v2', async () => {
    const noLog = await readConfig(inputs({ 'signing-config': PRIVATE, 'tlog-upload': 'false' }));
    assert.equal(noLog.tlog, undefined);
    const legacy = await inputsRefusal({ 'signing-config': PRIVATE });
    assert.equal(legacy.code, 'INPUT_CONFLICT');
    assert.match(legacy.message, /Rekor v2.*'signature-format: both'.*signature-format: bundle/);
  });

  it('signs release files alone with a Rekor v2 under the default signature-format: files are bundles', async () => {
    const filesOnly = await readConfig(
      inputs({ 'signing-config': PRIVATE, images: '', files: 'dist/checksums.txt' }),
    );
    assert.deepEqual(filesOnly.tlog, { rekorUrl: 'http://rekor-v2.test', majorApiVersion: 2 });
    const withImages = await inputsRefusal({ 'signing-config': PRIVATE, files: 'dist/checksums.txt' });
    assert.equal(withImages.code, 'INPUT_CONFLICT');
  });

  it('names signing-config when its private services come without a trusted root', async () => {
    const error = await inputsRefusal({
      'signing-config': PRIVATE,
      'signature-format': 'bundle',
      'trusted-root': '',
    });
    assert.match(error.message, /'signing-config' names a Sigstore other than public-good/);
  });

  it("with 'tuf', leaves the services to the run and refuses a trusted-root file beside it", async () => {
    const config = await readConfig(inputs({ 'signing-config': 'tuf', 'trusted-root': '' }));
    assert.deepEqual(config.servicesFromTuf, { tlogUpload: true });
    assert.equal(config.tlog, undefined);
    const conflict = await inputsRefusal({ 'signing-config': 'tuf' });
    assert.match(conflict.message, /'signing-config: tuf' and 'trusted-root' conflict/);
  });
});

describe('parseSigningConfig', () => {
  const parse = (config: object, now = NOW) =>
    parseSigningConfig(
      Buffer.from(
        JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json', ...config }),
      ),
      'TUF target signing_config.v0.2.json',
      now,
    );
  const refused = (config: object): string => refusal(() => parse(config)).message;
  const rekor = (selector: object) => ({
    rekorTlogUrls: [service('http://rekor.test', 1, '2025-01-01T00:00:00Z')],
    rekorTlogConfig: selector,
  });
  const tsa = (selector: object) => ({
    tsaUrls: [service('http://tsa.test', 1, '2025-01-01T00:00:00Z')],
    tsaConfig: selector,
  });

  describe('when choosing among services', () => {
    it('takes a service valid from exactly now and one valid until exactly now', () => {
      const now = '2026-06-01T00:00:00Z';
      assert.equal(
        parse({ caUrls: [service('http://starts.test', 1, now)] }).fulcioUrl,
        'http://starts.test',
      );
      assert.equal(
        parse({ caUrls: [service('http://ends.test', 1, '2025-01-01T00:00:00Z', now)] }).fulcioUrl,
        'http://ends.test',
      );
    });

    it('skips a service not valid yet and one of API version 0', () => {
      const config = {
        caUrls: [
          service('http://later.test', 1, '2026-07-01T00:00:00Z'),
          service('http://v0.test', 0, '2026-01-01T00:00:00Z'),
          service('http://now.test', 1, '2025-01-01T00:00:00Z'),
        ],
      };
      assert.equal(parse(config).fulcioUrl, 'http://now.test');
      const onlyV0 = { tsaUrls: [service('http://v0-tsa.test', 0, '2025-01-01T00:00:00Z')] };
      assert.match(refused(onlyV0), /lists no timestamp authority valid now with API version 1/);
    });

    it('among the same API version, takes the newest start; a service without a start counts as oldest', () => {
      const config = {
        rekorTlogUrls: [
          { url: 'http://no-start.test', majorApiVersion: 1 },
          service('http://older.test', 1, '2025-01-01T00:00:00Z'),
          service('http://newer.test', 1, '2026-01-01T00:00:00Z'),
          service('http://middle.test', 1, '2025-06-01T00:00:00Z'),
        ],
      };
      assert.deepEqual(parse(config).tlog, { rekorUrl: 'http://newer.test', majorApiVersion: 1 });
      const endOnly = {
        url: 'http://end-only.test',
        majorApiVersion: 1,
        validFor: { end: '2027-01-01T00:00:00Z' },
      };
      assert.equal(
        parse({ caUrls: [endOnly, service('http://dated.test', 1, '2025-01-01T00:00:00Z')] }).fulcioUrl,
        'http://dated.test',
      );
      assert.deepEqual(parse({ rekorTlogUrls: [{ url: 'http://no-start.test', majorApiVersion: 1 }] }).tlog, {
        rekorUrl: 'http://no-start.test',
        majorApiVersion: 1,
      });
    });

    it('refuses a log list or a TSA list with nothing usable now, rather than signing without it', () => {
      assert.match(
        refused({ rekorTlogUrls: [service('http://rekor-v3.test', 3, '2025-01-01T00:00:00Z')] }),
        /^Input 'signing-config': 'TUF target signing_config\.v0\.2\.json' lists no Rekor valid now with API version 1 or 2\./,
      );
      assert.match(
        refused({ tsaUrls: [service('http://old.test', 1, '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z')] }),
        /lists no timestamp authority valid now with API version 1\. Give the path of a signing_config\.json/,
      );
    });
  });

  describe('when a selector asks how many services to use', () => {
    it('accepts ANY, EXACT:1 and no selector config at all', () => {
      for (const selector of [{ selector: 'ANY' }, { selector: 'EXACT', count: 1 }]) {
        assert.equal(parse({ ...rekor(selector), ...tsa(selector) }).tsaUrl, 'http://tsa.test');
      }
      const { rekorTlogUrls, tsaUrls } = { ...rekor({}), ...tsa({}) };
      assert.equal(parse({ rekorTlogUrls, tsaUrls }).tsaUrl, 'http://tsa.test');
    });

    it('refuses EXACT:2 logs and every timestamp authority, saying how many were asked for', () => {
      assert.match(refused(rekor({ selector: 'EXACT', count: 2 })), /asks for 2 log per signature/);
      assert.match(
        refused(tsa({ selector: 'ALL' })),
        /asks for every timestamp authority per signature; release-signer uses one/,
      );
      assert.match(refused(tsa({ selector: 'EXACT', count: 3 })), /asks for 3 timestamp authority/);
      assert.match(refused(rekor({ selector: 'ALL', count: 1 })), /asks for every log per signature/);
    });

    it('ignores the selector of a service the config does not list (that service is not used)', () => {
      const config = { rekorTlogConfig: { selector: 'ALL' }, tsaConfig: { selector: 'EXACT', count: 2 } };
      assert.deepEqual(parse(config), {});
    });
  });

  it('refuses a file over 256 KiB before parsing it', () => {
    const padded = Buffer.alloc(256 * 1024 + 1, ' ');
    const message = refusal(() => parseSigningConfig(padded, '/t/signing_config.json', NOW)).message;
    assert.match(message, /is not a readable signing_config\.json \(larger than 262144 bytes\)/);
    assert.doesNotThrow(() => parseSigningConfig(Buffer.from(`{}${' '.repeat(256 * 1024 - 2)}`), 'f', NOW));
  });

  it('refuses a path it cannot read, naming it', () => {
    assert.match(
      refusal(() => readSigningConfig('/nonexistent/signing_config.json', NOW)).message,
      /^Input 'signing-config': '\/nonexistent\/signing_config\.json' is not a readable signing_config\.json \(ENOENT/,
    );
  });
});

describe('refuseLegacyWithRekorV2', () => {
  const v2 = { rekorUrl: 'http://rekor.test', majorApiVersion: 2 } as const;
  const v1 = { rekorUrl: 'http://rekor.test', majorApiVersion: 1 } as const;

  it('refuses the legacy format alone or beside bundles with a Rekor v2, naming the setting', () => {
    assert.match(
      refusal(() => refuseLegacyWithRekorV2(['legacy'], v2)).message,
      /'signature-format: legacy' conflict/,
    );
    assert.match(
      refusal(() => refuseLegacyWithRekorV2(['bundle', 'legacy'], v2)).message,
      /'signature-format: both' conflict/,
    );
  });

  it('allows bundles with a Rekor v2, legacy with a Rekor v1, and legacy without a log', () => {
    assert.doesNotThrow(() => refuseLegacyWithRekorV2(['bundle'], v2));
    assert.doesNotThrow(() => refuseLegacyWithRekorV2(['legacy', 'bundle'], v1));
    assert.doesNotThrow(() => refuseLegacyWithRekorV2(['legacy'], undefined));
  });
});
