import type { FileOutcome } from '../files/file-outcome.ts';
import { cell } from './summary.ts';

/** `file-signatures`: one JSON entry per file, in input order. */
export function toFileSignaturesOutput(outcomes: readonly FileOutcome[]): string {
  return JSON.stringify(
    outcomes.map((outcome) => ({
      path: outcome.path,
      sha256: outcome.sha256 ?? null,
      'bundle-path': outcome.bundlePath,
      status: outcome.status,
      'log-index': outcome.logIndex ?? null,
      'asset-name': outcome.asset?.name ?? null,
      'asset-url': outcome.asset?.url ?? null,
      'asset-action': outcome.asset?.action ?? null,
      ...(outcome.error ? { error: outcome.error } : {}),
    })),
  );
}

/** The summary's section for release files: what was signed, and what went (or would go) to the release. */
export function renderFilesSummary(outcomes: readonly FileOutcome[]): string {
  if (outcomes.length === 0) return '';
  const rows = outcomes.map((outcome) => {
    const asset = outcome.asset
      ? `${outcome.asset.action === 'planned' ? 'would upload' : outcome.asset.action} ${cell(outcome.asset.name)}`
      : '';
    const status =
      outcome.status === 'failed' ? `failed: ${cell(outcome.error?.message ?? '')}` : outcome.status;
    return `| ${cell(outcome.path)} | ${status} | ${cell(outcome.bundlePath)} | ${outcome.logIndex ?? ''} | ${asset} |`;
  });
  return [
    '',
    '### Release files',
    '',
    '| file | status | bundle | log index | release asset |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
