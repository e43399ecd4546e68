import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { pushSingleImage } from '../harness/fixtures.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';

const KEY_PASSWORD = 'escape-key-password';
const REPOSITORY = { full_name: 'acme/app' };

/** A fork's pull_request run finished; the workflow_run that follows runs with this repository's secrets. */
const WORKFLOW_RUN_AFTER_FORK = {
  workflow_run: {
    event: 'pull_request',
    head_branch: 'main',
    head_repository: { full_name: 'someone/app', fork: true },
    repository: REPOSITORY,
  },
  repository: REPOSITORY,
};
/** `/sign` commented on a fork's pull request: the payload does not even name the head repository. */
const COMMENT_ON_PULL_REQUEST = {
  issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/acme/app/pulls/7' } },
  comment: { body: '/sign' },
  repository: REPOSITORY,
};
/** The fork was deleted after opening the pull request: GitHub sends `head.repo: null`. */
const DELETED_FORK = {
  number: 9,
  pull_request: { head: { repo: null }, base: { repo: REPOSITORY } },
  repository: REPOSITORY,
};

/**
 * Events that may carry a fork's content, and event payloads that cannot be read, are dry runs under
 * `dry-run: auto` and are refused under `dry-run: false`: nothing is ever written for them.
 */
describe('dry run: events that may carry fork content', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let imageRef: string;

  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(KEY_PASSWORD)]);
    const image = await pushSingleImage(registry, 'acme/escape', 'v1');
    imageRef = `${registry.host}/acme/escape@${image.digest}`;
  });
  after(() => registry?.stop());

  const run = (
    eventName: string,
    event: object,
    dryRun: string,
    env: Record<string, string> = {},
  ): Promise<ActionRun> =>
    runAction({
      inputs: {
        images: imageRef,
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
        'dry-run': dryRun,
      },
      eventName,
      event,
      env: { GITHUB_REPOSITORY: 'acme/app', ...env },
    });

  const expectDryRun = async (eventName: string, event: object, why: RegExp): Promise<void> => {
    const before = snapshotRegistry(registry);
    const result = await run(eventName, event, 'auto');
    assert.equal(result.exitCode, 0, result.stdout);
    assert.equal(result.outputs['dry-run'], 'true');
    assert.equal(result.outputs.signed, '0');
    assert.equal(result.outputs.planned, '1');
    assert.match(result.summary, why);
    assert.deepEqual(snapshotRegistry(registry), before);
  };

  const expectRefused = async (eventName: string, event: object, why: RegExp): Promise<void> => {
    const before = snapshotRegistry(registry);
    const result = await run(eventName, event, 'false');
    assert.equal(result.exitCode, 1, result.stdout);
    assert.match(
      result.stdout,
      new RegExp(`::error::Input 'dry-run: false' on a ${eventName} event is refused`),
    );
    assert.match(result.stdout, why);
    // Refused before anything ran: the outputs say so, for `if: always()` steps that parse them.
    assert.equal(result.outputs.signed, '0');
    assert.equal(result.outputs.signatures, '[]');
    assert.deepEqual(snapshotRegistry(registry), before);
  };

  describe('a workflow_run that follows a fork pull request run', () => {
    it('is a dry run under dry-run: auto, and the registry stays byte for byte as it was', () =>
      expectDryRun('workflow_run', WORKFLOW_RUN_AFTER_FORK, /follows a pull_request run/));
    it('is refused under dry-run: false, and nothing is written', () =>
      expectRefused('workflow_run', WORKFLOW_RUN_AFTER_FORK, /follows a pull_request run/));
  });

  describe('an issue_comment on a pull request', () => {
    it('is a dry run under dry-run: auto, and the registry stays byte for byte as it was', () =>
      expectDryRun('issue_comment', COMMENT_ON_PULL_REQUEST, /issue_comment event on a pull request/));
    it('is refused under dry-run: false, and nothing is written', () =>
      expectRefused('issue_comment', COMMENT_ON_PULL_REQUEST, /on a pull request/));
  });

  describe('a pull_request_target whose fork was deleted (head.repo: null)', () => {
    it('is a dry run under dry-run: auto, and the registry stays byte for byte as it was', () =>
      expectDryRun('pull_request_target', DELETED_FORK, /head repository is gone/));
    it('is refused under dry-run: false, and nothing is written', () =>
      expectRefused('pull_request_target', DELETED_FORK, /head repository is gone/));
  });

  describe('an event payload that cannot be read', () => {
    it('an unparsable pull_request payload is a dry run under dry-run: auto', async () => {
      const path = join(registry.workDir, 'garbage-event.json');
      writeFileSync(path, '{"pull_request": {"head": ');
      const before = snapshotRegistry(registry);
      const result = await run('pull_request', {}, 'auto', { GITHUB_EVENT_PATH: path });
      assert.equal(result.exitCode, 0, result.stdout);
      assert.equal(result.outputs['dry-run'], 'true');
      assert.match(result.summary, /payload \(GITHUB_EVENT_PATH\) is not JSON/);
      assert.deepEqual(snapshotRegistry(registry), before);
    });

    it('a GITHUB_EVENT_PATH that does not exist refuses dry-run: false, even on a push', async () => {
      const before = snapshotRegistry(registry);
      const result = await run('push', {}, 'false', {
        GITHUB_EVENT_PATH: join(registry.workDir, 'no-such-event.json'),
      });
      assert.equal(result.exitCode, 1, result.stdout);
      assert.match(
        result.stdout,
        /::error::Input 'dry-run: false' on a push event is refused: .*could not be read/,
      );
      assert.deepEqual(snapshotRegistry(registry), before);
    });
  });
});
