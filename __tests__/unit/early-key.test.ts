import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startKeyForRun } from '../../src/early-key.ts';

const PEM =
  '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nabc\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----';

/** The reads startKeyForRun starts for a runner environment. */
function startedFor(env: NodeJS.ProcessEnv): [string, string][] {
  const started: [string, string][] = [];
  startKeyForRun(env, (pem, password) => started.push([pem, password]));
  return started;
}

const release = { GITHUB_EVENT_NAME: 'release', INPUT_KEY: `  ${PEM}\n`, 'INPUT_KEY-PASSWORD': 'pw' };

describe('startKeyForRun', () => {
  it('starts reading the key a release run will sign with, as the inputs name it', () => {
    assert.deepEqual(startedFor(release), [[PEM, 'pw']]);
    assert.deepEqual(startedFor({ ...release, INPUT_SIGNING: ' Key ', GITHUB_EVENT_NAME: 'push' }), [
      [PEM, 'pw'],
    ]);
    assert.deepEqual(
      startedFor({
        ...release,
        INPUT_KEY: 'env://SIGNING_KEY',
        SIGNING_KEY: PEM,
        'INPUT_KEY-PASSWORD': '',
        COSIGN_PASSWORD: 'cp',
      }),
      [[PEM, 'cp']],
    );
  });

  const nothing: [string, NodeJS.ProcessEnv][] = [
    ['keyless signing', { ...release, INPUT_SIGNING: 'keyless' }],
    ['an unknown signing mode', { ...release, INPUT_SIGNING: 'kms' }],
    ['a dry run asked for', { ...release, 'INPUT_DRY-RUN': 'TRUE' }],
    ['a pull request', { ...release, GITHUB_EVENT_NAME: 'pull_request' }],
    ['pull_request_target', { ...release, GITHUB_EVENT_NAME: 'pull_request_target' }],
    ['workflow_run (may carry a fork’s content)', { ...release, GITHUB_EVENT_NAME: 'workflow_run' }],
    ['no event (the CLI)', { ...release, GITHUB_EVENT_NAME: undefined }],
    ['no key', { ...release, INPUT_KEY: '' }],
    ['an env:// key that is unset', { ...release, INPUT_KEY: 'env://NOPE' }],
    ['text that is not PEM', { ...release, INPUT_KEY: 'cosign.key' }],
  ];
  for (const [name, env] of nothing)
    it(`starts nothing for ${name}`, () => assert.deepEqual(startedFor(env), []));
});
