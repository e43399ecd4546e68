import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { pushMultiArchImage } from '../harness/fixtures.ts';
import type { WorkflowClaims } from '../harness/oidc.ts';
import { runProcess } from '../harness/process.ts';
import {
  SLSA_V1,
  attachBundleReferrer,
  attestKeyless,
  githubProvenanceStatement,
} from '../harness/provenance.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';
import { REPO_ROOT } from '../harness/tools.ts';

const PASSWORD = 'cli-password';

/** The README's CLI line, as written: `node dist/cli.js …` on one line of a sh block. */
function readmeCliLine(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const line = /^\s*(node dist\/cli\.js --images .*)$/m.exec(readme)?.[1];
  assert.ok(line, 'README has no CLI line');
  return line.trim().split(/\s+/).slice(2);
}

describe('the CLI (dist/cli.js), the same pipeline outside Actions', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreStandIn;
  let keys: KeyPair;
  before(async () => {
    [registry, sigstore, keys] = await Promise.all([
      startRegistry(),
      startSigstoreStandIn(),
      generateKeyPair(PASSWORD),
    ]);
  });
  after(async () => {
    await sigstore?.stop();
    await registry?.stop();
  });

  /** No GitHub Actions variables: a laptop or another CI. */
  const env = () => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    COSIGN_KEY: keys.privateKeyPem,
    COSIGN_PASSWORD: PASSWORD,
  });
  const cli = (args: string[]) =>
    runProcess(process.execPath, ['dist/cli.js', ...args], { cwd: REPO_ROOT, env: env() });

  it('signs with flags named like the inputs, prints only the outputs as JSON on stdout, and never the secrets', async () => {
    const image = await pushMultiArchImage(registry, 'acme/cli', 'v1', 'cli');
    const result = await cli([
      '--images',
      `${registry.host}/acme/cli@${image.index.digest}`,
      '--key=env://COSIGN_KEY',
      '--tlog-upload',
      'false',
      '--allow-http-registry',
      'true',
      '--provenance',
      'off',
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const outputs = JSON.parse(result.stdout) as Record<string, string>;
    assert.equal(outputs.signed, '5');
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

  it("runs the README's CLI line as written, provenance checked", async () => {
    const args = readmeCliLine();
    const repository = 'acme/app';
    const image = await pushMultiArchImage(registry, repository, 'v1.2.3', 'cli-readme');
    const claims: WorkflowClaims = {
      repository,
      workflowFile: 'release.yml',
      ref: args[args.indexOf('--provenance-ref') + 1] ?? '',
      sha: args[args.indexOf('--provenance-revision') + 1] ?? '',
      eventName: 'push',
    };
    const statement = githubProvenanceStatement({
      subjectName: `${registry.host}/${repository}`,
      subjectDigest: image.index.digest,
      claims,
    });
    const bundle = await attestKeyless(statement, sigstore, claims);
    await attachBundleReferrer(registry, repository, image.index, bundle, SLSA_V1);
    // ghcr.io is played by the loopback registry, public-good Sigstore by the stand-in.
    const shown = args.map((arg) =>
      arg === 'ghcr.io/acme/app@sha256:…' ? `${registry.host}/${repository}@${image.index.digest}` : arg,
    );
    const result = await cli([
      ...shown,
      '--allow-http-registry',
      'true',
      '--trusted-root',
      sigstore.trustedRootPath,
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const outputs = JSON.parse(result.stdout) as Record<string, string>;
    assert.equal(outputs.signed, '5');
    assert.match(outputs.signatures ?? '', /"verdict":"passed"/);
  });

  for (const flag of ['--help', '-h']) {
    it(`lists every flag, from action.yml, with its default, under ${flag}`, async () => {
      const result = await cli([flag]);
      assert.equal(result.code, 0, result.stderr);
      const actionYml = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8').split('\noutputs:')[0] ?? '';
      const inputs = [...actionYml.matchAll(/^ {2}([a-z-]+):$/gm)].map((match) => match[1]);
      assert.ok(inputs.length > 40);
      for (const input of inputs) assert.match(result.stdout, new RegExp(`^  --${input} `, 'm'));
      assert.match(result.stdout, /--dry-run +.*\(default: auto\)/);
      assert.match(result.stdout, /Outside GitHub Actions:/);
    });
  }

  it('refuses an unknown flag before anything runs, and names the one meant', async () => {
    const image = await pushMultiArchImage(registry, 'acme/cli-typo', 'v1', 'cli-typo');
    const before = snapshotRegistry(registry);
    const result = await cli([
      '--images',
      `${registry.host}/acme/cli-typo@${image.index.digest}`,
      '--key=env://COSIGN_KEY',
      '--dryrun',
      'true',
    ]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /unknown flag --dryrun; did you mean --dry-run\?/);
    assert.deepEqual(snapshotRegistry(registry), before);
  });
});
