import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { maskSecret } from '../../src/input-source.ts';
import { readConfig, type InputSource } from '../../src/inputs.ts';

const KEY_PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

/** A key-signed release of one image, with `github-token` and GITHUB_TOKEN as given. */
function source(token: string, env: Record<string, string>, masked: string[]): InputSource {
  const inputs: Record<string, string> = {
    images: `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`,
    key: 'env://SIGNING_KEY',
    'tlog-upload': 'false',
    provenance: 'off',
    'github-token': token,
  };
  return {
    get: (name) => inputs[name] ?? '',
    env: (name) => (name === 'SIGNING_KEY' ? KEY_PEM : env[name]),
    mask: (secret) => masked.push(secret),
  };
}

describe("readConfig: 'github-token'", () => {
  it('is read once, the input over GITHUB_TOKEN, trimmed and masked', async () => {
    const masked: string[] = [];
    const config = await readConfig(source(' ghs_input ', { GITHUB_TOKEN: 'ghs_fromenv' }, masked));
    assert.equal(config.githubToken, 'ghs_input');
    // Exactly what masking it once asks the runner for (the whole value and each line of it).
    const once: string[] = [];
    maskSecret({ get: () => '', env: () => undefined, mask: (secret) => once.push(secret) }, 'ghs_input');
    assert.deepEqual(
      masked.filter((secret) => secret.includes('ghs_')),
      once,
    );
    assert.ok(!masked.includes('ghs_fromenv'));
  });

  it('falls back to GITHUB_TOKEN, masked too', async () => {
    const masked: string[] = [];
    const config = await readConfig(source('', { GITHUB_TOKEN: 'ghs_fromenv' }, masked));
    assert.equal(config.githubToken, 'ghs_fromenv');
    assert.ok(masked.includes('ghs_fromenv'));
  });

  it('is empty without either', async () => {
    assert.equal((await readConfig(source('', {}, []))).githubToken, '');
  });
});
