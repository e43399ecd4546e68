import { SignerError } from '../errors.ts';
import type { RunContext } from './context.ts';

export type DryRunSetting = 'auto' | 'true' | 'false';

export interface DryRunSettings {
  readonly dryRun: DryRunSetting;
  /** `dry-run-credentials`: a dry run on a trusted event may send credentials. */
  readonly dryRunCredentials: boolean;
}

/** Whether this run writes anything and sends secrets, and why: decided once, shown in the log and the summary. */
export interface RunMode {
  readonly dryRun: boolean;
  readonly reason: string;
  /**
   * Registry credentials and the GitHub token are sent: always by a release; by a dry run only when
   * `dry-run-credentials` asks for it on an event that cannot carry a fork's content.
   */
  readonly sendsCredentials: boolean;
  /** Said once in the log (what became of `dry-run-credentials`). */
  readonly notes: readonly string[];
  /** Said once in the log as warnings: a real run where a dry run is the default. */
  readonly warnings?: readonly string[];
}

function dryRunMode(reason: string, settings: DryRunSettings, context: RunContext): RunMode {
  const mode = { dryRun: true, reason, sendsCredentials: false, notes: [] };
  if (!settings.dryRunCredentials) return mode;
  // A fork's workflow code or build could pass anything the run reads to its author: its dry run gets
  // no secret, whatever the inputs say.
  if (context.eventTrust.kind === 'untrusted')
    return {
      ...mode,
      notes: [
        `Input 'dry-run-credentials: true' is ignored: this is ${context.eventTrust.reason}, so the dry run sends no credentials.`,
      ],
    };
  return {
    ...mode,
    sendsCredentials: true,
    notes: [
      "Input 'dry-run-credentials: true': this dry run reads registries with their credentials and calls the GitHub API with 'github-token'.",
    ],
  };
}

/**
 * `auto` dry-runs pull requests and every event that may carry a fork's content (event-trust.ts); a
 * real run on a pull request needs an explicit `dry-run: false` and a branch of this repository, never
 * an untrusted event (its workflow code or build may be the fork's).
 */
export function decideRunMode(settings: DryRunSettings, context: RunContext): RunMode {
  const trust = context.eventTrust;
  if (settings.dryRun === 'false') {
    if (trust.kind === 'untrusted') {
      throw new SignerError(
        'INPUT_CONFLICT',
        `Input 'dry-run: false' on ${context.eventName ? `a ${context.eventName} event` : 'this run'} is refused: this is ${trust.reason}. A real run would sign that content with this repository's identity and credentials. Set 'dry-run: auto' to check it without signing, and sign after merge, on a push or release event.`,
      );
    }
    if (trust.kind === 'pull-request') {
      return {
        dryRun: false,
        reason: "input 'dry-run: false' on a pull request of this repository",
        sendsCredentials: true,
        notes: [],
        warnings: [
          `Input 'dry-run: false' on a ${context.eventName} event: this run signs for real, with this repository's identity and credentials, what the pull request built before it is merged. Set 'dry-run: auto' to check it without signing.`,
        ],
      };
    }
    return { dryRun: false, reason: 'release run', sendsCredentials: true, notes: [] };
  }
  if (settings.dryRun === 'true') return dryRunMode("input 'dry-run: true'", settings, context);
  if (trust.kind === 'untrusted') return dryRunMode(trust.reason, settings, context);
  if (trust.kind === 'pull-request') return dryRunMode(`a ${context.eventName} event`, settings, context);
  return { dryRun: false, reason: 'release run', sendsCredentials: true, notes: [] };
}
