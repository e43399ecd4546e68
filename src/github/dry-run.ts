import { SignerError } from '../errors.ts';
import type { RunContext } from './context.ts';

export type DryRunSetting = 'auto' | 'true' | 'false';

/** Whether this run writes anything, and why: decided once, shown in the log and the summary. */
export interface RunMode {
  readonly dryRun: boolean;
  readonly reason: string;
}

/**
 * `auto` dry-runs pull requests and every event that may carry a fork's content (event-trust.ts); a
 * real run on a pull request needs an explicit `dry-run: false` and a branch of this repository, never
 * an untrusted event (its workflow code or build may be the fork's).
 */
export function decideRunMode(setting: DryRunSetting, context: RunContext): RunMode {
  const trust = context.eventTrust;
  if (setting === 'false') {
    if (trust.kind === 'untrusted') {
      throw new SignerError(
        'INPUT_CONFLICT',
        `Input 'dry-run: false' on ${context.eventName ? `a ${context.eventName} event` : 'this run'} is refused: this is ${trust.reason}. A real run would sign that content with this repository's identity and credentials. Set 'dry-run: auto' to check it without signing, and sign after merge, on a push or release event.`,
      );
    }
    const reason =
      trust.kind === 'pull-request'
        ? "input 'dry-run: false' on a pull request of this repository"
        : 'release run';
    return { dryRun: false, reason };
  }
  if (setting === 'true') return { dryRun: true, reason: "input 'dry-run: true'" };
  if (trust.kind === 'untrusted') return { dryRun: true, reason: trust.reason };
  if (trust.kind === 'pull-request') return { dryRun: true, reason: `a ${context.eventName} event` };
  return { dryRun: false, reason: 'release run' };
}
