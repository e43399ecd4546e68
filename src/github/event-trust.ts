/**
 * Whether the event that started the run can carry a fork's content, from its name and payload alone.
 * Fail closed: an event not known to carry only this repository's content, a payload that does not say
 * whose content it is, and a payload that cannot be read are all untrusted.
 * Events: https://docs.github.com/actions/using-workflows/events-that-trigger-workflows
 */

/** What the run's event payload file gave: its JSON, nothing (no GITHUB_EVENT_PATH), or a problem. */
export type EventPayload =
  | { readonly status: 'read'; readonly json: unknown }
  | { readonly status: 'absent' }
  | { readonly status: 'unusable'; readonly problem: string };

export type EventTrust =
  /** The repository's own content: a release run under `dry-run: auto`. */
  | { readonly kind: 'own' }
  /** A pull request from a branch of this repository: a dry run under `auto`, real with `dry-run: false`. */
  | { readonly kind: 'pull-request' }
  /** May carry a fork's content: always a dry run, and `dry-run: false` is refused. */
  | { readonly kind: 'untrusted'; readonly reason: string };

/**
 * Only people with write access cause these, or they run the default branch's workflow on content that is
 * not code from outside (issues, discussions, stars). merge_group: the queue's branch is this repository's
 * own, made from pull requests a maintainer queued.
 */
const OWN_CONTENT_EVENTS: ReadonlySet<string> = new Set([
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
]);

/** Their payload's `pull_request` names the head repository, which tells a fork from a branch here. */
const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
]);

/**
 * A check or a commit status can be for a fork's commit (GitHub lists no pull request for a fork's
 * check suite), and the payload does not say whose commit it is.
 */
const COMMIT_EVENTS: ReadonlySet<string> = new Set(['check_run', 'check_suite', 'status']);

function untrusted(reason: string): EventTrust {
  return { kind: 'untrusted', reason };
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function sameRepository(head: unknown, base: string | undefined): boolean {
  const headName = text(field(head, 'full_name'));
  return Boolean(headName && base && headName.toLowerCase() === base.toLowerCase());
}

/** A fork (GitHub's own flag), another repository, or a head repository that is gone or not named. */
function headProblem(head: unknown, base: string | undefined): string | undefined {
  if (typeof head !== 'object' || head === null)
    return 'its head repository is gone (a deleted fork) or not named';
  if (field(head, 'fork') === true) return 'it comes from a fork';
  if (!sameRepository(head, base)) return 'its head repository is not this repository';
  return undefined;
}

function checkPullRequest(eventName: string, json: unknown, repository: string): EventTrust {
  const pullRequest = field(json, 'pull_request');
  if (typeof pullRequest !== 'object' || pullRequest === null)
    return untrusted(`a ${eventName} event whose payload has no pull_request`);
  const base =
    text(field(pullRequest, 'base', 'repo', 'full_name')) ??
    text(field(json, 'repository', 'full_name')) ??
    repository;
  const problem = headProblem(field(pullRequest, 'head', 'repo'), base);
  return problem ? untrusted(`a ${eventName} event: ${problem}`) : { kind: 'pull-request' };
}

/**
 * workflow_run runs this repository's default branch with its secrets, after a run that may have been a
 * fork's: trusted only when that run's event was the repository's own and its head repository is this one.
 */
function checkWorkflowRun(json: unknown, repository: string): EventTrust {
  const workflowRun = field(json, 'workflow_run');
  if (typeof workflowRun !== 'object' || workflowRun === null)
    return untrusted('a workflow_run event whose payload has no workflow_run');
  const trigger = text(field(workflowRun, 'event'));
  if (!trigger || !OWN_CONTENT_EVENTS.has(trigger)) {
    // Only a plain event name reaches the log: the payload is not ours to print verbatim.
    const named = trigger && /^[a-z_]{1,40}$/.test(trigger) ? `a ${trigger}` : 'an unnamed';
    return untrusted(`a workflow_run event that follows ${named} run, which may carry a fork's content`);
  }
  const base =
    text(field(workflowRun, 'repository', 'full_name')) ??
    text(field(json, 'repository', 'full_name')) ??
    repository;
  const problem = headProblem(field(workflowRun, 'head_repository'), base);
  return problem ? untrusted(`a workflow_run event whose triggering run: ${problem}`) : { kind: 'own' };
}

/** issue_comment's payload says the issue is a pull request, but not whose branch it comes from. */
function checkIssueComment(json: unknown): EventTrust {
  const issue = field(json, 'issue');
  if (typeof issue !== 'object' || issue === null)
    return untrusted('an issue_comment event whose payload has no issue');
  const pullRequest = field(issue, 'pull_request');
  if (pullRequest !== undefined && pullRequest !== null)
    return untrusted("an issue_comment event on a pull request, whose head may be a fork's");
  return { kind: 'own' };
}

/** `repository` is GITHUB_REPOSITORY, for payloads that do not name the base repository. */
/** Whether an event, by its name alone, carries only this repository's own content. */
export function isOwnContentEvent(eventName: string): boolean {
  return OWN_CONTENT_EVENTS.has(eventName);
}

export function checkEventTrust(eventName: string, payload: EventPayload, repository: string): EventTrust {
  if (payload.status === 'unusable')
    return untrusted(
      `${eventName ? `a ${eventName} event` : 'a run'} whose payload (GITHUB_EVENT_PATH) ${payload.problem}`,
    );
  // Outside GitHub Actions (the CLI) there is no event, so nothing from a fork.
  if (eventName === '') return { kind: 'own' };
  if (isOwnContentEvent(eventName)) return { kind: 'own' };
  if (COMMIT_EVENTS.has(eventName))
    return untrusted(`a ${eventName} event, which can be for a fork's commit without saying so`);
  const carriesPullRequest =
    PULL_REQUEST_EVENTS.has(eventName) || eventName === 'issue_comment' || eventName === 'workflow_run';
  if (!carriesPullRequest)
    return untrusted(
      `a ${eventName} event, which release-signer does not know to carry only this repository's content`,
    );
  if (payload.status === 'absent')
    return untrusted(`a ${eventName} event without its payload (GITHUB_EVENT_PATH is not set)`);
  if (eventName === 'issue_comment') return checkIssueComment(payload.json);
  if (eventName === 'workflow_run') return checkWorkflowRun(payload.json, repository);
  return checkPullRequest(eventName, payload.json, repository);
}
