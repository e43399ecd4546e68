import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { readConfig, type InputSource } from '../../../src/inputs.ts';

function inputs(values: Record<string, string>): InputSource {
  const all: Record<string, string> = {
    images: `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`,
    'tlog-upload': 'true',
    provenance: 'off',
    ...values,
  };
  const keyPem = '-----BEGIN PRIVATE KEY-----\nMA==\n-----END PRIVATE KEY-----';
  return {
    get: (name) => all[name] ?? '',
    env: (name) => (name === 'KEY' ? keyPem : undefined),
    mask: () => undefined,
  };
}

async function refusal(values: Record<string, string>): Promise<SignerError> {
  try {
    await readConfig(inputs(values));
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('the inputs were accepted');
}

describe('where the trusted root comes from', () => {
  it('is public-good through TUF by default, with no input', async () => {
    assert.deepEqual((await readConfig(inputs({}))).trust, {});
  });

  it('takes a trusted_root.json, or a TUF mirror with its root', async () => {
    assert.deepEqual((await readConfig(inputs({ 'trusted-root': '/t/root.json' }))).trust, {
      trustedRootPath: '/t/root.json',
    });
    assert.deepEqual(
      (await readConfig(inputs({ 'tuf-mirror-url': 'https://tuf.example', 'tuf-root': '/t/1.root.json' })))
        .trust,
      { tufMirrorUrl: 'https://tuf.example', tufRootPath: '/t/1.root.json' },
    );
  });

  it('refuses a private Sigstore named without its trust, naming the input to set', async () => {
    const privateSigstores: Record<string, string>[] = [
      { 'fulcio-url': 'https://fulcio.internal' },
      { 'rekor-url': 'https://rekor.internal' },
      { 'tsa-url': 'https://tsa.internal/api/v1/timestamp', 'tlog-upload': 'false' },
      { key: 'env://KEY', 'rekor-url': 'https://rekor.internal' },
    ];
    for (const values of privateSigstores) {
      const err = await refusal(values);
      assert.match(err.message, /^Input 'trusted-root': .* public-good's trusted root cannot verify/);
    }
  });

  it('needs no trust for a key without a log', async () => {
    const config = await readConfig(
      inputs({ key: 'env://KEY', 'tlog-upload': 'false', 'rekor-url': 'https://rekor.internal' }),
    );
    assert.deepEqual(config.trust, {});
  });

  it('refuses a TUF mirror without its root, and both kinds of trust at once', async () => {
    assert.match((await refusal({ 'tuf-mirror-url': 'https://tuf.example' })).message, /^Input 'tuf-root'/);
    assert.equal(
      (
        await refusal({
          'trusted-root': '/t/root.json',
          'tuf-mirror-url': 'https://tuf.example',
          'tuf-root': '/r',
        })
      ).code,
      'INPUT_CONFLICT',
    );
  });
});
