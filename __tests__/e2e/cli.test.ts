import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { pushMultiArchImage } from '../harness/fixtures.ts';
import { runProcess } from '../harness/process.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { REPO_ROOT } from '../harness/tools.ts';

const PASSWORD = 'cli-password';

describe('the CLI (dist/cli.js), the same pipeline outside Actions', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(PASSWORD)]);
  });
  after(() => registry?.stop());

  it('signs with flags named like the inputs, prints the outputs as JSON, and never prints the secrets', async () => {
    const image = await pushMultiArchImage(registry, 'acme/cli', 'v1', 'cli');
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      COSIGN_KEY: keys.privateKeyPem,
      COSIGN_PASSWORD: PASSWORD,
    };
    const result = await runProcess(
      process.execPath,
      [
        'dist/cli.js',
        '--images',
        `${registry.host}/acme/cli@${image.index.digest}`,
        '--key=env://COSIGN_KEY',
        '--tlog-upload',
        'false',
        '--allow-http-registry',
        'true',
        '--provenance',
        'off',
      ],
      { cwd: REPO_ROOT, env },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const jsonStart = result.stdout.lastIndexOf('\n{');
    const outputs = JSON.parse(result.stdout.slice(jsonStart + 1)) as Record<string, string>;
    assert.equal(outputs.signed, '3');
    assert.match(result.stderr, /## release-signer/);
    assert.ok(!(result.stdout + result.stderr).includes(PASSWORD));
    assert.ok(!(result.stdout + result.stderr).includes(keys.privateKeyPem.split('\n')[1] ?? 'x'));
    const verified = await verifyWithKey(
      'cosign3',
      `${registry.host}/acme/cli@${image.index.digest}`,
      keys.publicKeyPath,
    );
    assert.equal(verified.code, 0, verified.stderr);
  });

  it('explains itself with --help', async () => {
    const result = await runProcess(process.execPath, ['dist/cli.js', '--help'], { cwd: REPO_ROOT });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Every input of action.yml is a flag of the same name/);
  });
});
