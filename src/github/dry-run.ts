import { SignerError } from '../errors.ts';
import type { RunContext } from './context.ts';

export type DryRunSetting = 'auto' | 'true' | 'false';

/** Whether this run writes anything, and why: decided once, shown in the log and the summary. */
export interface RunMode {
  readonly dryRun: boolean;
  readonly reason: string;
}

/**
 * `auto` dry-runs pull requests and anything from a fork; a real run on a pull request needs an explicit
 * `dry-run: false` and a branch of this repository, never a fork (its workflow code is the fork's).
 */
export function decideRunMode(setting: DryRunSetting, context: RunContext): RunMode {
  if (setting === 'true') return { dryRun: true, reason: "input 'dry-run: true'" };
  if (setting === 'false') {
    if (context.isFork) {
      throw new SignerError(
        'INPUT_CONFLICT',
        "Input 'dry-run: false' on an event from a fork is refused: the fork's workflow code would sign with this repository's identity and credentials. Sign after merge, on a push or release event.",
      );
    }
    return {
      dryRun: false,
      reason: context.isPullRequest
        ? "input 'dry-run: false' on a pull request of this repository"
        : 'release run',
    };
  }
  if (context.isFork) return { dryRun: true, reason: 'the event comes from a fork' };
  if (context.isPullRequest) return { dryRun: true, reason: `a ${context.eventName} event` };
  return { dryRun: false, reason: 'release run' };
}
