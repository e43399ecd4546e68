import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunContext } from '../../../src/github/context.ts';
import { decideRunMode, type DryRunSetting } from '../../../src/github/dry-run.ts';
import type { EventTrust } from '../../../src/github/event-trust.ts';
import { SignerError } from '../../../src/errors.ts';

const context = (eventName: string, eventTrust: EventTrust): RunContext => ({
  eventName,
  eventTrust,
  repository: 'acme/app',
  sha: 'a'.repeat(40),
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  runId: '1',
  tempDir: '/tmp',
  workspace: '/tmp',
  ref: 'refs/heads/main',
  canRequestIdToken: false,
});
const PUSH = context('push', { kind: 'own' });
const OWN_PULL_REQUEST = context('pull_request', { kind: 'pull-request' });
const FORK = context('pull_request_target', {
  kind: 'untrusted',
  reason: 'a pull_request_target event: it comes from a fork',
});

const decide = (dryRun: DryRunSetting, runContext: RunContext, dryRunCredentials = false) =>
  decideRunMode({ dryRun, dryRunCredentials }, runContext);

describe('decideRunMode', () => {
  describe('when the event may carry a fork’s content', () => {
    it('dry-runs under auto and under true, sending no credentials', () => {
      for (const setting of ['auto', 'true'] as const) {
        const mode = decide(setting, FORK);
        assert.equal(mode.dryRun, true);
        assert.equal(mode.sendsCredentials, false);
      }
    });

    it('refuses dry-run: false with an INPUT_CONFLICT naming the event and the fix', () => {
      assert.throws(
        () => decide('false', FORK),
        (err: unknown) =>
          err instanceof SignerError &&
          err.code === 'INPUT_CONFLICT' &&
          /Input 'dry-run: false' on a pull_request_target event is refused: .*fork.*'dry-run: auto'/.test(
            err.message,
          ),
      );
    });

    it('ignores dry-run-credentials, and says so', () => {
      const mode = decide('true', FORK, true);
      assert.equal(mode.sendsCredentials, false);
      assert.match(mode.notes.join('\n'), /'dry-run-credentials: true' is ignored: this is .*fork/);
    });
  });

  describe('when the event is the repository’s own', () => {
    it('runs for real under auto and false, with credentials', () => {
      for (const setting of ['auto', 'false'] as const) {
        assert.deepEqual(decide(setting, PUSH), {
          dryRun: false,
          reason: 'release run',
          sendsCredentials: true,
          notes: [],
        });
      }
    });

    it('dry-runs with dry-run: true, without credentials unless dry-run-credentials says so', () => {
      assert.equal(decide('true', PUSH).sendsCredentials, false);
      const optedIn = decide('true', PUSH, true);
      assert.equal(optedIn.dryRun, true);
      assert.equal(optedIn.sendsCredentials, true);
      assert.match(optedIn.notes.join('\n'), /dry-run-credentials: true/);
    });
  });

  describe('on a pull request from a branch of this repository', () => {
    it('dry-runs under auto without credentials, runs for real with dry-run: false', () => {
      const dry = decide('auto', OWN_PULL_REQUEST);
      assert.equal(dry.dryRun, true);
      assert.equal(dry.sendsCredentials, false);
      assert.equal(dry.reason, 'a pull_request event');
      assert.equal(decide('false', OWN_PULL_REQUEST).dryRun, false);
    });

    it('lets dry-run-credentials send credentials', () => {
      assert.equal(decide('auto', OWN_PULL_REQUEST, true).sendsCredentials, true);
    });

    it('warns, under dry-run: false, that it signs the pull request for real', () => {
      const [warning, ...rest] = decide('false', OWN_PULL_REQUEST).warnings ?? [];
      assert.deepEqual(rest, []);
      assert.match(warning ?? '', /^Input 'dry-run: false' on a pull_request event: this run signs for real/);
      assert.match(warning ?? '', /'dry-run: auto'/);
    });
  });

  it('warns of nothing on a release run or a dry run', () => {
    for (const mode of [decide('auto', PUSH), decide('false', PUSH), decide('auto', OWN_PULL_REQUEST)])
      assert.deepEqual(mode.warnings ?? [], []);
  });

  describe('the whole decision, as the log and the summary show it', () => {
    const withoutWarnings = (mode: ReturnType<typeof decide>) => ({ ...mode, warnings: undefined });
    it('dry-run: true says so, sends nothing and notes nothing', () => {
      assert.deepEqual(decide('true', PUSH), {
        dryRun: true,
        reason: "input 'dry-run: true'",
        sendsCredentials: false,
        notes: [],
      });
    });

    it('an untrusted event under auto gives its reason', () => {
      assert.deepEqual(decide('auto', FORK), {
        dryRun: true,
        reason: 'a pull_request_target event: it comes from a fork',
        sendsCredentials: false,
        notes: [],
      });
    });

    it('dry-run: false on a pull request of this repository signs with credentials, noting nothing', () => {
      assert.deepEqual(withoutWarnings(decide('false', OWN_PULL_REQUEST)), {
        dryRun: false,
        reason: "input 'dry-run: false' on a pull request of this repository",
        sendsCredentials: true,
        notes: [],
        warnings: undefined,
      });
    });

    it("dry-run: false outside any event names 'this run' in its refusal", () => {
      assert.throws(
        () => decide('false', context('', { kind: 'untrusted', reason: 'a run whose payload is not JSON' })),
        /^SignerError: Input 'dry-run: false' on this run is refused: this is a run whose payload is not JSON\./,
      );
    });
  });
});
