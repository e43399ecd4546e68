import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import {
  COSIGN_VERSIONS,
  generateKeyPair,
  verifyBundleWithKey,
  verifyWithKey,
  type KeyPair,
} from '../harness/cosign.ts';
import { pushSingleImage } from '../harness/fixtures.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { leakedSecrets } from '../harness/secrets.ts';

const USER = 'release-bot';
const PASSWORD = 'registry-password-9f3b';
const KEY_PASSWORD = 'auth-key';

/** A DOCKER_CONFIG folder holding `config`. */
function dockerConfig(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-docker-config-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

describe('registry access over TLS with basic auth', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let counter = 0;

  before(async () => {
    [registry, keys] = await Promise.all([
      startRegistry({ tlsAuth: { username: USER, password: PASSWORD } }),
      generateKeyPair(KEY_PASSWORD),
    ]);
  });
  after(() => registry?.stop());

  const sign = async (
    inputs: Record<string, string>,
    env: Record<string, string>,
  ): Promise<{ run: ActionRun; ref: string }> => {
    const image = await pushSingleImage(registry, `acme/app${++counter}`, 'v1');
    const ref = `${registry.host}/acme/app${counter}@${image.digest}`;
    const run = await runAction({
      inputs: {
        images: ref,
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        'signature-format': 'legacy',
        provenance: 'off',
        ...inputs,
      },
      env,
    });
    return { run, ref };
  };

  const verifies = async (ref: string): Promise<void> => {
    const config = dockerConfig({
      auths: { [registry.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } },
    });
    const result = await verifyWithKey('cosign3', ref, keys.publicKeyPath, {
      SSL_CERT_FILE: registry.caFile ?? '',
      DOCKER_CONFIG: config,
    });
    assert.equal(result.code, 0, result.stderr);
  };

  it("signs with credentials from docker config's auths", async () => {
    const config = dockerConfig({
      auths: { [registry.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } },
    });
    const { run, ref } = await sign(
      {},
      { NODE_EXTRA_CA_CERTS: registry.caFile ?? '', DOCKER_CONFIG: config },
    );
    assert.equal(run.exitCode, 0, run.stdout);
    assert.deepEqual(leakedSecrets(run, [PASSWORD]), []);
    await verifies(ref);
  });

  it('signs with credentials from a docker credential helper (credsStore)', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'rs-helper-'));
    const helper = join(bin, 'docker-credential-rstest');
    writeFileSync(
      helper,
      `#!/bin/sh\nread host\nif [ "$1" = get ] && [ "$host" = "${registry.host}" ]; then printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${PASSWORD}"}' "$host"; else echo "credentials not found in native keychain"; exit 1; fi\n`,
    );
    chmodSync(helper, 0o755);
    const config = dockerConfig({ credsStore: 'rstest' });
    const { run, ref } = await sign(
      {},
      {
        NODE_EXTRA_CA_CERTS: registry.caFile ?? '',
        DOCKER_CONFIG: config,
        PATH: `${bin}:${process.env.PATH}`,
      },
    );
    assert.equal(run.exitCode, 0, run.stdout);
    assert.deepEqual(leakedSecrets(run, [PASSWORD]), []);
    await verifies(ref);
  });

  it('signs with credentials from the inputs, and accepts the self-signed certificate only with allow-insecure-registry', async () => {
    const empty = dockerConfig({});
    const inputs = { registry: registry.host, 'registry-username': USER, 'registry-password': PASSWORD };
    const refused = await sign(inputs, { DOCKER_CONFIG: empty });
    assert.equal(refused.run.exitCode, 1);
    assert.match(refused.run.stdout, /allow-insecure-registry/);
    const { run, ref } = await sign(
      { ...inputs, 'allow-insecure-registry': 'true' },
      { DOCKER_CONFIG: empty },
    );
    assert.equal(run.exitCode, 0, run.stdout);
    assert.deepEqual(leakedSecrets(run, [PASSWORD]), []);
    await verifies(ref);
  });

  it('with a wrong password, names the inputs to fix and writes nothing', async () => {
    const image = await pushSingleImage(registry, 'acme/wrong', 'v1');
    mkdirSync(join(registry.workDir, 'data'), { recursive: true });
    const snapshot = snapshotRegistry(registry);
    const run = await runAction({
      inputs: {
        images: `${registry.host}/acme/wrong@${image.digest}`,
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        provenance: 'off',
        registry: registry.host,
        'registry-username': USER,
        'registry-password': 'not-the-password',
      },
      env: { NODE_EXTRA_CA_CERTS: registry.caFile ?? '', DOCKER_CONFIG: dockerConfig({}) },
    });
    assert.equal(run.exitCode, 1);
    assert.match(run.stdout, /::error::.*refused access.*Check 'registry-username' and 'registry-password'/);
    assert.deepEqual(leakedSecrets(run, ['not-the-password']), []);
    assert.deepEqual(snapshotRegistry(registry), snapshot);
  });
});

describe('registry access with bearer tokens (the token flow GHCR and Docker Hub use)', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  before(async () => {
    [registry, keys] = await Promise.all([
      startRegistry({ bearer: { username: USER, password: PASSWORD } }),
      generateKeyPair(KEY_PASSWORD),
    ]);
  });
  after(() => registry?.stop());

  it('gets a token per repository scope from the challenge, signs, and cosign verifies', async () => {
    const image = await pushSingleImage(registry, 'acme/bearer', 'v1');
    const ref = `${registry.host}/acme/bearer@${image.digest}`;
    const config = dockerConfig({
      auths: { [registry.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } },
    });
    const run = await runAction({
      inputs: {
        images: ref,
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
      },
      env: { DOCKER_CONFIG: config },
    });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.deepEqual(leakedSecrets(run, [PASSWORD]), []);
    // The realm is on the registry's own origin, which cosign v3's registry library accepts even on loopback.
    for (const version of COSIGN_VERSIONS) {
      const result = await verifyBundleWithKey(version, ref, keys.publicKeyPath, { DOCKER_CONFIG: config });
      assert.equal(result.code, 0, `${version}: ${result.stderr}`);
    }
  });

  it('with credentials the token server refuses, names the inputs and writes nothing', async () => {
    const image = await pushSingleImage(registry, 'acme/bearer-wrong', 'v1');
    const snapshot = snapshotRegistry(registry);
    const run = await runAction({
      inputs: {
        images: `${registry.host}/acme/bearer-wrong@${image.digest}`,
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
        registry: registry.host,
        'registry-username': USER,
        'registry-password': 'wrong-bearer-password',
      },
      env: { DOCKER_CONFIG: dockerConfig({}) },
    });
    assert.equal(run.exitCode, 1);
    assert.match(run.stdout, /::error::.*refused access.*'registry-username' and 'registry-password'/);
    assert.deepEqual(snapshotRegistry(registry), snapshot);
  });
});
