import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { readConfig, type InputSource } from '../../../src/inputs.ts';
import { readSigningConfig } from '../../../src/sigstore/signing-config.ts';

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

  it('takes Fulcio, the log and the TSA for the run, and refuses them named twice', () => {
    const config = readConfig(inputs({ 'signing-config': PRIVATE, 'signature-format': 'bundle' }));
    assert.equal(config.signing.mode === 'keyless' && config.signing.fulcioUrl, 'http://fulcio.test');
    assert.deepEqual(config.tlog, { rekorUrl: 'http://rekor-v2.test', majorApiVersion: 2 });
    assert.equal(config.tsaUrl, 'http://tsa.test/api/v1/timestamp');
    const conflict = refusal(() =>
      readConfig(inputs({ 'signing-config': PRIVATE, 'rekor-url': 'http://other.test' })),
    );
    assert.equal(conflict.code, 'INPUT_CONFLICT');
    assert.match(conflict.message, /'signing-config' and 'rekor-url' conflict/);
  });

  it('keeps tlog-upload false, and refuses the legacy format with a Rekor v2', () => {
    const noLog = readConfig(inputs({ 'signing-config': PRIVATE, 'tlog-upload': 'false' }));
    assert.equal(noLog.tlog, undefined);
    const legacy = refusal(() => readConfig(inputs({ 'signing-config': PRIVATE })));
    assert.equal(legacy.code, 'INPUT_CONFLICT');
    assert.match(legacy.message, /Rekor v2.*'signature-format: both'.*signature-format: bundle/);
  });

  it('signs release files alone with a Rekor v2 under the default signature-format: files are bundles', () => {
    const filesOnly = readConfig(
      inputs({ 'signing-config': PRIVATE, images: '', files: 'dist/checksums.txt' }),
    );
    assert.deepEqual(filesOnly.tlog, { rekorUrl: 'http://rekor-v2.test', majorApiVersion: 2 });
    const withImages = refusal(() =>
      readConfig(inputs({ 'signing-config': PRIVATE, files: 'dist/checksums.txt' })),
    );
    assert.equal(withImages.code, 'INPUT_CONFLICT');
  });

  it('names signing-config when its private services come without a trusted root', () => {
    const error = refusal(() =>
      readConfig(inputs({ 'signing-config': PRIVATE, 'signature-format': 'bundle', 'trusted-root': '' })),
    );
    assert.match(error.message, /'signing-config' names a Sigstore other than public-good/);
  });

  it("with 'tuf', leaves the services to the run and refuses a trusted-root file beside it", () => {
    const config = readConfig(inputs({ 'signing-config': 'tuf', 'trusted-root': '' }));
    assert.deepEqual(config.servicesFromTuf, { tlogUpload: true });
    assert.equal(config.tlog, undefined);
    const conflict = refusal(() => readConfig(inputs({ 'signing-config': 'tuf' })));
    assert.match(conflict.message, /'signing-config: tuf' and 'trusted-root' conflict/);
  });
});
