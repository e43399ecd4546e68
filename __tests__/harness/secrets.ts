import type { ActionRun } from './action-runner.ts';

/**
 * Everything a person could see of a run: the log as the runner shows it (add-mask commands are
 * consumed by the runner, never shown), the outputs and the summary.
 */
export function visibleText(run: ActionRun): string {
  const log = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return `${log}\n${JSON.stringify(run.outputs)}\n${run.summary}`;
}

/** The secrets that appear in visible text; each was masked, so the runner would show *** instead. */
export function leakedSecrets(run: ActionRun, secrets: readonly string[]): string[] {
  const text = visibleText(run);
  const masked = new Set(
    run.stdout
      .split('\n')
      .filter((line) => line.startsWith('::add-mask::'))
      .map((line) => line.slice('::add-mask::'.length)),
  );
  return secrets.filter((secret) => text.includes(secret) || !masked.has(secret));
}
