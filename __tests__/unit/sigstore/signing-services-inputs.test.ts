import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import type { InputSource } from '../../../src/input-source.ts';
import { readSigningServices } from '../../../src/sigstore/signing-services-inputs.ts';

const inputs = (values: Record<string, string>): InputSource => ({
  get: (name) => values[name] ?? '',
  env: () => undefined,
  mask: () => undefined,
});

function refusal(values: Record<string, string>): SignerError {
  try {
    readSigningServices(inputs(values), true);
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('the inputs were accepted');
}

const SIGNING_CONFIG = join(mkdtempSync(join(tmpdir(), 'rs-services-')), 'signing_config.json');
writeFileSync(
  SIGNING_CONFIG,
  JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    caUrls: [
      { url: 'https://fulcio.internal', majorApiVersion: 1, validFor: { start: '2025-01-01T00:00:00Z' } },
    ],
    rekorTlogUrls: [
      { url: 'https://rekor.internal', majorApiVersion: 1, validFor: { start: '2025-01-01T00:00:00Z' } },
    ],
    rekorTlogConfig: { selector: 'ANY' },
    tsaUrls: [
      {
        url: 'https://tsa.internal/api/v1/timestamp',
        majorApiVersion: 1,
        validFor: { start: '2025-01-01T00:00:00Z' },
      },
    ],
    tsaConfig: { selector: 'ANY' },
  }),
);

describe('readSigningServices', () => {
  describe('without signing-config', () => {
    it("logs to public-good's Rekor v1 by default, and to rekor-url when given", () => {
      assert.deepEqual(readSigningServices(inputs({}), true), {
        tlog: { rekorUrl: 'https://rekor.sigstore.dev', majorApiVersion: 1 },
      });
      assert.deepEqual(readSigningServices(inputs({ 'rekor-url': ' https://rekor.internal/ ' }), true), {
        tlog: { rekorUrl: 'https://rekor.internal', majorApiVersion: 1 },
      });
    });

    it("uses no log with 'tlog-upload: false', and a TSA only when tsa-url names one", () => {
      assert.deepEqual(readSigningServices(inputs({ 'tsa-url': '  ' }), false), {});
      assert.deepEqual(
        readSigningServices(inputs({ 'tsa-url': 'https://tsa.internal/api/v1/timestamp' }), false),
        {
          tsaUrl: 'https://tsa.internal/api/v1/timestamp',
        },
      );
    });

    it('refuses a rekor-url that is not a URL, naming the input', () => {
      assert.match(refusal({ 'rekor-url': 'rekor.internal' }).message, /^Input 'rekor-url'/);
    });
  });

  describe('with a signing_config.json path', () => {
    it('takes Fulcio, the log and the TSA the file chooses', () => {
      assert.deepEqual(readSigningServices(inputs({ 'signing-config': ` ${SIGNING_CONFIG} ` }), true), {
        signingConfigPath: SIGNING_CONFIG,
        fulcioUrl: 'https://fulcio.internal',
        tlog: { rekorUrl: 'https://rekor.internal', majorApiVersion: 1 },
        tsaUrl: 'https://tsa.internal/api/v1/timestamp',
      });
    });

    it("still writes no log entry with 'tlog-upload: false'", () => {
      const services = readSigningServices(inputs({ 'signing-config': SIGNING_CONFIG }), false);
      assert.equal(services.tlog, undefined);
      assert.equal(services.tsaUrl, 'https://tsa.internal/api/v1/timestamp');
    });

    it('accepts the service inputs left at their defaults, or blank', () => {
      const services = readSigningServices(
        inputs({
          'signing-config': SIGNING_CONFIG,
          'fulcio-url': ' https://fulcio.sigstore.dev ',
          'rekor-url': 'https://rekor.sigstore.dev',
          'tsa-url': '  ',
        }),
        true,
      );
      assert.equal(services.fulcioUrl, 'https://fulcio.internal');
    });

    it('refuses a service also named by URL, naming each such input', () => {
      const single = refusal({ 'signing-config': SIGNING_CONFIG, 'fulcio-url': 'https://fulcio.other' });
      assert.equal(single.code, 'INPUT_CONFLICT');
      assert.match(single.message, /^Inputs 'signing-config' and 'fulcio-url' conflict: /);
      const both = refusal({
        'signing-config': SIGNING_CONFIG,
        'rekor-url': 'https://rekor.other',
        'tsa-url': 'https://tsa.other',
      });
      assert.match(both.message, /Remove 'rekor-url', 'tsa-url', or 'signing-config'\.$/);
    });
  });

  describe("with 'signing-config: tuf'", () => {
    it('leaves the services to the run, remembering tlog-upload', () => {
      assert.deepEqual(readSigningServices(inputs({ 'signing-config': 'tuf' }), true), {
        fromTuf: { tlogUpload: true },
      });
      assert.deepEqual(readSigningServices(inputs({ 'signing-config': ' tuf ' }), false), {
        fromTuf: { tlogUpload: false },
      });
    });

    it('takes a blank trusted-root as none', () => {
      assert.deepEqual(readSigningServices(inputs({ 'signing-config': 'tuf', 'trusted-root': ' ' }), true), {
        fromTuf: { tlogUpload: true },
      });
    });

    it('refuses a trusted-root file beside it', () => {
      const error = refusal({ 'signing-config': 'tuf', 'trusted-root': '/t/trusted_root.json' });
      assert.equal(error.code, 'INPUT_CONFLICT');
      assert.match(error.message, /^Inputs 'signing-config: tuf' and 'trusted-root' conflict/);
    });
  });
});
