import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InternalError, type BundleBuilder } from '@sigstore/sign';
import { SignerError } from '../../../src/errors.ts';
import { toServiceError, withServiceErrors, type ServiceUrls } from '../../../src/sigstore/service-errors.ts';

const BY_URL: ServiceUrls = { rekorUrl: 'https://rekor.test', tsaUrl: 'https://tsa.test/api/v1/timestamp' };
const BY_SIGNING_CONFIG: ServiceUrls = { ...BY_URL, fromSigningConfig: true };

const logRefused = new InternalError({
  code: 'TLOG_CREATE_ENTRY_ERROR',
  message: 'error creating tlog entry',
  cause: new Error('(400) invalid type, must be hashedrekord'),
});
const timestampRefused = new InternalError({
  code: 'TSA_CREATE_TIMESTAMP_ERROR',
  message: 'error creating timestamp',
  cause: new Error('(503) unavailable'),
});

describe('toServiceError', () => {
  const cases: [string, unknown, ServiceUrls, RegExp][] = [
    [
      'a log refusal names Rekor, its URL, the cause and rekor-url',
      logRefused,
      BY_URL,
      /^Rekor at https:\/\/rekor\.test did not log the signature: \(400\) invalid type, must be hashedrekord\. Check 'rekor-url' \(a Rekor v2 is chosen with 'signing-config'\), or set 'tlog-upload: false'/,
    ],
    [
      'a log refusal with services from a signing config points at signing-config',
      logRefused,
      BY_SIGNING_CONFIG,
      /did not log the signature: .*Check the log in 'signing-config' \(its URL and API version\)/,
    ],
    [
      'a TSA refusal names the TSA, its URL, the cause and tsa-url',
      timestampRefused,
      BY_URL,
      /^The timestamp authority at https:\/\/tsa\.test\/api\/v1\/timestamp did not timestamp the signature: \(503\) unavailable\. Check 'tsa-url'\.$/,
    ],
    [
      'a TSA refusal with services from a signing config points at signing-config',
      timestampRefused,
      BY_SIGNING_CONFIG,
      /did not timestamp the signature: \(503\) unavailable\. Check the timestamp authority in 'signing-config'\.$/,
    ],
  ];
  for (const [name, err, urls, message] of cases) {
    it(`${name} (WITNESS_FAILED, keeping the cause)`, () => {
      const error = toServiceError(err, urls);
      assert.equal(error.code, 'WITNESS_FAILED');
      assert.match(error.message, message);
      assert.equal(error.cause, err);
    });
  }

  it("says '?' for a service whose URL is unknown", () => {
    assert.match(toServiceError(logRefused, {}).message, /^Rekor at \? did not log/);
    assert.match(toServiceError(timestampRefused, {}).message, /^The timestamp authority at \? did not/);
  });

  it('describes an internal error without a cause by its own message', () => {
    const bare = new InternalError({ code: 'TLOG_CREATE_ENTRY_ERROR', message: 'no answer' });
    assert.match(toServiceError(bare, BY_URL).message, /did not log the signature: no answer\./);
  });

  it('anything else is SIGN_FAILED with its cause, and a SignerError passes unchanged', () => {
    const other = new Error('key gone');
    const failed = toServiceError(other, BY_URL);
    assert.equal(failed.code, 'SIGN_FAILED');
    assert.equal(failed.message, 'Signing failed: key gone.');
    assert.equal(failed.cause, other);
    const fetchFailed = new InternalError({ code: 'TLOG_FETCH_ENTRY_ERROR', message: 'x', cause: 'lost' });
    assert.equal(toServiceError(fetchFailed, BY_URL).message, 'Signing failed: lost.');
    const ours = new SignerError('INPUT_CONFLICT', 'P-256 only');
    assert.equal(toServiceError(ours, BY_URL), ours);
  });
});

describe('withServiceErrors', () => {
  const builder = (create: BundleBuilder['create']): BundleBuilder => ({ create });

  it("passes the builder's bundle through", async () => {
    const bundle = { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json' };
    const wrapped = withServiceErrors(
      builder(async () => bundle as Awaited<ReturnType<BundleBuilder['create']>>),
      BY_URL,
    );
    assert.equal(await wrapped.create({ data: Buffer.from('x') }), bundle);
  });

  it("turns the builder's failure into the service's error", async () => {
    const wrapped = withServiceErrors(
      builder(() => Promise.reject(logRefused)),
      BY_URL,
    );
    await assert.rejects(
      () => wrapped.create({ data: Buffer.from('x') }),
      (err: unknown) =>
        err instanceof SignerError && err.code === 'WITNESS_FAILED' && err.cause === logRefused,
    );
  });
});
