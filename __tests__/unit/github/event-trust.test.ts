import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readRunContext } from '../../../src/github/context.ts';
import type { EventTrust } from '../../../src/github/event-trust.ts';

const REPOSITORY = { full_name: 'acme/app' };
const OWN_HEAD = { full_name: 'acme/app', fork: false };
const FORK_HEAD = { full_name: 'someone/app', fork: true };
const pullRequest = (head: object | null, extra: object = {}): object => ({
  pull_request: { head: { repo: head }, base: { repo: REPOSITORY } },
  repository: REPOSITORY,
  ...extra,
});
const workflowRun = (event: string | undefined, head: object | null | undefined): object => ({
  workflow_run: {
    ...(event === undefined ? {} : { event }),
    ...(head === undefined ? {} : { head_repository: head }),
    repository: REPOSITORY,
  },
  repository: REPOSITORY,
});

type Expected = EventTrust['kind'];
/** Payload `undefined`: no GITHUB_EVENT_PATH at all; a string: the file's raw text. */
type Row = readonly [
  name: string,
  eventName: string,
  payload: object | string | undefined,
  expected: Expected,
];

const dir = mkdtempSync(join(tmpdir(), 'rs-event-trust-'));
let files = 0;
function trustOf(eventName: string, payload: object | string | undefined): EventTrust {
  const env: NodeJS.ProcessEnv = { GITHUB_EVENT_NAME: eventName, GITHUB_REPOSITORY: 'acme/app' };
  if (payload !== undefined) {
    const path = join(dir, `event-${++files}.json`);
    writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
    env.GITHUB_EVENT_PATH = path;
  }
  return readRunContext(env).eventTrust;
}

/** Every event GitHub documents that can carry a fork's content, each way its payload can say so. */
const MAY_CARRY_FORK_CONTENT: readonly Row[] = [
  ['pull_request from a fork', 'pull_request', pullRequest(FORK_HEAD), 'untrusted'],
  [
    'pull_request from another repository, fork flag absent',
    'pull_request',
    pullRequest({ full_name: 'someone/app' }),
    'untrusted',
  ],
  ['pull_request whose head repository was deleted', 'pull_request', pullRequest(null), 'untrusted'],
  [
    'pull_request whose head repository has no name',
    'pull_request',
    pullRequest({ fork: false }),
    'untrusted',
  ],
  [
    'pull_request without pull_request in its payload',
    'pull_request',
    { repository: REPOSITORY },
    'untrusted',
  ],
  ['pull_request_target from a fork', 'pull_request_target', pullRequest(FORK_HEAD), 'untrusted'],
  ['pull_request_target whose fork was deleted', 'pull_request_target', pullRequest(null), 'untrusted'],
  [
    'pull_request_review on a fork',
    'pull_request_review',
    pullRequest(FORK_HEAD, { review: {} }),
    'untrusted',
  ],
  [
    'pull_request_review_comment on a fork',
    'pull_request_review_comment',
    pullRequest(FORK_HEAD, { comment: {} }),
    'untrusted',
  ],
  [
    'issue_comment on a pull request',
    'issue_comment',
    { issue: { number: 7, pull_request: { url: 'u' } }, repository: REPOSITORY },
    'untrusted',
  ],
  ['issue_comment without an issue in its payload', 'issue_comment', { repository: REPOSITORY }, 'untrusted'],
  [
    'workflow_run after a pull_request run',
    'workflow_run',
    workflowRun('pull_request', OWN_HEAD),
    'untrusted',
  ],
  [
    'workflow_run after a pull_request_target run',
    'workflow_run',
    workflowRun('pull_request_target', OWN_HEAD),
    'untrusted',
  ],
  [
    'workflow_run after an issue_comment run',
    'workflow_run',
    workflowRun('issue_comment', OWN_HEAD),
    'untrusted',
  ],
  [
    'workflow_run after another workflow_run',
    'workflow_run',
    workflowRun('workflow_run', OWN_HEAD),
    'untrusted',
  ],
  ['workflow_run after a push from a fork', 'workflow_run', workflowRun('push', FORK_HEAD), 'untrusted'],
  [
    'workflow_run after a push in another repository',
    'workflow_run',
    workflowRun('push', { full_name: 'someone/app' }),
    'untrusted',
  ],
  [
    'workflow_run whose head repository is missing',
    'workflow_run',
    workflowRun('push', undefined),
    'untrusted',
  ],
  ['workflow_run whose head repository is null', 'workflow_run', workflowRun('push', null), 'untrusted'],
  ['workflow_run without a triggering event', 'workflow_run', workflowRun(undefined, OWN_HEAD), 'untrusted'],
  [
    'workflow_run without workflow_run in its payload',
    'workflow_run',
    { repository: REPOSITORY },
    'untrusted',
  ],
  ['check_run (can be for a fork commit)', 'check_run', { check_run: {} }, 'untrusted'],
  [
    'check_suite (can be for a fork commit)',
    'check_suite',
    { check_suite: { pull_requests: [] } },
    'untrusted',
  ],
  ['status (can be for a fork commit)', 'status', { sha: 'a'.repeat(40) }, 'untrusted'],
  ['an event GitHub may add later', 'pull_request_something_new', {}, 'untrusted'],
];

const PULL_REQUESTS_OF_THIS_REPOSITORY: readonly Row[] = [
  ['pull_request from a branch here', 'pull_request', pullRequest(OWN_HEAD), 'pull-request'],
  ['pull_request_target from a branch here', 'pull_request_target', pullRequest(OWN_HEAD), 'pull-request'],
  [
    'pull_request from a branch here, names in another case',
    'pull_request',
    pullRequest({ full_name: 'ACME/App' }),
    'pull-request',
  ],
  ['pull_request_review on a branch here', 'pull_request_review', pullRequest(OWN_HEAD), 'pull-request'],
];

const OWN_CONTENT: readonly Row[] = [
  ['push', 'push', {}, 'own'],
  ['push without a payload file', 'push', undefined, 'own'],
  ['release', 'release', { release: {} }, 'own'],
  ['workflow_dispatch', 'workflow_dispatch', { inputs: {} }, 'own'],
  ['schedule', 'schedule', { schedule: '0 0 * * *' }, 'own'],
  ['merge_group', 'merge_group', { merge_group: {} }, 'own'],
  ['registry_package', 'registry_package', { registry_package: {} }, 'own'],
  ['repository_dispatch', 'repository_dispatch', { action: 'sign' }, 'own'],
  ['issue_comment on an issue', 'issue_comment', { issue: { number: 3 }, repository: REPOSITORY }, 'own'],
  [
    'issue_comment on an issue, pull_request null',
    'issue_comment',
    { issue: { number: 3, pull_request: null } },
    'own',
  ],
  ['workflow_run after a push here', 'workflow_run', workflowRun('push', OWN_HEAD), 'own'],
  ['workflow_run after a release here', 'workflow_run', workflowRun('release', OWN_HEAD), 'own'],
  ['no event at all (the CLI, outside Actions)', '', undefined, 'own'],
];

/** A payload that cannot be read never counts as "not a fork". */
const UNREADABLE_PAYLOADS: readonly Row[] = [
  ['pull_request, payload not JSON', 'pull_request', '{"pull_request": {"head": ', 'untrusted'],
  ['pull_request, payload a JSON array', 'pull_request', '[]', 'untrusted'],
  ['pull_request, payload JSON null', 'pull_request', 'null', 'untrusted'],
  ['pull_request_target without a payload file', 'pull_request_target', undefined, 'untrusted'],
  ['issue_comment without a payload file', 'issue_comment', undefined, 'untrusted'],
  ['workflow_run without a payload file', 'workflow_run', undefined, 'untrusted'],
  ['push, payload not JSON', 'push', 'not json', 'untrusted'],
];

describe('checkEventTrust (through readRunContext)', () => {
  const tables: [string, readonly Row[]][] = [
    ['events that may carry a fork’s content', MAY_CARRY_FORK_CONTENT],
    ['pull requests from branches of this repository', PULL_REQUESTS_OF_THIS_REPOSITORY],
    ["events with the repository's own content", OWN_CONTENT],
    ['event payloads that cannot be read', UNREADABLE_PAYLOADS],
  ];
  for (const [title, rows] of tables) {
    describe(title, () => {
      for (const [name, eventName, payload, expected] of rows) {
        it(`${name}: ${expected}`, () => {
          const trust = trustOf(eventName, payload);
          assert.equal(trust.kind, expected, trust.kind === 'untrusted' ? trust.reason : '');
          if (trust.kind === 'untrusted' && eventName) assert.match(trust.reason, new RegExp(eventName));
        });
      }
    });
  }

  describe('when GITHUB_EVENT_PATH is set but unusable', () => {
    it('a missing file is untrusted, even for a push', () => {
      const trust = readRunContext({
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: join(dir, 'no-such-file.json'),
      }).eventTrust;
      assert.deepEqual(trust, {
        kind: 'untrusted',
        reason: 'a push event whose payload (GITHUB_EVENT_PATH) could not be read',
      });
    });

    it('a payload over 8 MiB is untrusted, and is not read', () => {
      const path = join(dir, 'huge.json');
      writeFileSync(path, `{"pad":"${'x'.repeat(8 * 1024 * 1024)}"}`);
      const trust = readRunContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path }).eventTrust;
      assert.equal(trust.kind, 'untrusted');
      assert.match(trust.kind === 'untrusted' ? trust.reason : '', /larger than 8 MiB/);
    });

    it('a folder instead of a file is untrusted', () => {
      const trust = readRunContext({ GITHUB_EVENT_NAME: 'release', GITHUB_EVENT_PATH: dir }).eventTrust;
      assert.equal(trust.kind, 'untrusted');
    });
  });

  it('never prints a workflow_run trigger that is not a plain event name', () => {
    const trust = trustOf('workflow_run', workflowRun('::set-output name=x::y', OWN_HEAD));
    assert.equal(trust.kind, 'untrusted');
    assert.doesNotMatch(trust.kind === 'untrusted' ? trust.reason : '', /::/);
  });
});

describe('checkEventTrust says why an event is untrusted', () => {
  const untrustedBecause = (eventName: string, payload: object | string | undefined): string => {
    const trust = trustOf(eventName, payload);
    assert.equal(trust.kind, 'untrusted');
    return trust.kind === 'untrusted' ? trust.reason : '';
  };
  const reasons: [string, string, object | string | undefined, string][] = [
    ['a fork', 'pull_request', pullRequest(FORK_HEAD), 'a pull_request event: it comes from a fork'],
    [
      'another repository',
      'pull_request_review_comment',
      pullRequest({ full_name: 'someone/app' }),
      'a pull_request_review_comment event: its head repository is not this repository',
    ],
    [
      'a head repository that is gone',
      'pull_request_target',
      pullRequest(null),
      'a pull_request_target event: its head repository is gone (a deleted fork) or not named',
    ],
    [
      'a head that is null',
      'pull_request',
      { pull_request: { head: null }, repository: REPOSITORY },
      'a pull_request event: its head repository is gone (a deleted fork) or not named',
    ],
    [
      'a head repository named by a number',
      'pull_request',
      pullRequest({ full_name: 42 }),
      'a pull_request event: its head repository is not this repository',
    ],
    [
      'no pull_request',
      'pull_request',
      { repository: REPOSITORY },
      'a pull_request event whose payload has no pull_request',
    ],
    [
      'a pull_request that is null',
      'pull_request',
      { pull_request: null },
      'a pull_request event whose payload has no pull_request',
    ],
    [
      'no payload',
      'pull_request',
      undefined,
      'a pull_request event without its payload (GITHUB_EVENT_PATH is not set)',
    ],
    [
      'a check suite',
      'check_suite',
      {},
      "a check_suite event, which can be for a fork's commit without saying so",
    ],
    ['a check run', 'check_run', {}, "a check_run event, which can be for a fork's commit without saying so"],
    ['a commit status', 'status', {}, "a status event, which can be for a fork's commit without saying so"],
    [
      'a payload without workflow_run',
      'workflow_run',
      { repository: REPOSITORY },
      'a workflow_run event whose payload has no workflow_run',
    ],
    [
      'an unknown event',
      'pull_request_something_new',
      {},
      "a pull_request_something_new event, which release-signer does not know to carry only this repository's content",
    ],
    [
      'a payload that is not JSON',
      'push',
      'not json',
      'a push event whose payload (GITHUB_EVENT_PATH) is not JSON',
    ],
    ['a payload that is a number', '', '5', 'a run whose payload (GITHUB_EVENT_PATH) is not a JSON object'],
    ['no issue', 'issue_comment', { issue: null }, 'an issue_comment event whose payload has no issue'],
    [
      'an issue that is a pull request',
      'issue_comment',
      { issue: { pull_request: { url: 'https://api.github.com/repos/acme/app/pulls/3' } } },
      "an issue_comment event on a pull request, whose head may be a fork's",
    ],
    [
      'no workflow_run',
      'workflow_run',
      { workflow_run: null },
      'a workflow_run event whose payload has no workflow_run',
    ],
    [
      'a run after a pull request',
      'workflow_run',
      workflowRun('pull_request', OWN_HEAD),
      "a workflow_run event that follows a pull_request run, which may carry a fork's content",
    ],
    [
      'a run after an unnamed event',
      'workflow_run',
      workflowRun('', OWN_HEAD),
      "a workflow_run event that follows an unnamed run, which may carry a fork's content",
    ],
    [
      'a run after an event name that is not plain',
      'workflow_run',
      workflowRun('Push', OWN_HEAD),
      "a workflow_run event that follows an unnamed run, which may carry a fork's content",
    ],
    [
      'a run after an event name too long to print',
      'workflow_run',
      workflowRun('x'.repeat(41), OWN_HEAD),
      "a workflow_run event that follows an unnamed run, which may carry a fork's content",
    ],
    [
      'a run from a fork',
      'workflow_run',
      workflowRun('push', FORK_HEAD),
      'a workflow_run event whose triggering run: it comes from a fork',
    ],
  ];
  for (const [name, eventName, payload, reason] of reasons) {
    it(`${name}: ${reason}`, () => {
      assert.equal(untrustedBecause(eventName, payload), reason);
    });
  }

  it('prints a plain trigger name of up to 40 characters', () => {
    assert.match(
      untrustedBecause('workflow_run', workflowRun('x'.repeat(40), OWN_HEAD)),
      /follows a x{40} run/,
    );
  });
});

describe('checkEventTrust: whose repository a pull request is judged against', () => {
  const withHead = (payload: object, repository = 'acme/app') => {
    const env: NodeJS.ProcessEnv = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: repository };
    const path = join(dir, `event-${++files}.json`);
    writeFileSync(path, JSON.stringify(payload));
    env.GITHUB_EVENT_PATH = path;
    return readRunContext(env).eventTrust.kind;
  };
  const head = { head: { repo: { full_name: 'Acme/App' } } };

  it('the base repository, then the payload repository, then GITHUB_REPOSITORY; case-insensitive', () => {
    assert.equal(
      withHead({ pull_request: { ...head, base: { repo: REPOSITORY } } }, 'other/x'),
      'pull-request',
    );
    assert.equal(withHead({ pull_request: head, repository: REPOSITORY }, 'other/x'), 'pull-request');
    assert.equal(withHead({ pull_request: head }), 'pull-request');
    assert.equal(withHead({ pull_request: head }, 'other/x'), 'untrusted');
  });

  it('skips an empty repository name', () => {
    const emptyBase = { ...head, base: { repo: { full_name: '' } } };
    assert.equal(withHead({ pull_request: emptyBase, repository: REPOSITORY }, 'other/x'), 'pull-request');
    assert.equal(withHead({ pull_request: emptyBase, repository: { full_name: '' } }), 'pull-request');
  });

  it('a workflow_run: its repository, then the payload repository, then GITHUB_REPOSITORY', () => {
    const run = (workflow: object, repository?: object) => ({
      workflow_run: { event: 'push', head_repository: { full_name: 'acme/app' }, ...workflow },
      ...(repository ? { repository } : {}),
    });
    const kind = (payload: object, repository: string) => {
      const path = join(dir, `event-${++files}.json`);
      writeFileSync(path, JSON.stringify(payload));
      return readRunContext({
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_REPOSITORY: repository,
        GITHUB_EVENT_PATH: path,
      }).eventTrust.kind;
    };
    assert.equal(kind(run({ repository: REPOSITORY }, { full_name: 'other/x' }), 'other/y'), 'own');
    assert.equal(kind(run({}, REPOSITORY), 'other/y'), 'own');
    assert.equal(kind(run({}), 'acme/app'), 'own');
    assert.equal(kind(run({}), 'other/y'), 'untrusted');
  });
});

describe('checkEventTrust: every event that carries only this repository’s content', () => {
  const OWN_EVENTS = [
    'branch_protection_rule',
    'create',
    'delete',
    'deployment',
    'deployment_status',
    'discussion',
    'discussion_comment',
    'fork',
    'gollum',
    'issues',
    'label',
    'merge_group',
    'milestone',
    'page_build',
    'public',
    'push',
    'registry_package',
    'release',
    'repository_dispatch',
    'schedule',
    'watch',
    'workflow_dispatch',
  ];
  it('is own, with or without a payload', () => {
    for (const eventName of OWN_EVENTS) {
      assert.equal(trustOf(eventName, {}).kind, 'own', eventName);
      assert.equal(trustOf(eventName, undefined).kind, 'own', eventName);
    }
  });
});
