import type { RunMode } from '../github/dry-run.ts';
import { toRepositoryName } from '../subjects/reference.ts';
import type { SkippedSubject } from '../subjects/subject.ts';
import type { TargetOutcome } from './outcome.ts';
import { escapeControls } from '../util/untrusted.ts';
import { MAX_SUMMARY_BYTES, fitItems } from './limits.ts';

/** Bytes kept for the note that says rows were left out. */
const NOTE_ROOM = 4096;

export interface SummaryOptions {
  /** Public Rekor: log indexes link to its search page. */
  readonly publicRekor: boolean;
  readonly mode: RunMode;
  /** Where the whole report is, for when the table has to stop short of the summary's limit. */
  readonly reportPath?: string;
}

/**
 * Escapes text for a markdown table cell; image names and messages come from users and registries.
 * Line breaks and controls first (a CR alone ends a markdown line too), then what markdown reads: `|`
 * would end the cell, `<` `>` open HTML, backticks code, `*` `_` `[` `]` emphasis and links.
 */
export function cell(text: string): string {
  return escapeControls(text).replace(/[\\|`*_[\]<>]/g, (ch) => `\\${ch}`);
}

function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** Full digests in a message make the table unreadable (looked at, rendered); the digest column has them. */
function shortenDigests(text: string): string {
  return text.replace(/sha256:([a-f0-9]{12})[a-f0-9]{52}/g, 'sha256:$1…');
}

function renderProvenance(outcome: TargetOutcome): string {
  const decision = outcome.provenance;
  if (!decision) return '';
  const exceptions = decision.exceptions.length ? ` (exception: ${decision.exceptions.join('; ')})` : '';
  switch (decision.verdict) {
    case 'passed':
      return `passed: ${decision.sources.join(', ')}${exceptions}`;
    case 'failed':
      return `failed: ${decision.failure.check}${exceptions}`;
    case 'skipped':
      return `skipped: ${decision.reason}`;
    case 'none':
      return 'none found';
    default:
      return 'off';
  }
}

function renderLogIndexes(outcome: TargetOutcome, options: SummaryOptions): string {
  const indexes = outcome.records.flatMap((record) => (record.logIndex ? [record.logIndex] : []));
  return indexes
    .map((index) =>
      options.publicRekor ? `[${index}](https://search.sigstore.dev/?logIndex=${index})` : index,
    )
    .join(', ');
}

/** The job summary: one table a person reads at a glance, failures first with their reason. */
export function renderSummary(
  outcomes: readonly TargetOutcome[],
  skipped: readonly SkippedSubject[],
  options: SummaryOptions,
): string {
  const failed = outcomes.filter((outcome) => outcome.status === 'failed');
  const ordered = [...failed, ...outcomes.filter((outcome) => outcome.status !== 'failed')];
  const done = outcomes.length - failed.length;
  const already = outcomes.filter((outcome) => outcome.status === 'already-signed').length;
  const lines = [
    options.mode.dryRun ? '## release-signer (dry run)' : '## release-signer',
    '',
    ...(options.mode.dryRun
      ? [
          `Dry run because of ${options.mode.reason}: nothing was written to any registry or sent to Sigstore. This is what a release run would do.`,
          '',
        ]
      : []),
    `${done} ${options.mode.dryRun ? 'would be signed' : 'signed'}${already > 0 ? ` (${already} already were: nothing written for them)` : ''}, ${failed.length} failed, ${skipped.length} skipped.`,
    '',
  ];
  const header = [
    '| status | image | tag | platform | digest | provenance | formats | log index | detail |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows: string[] = [];
  for (const outcome of ordered) {
    const image = outcome.target?.image ?? outcome.subject;
    const status =
      outcome.status === 'signed'
        ? '✅ signed'
        : outcome.status === 'already-signed'
          ? '☑️ already signed'
          : outcome.status === 'planned'
            ? '📝 would sign'
            : '❌ failed';
    const detail = outcome.error
      ? `${outcome.error.code}: ${outcome.error.message}`
      : outcome.records.every((record) => record.verified)
        ? 'read back and verified'
        : '';
    const platform = outcome.target?.platform ?? (outcome.target ? 'index/image' : '');
    const tags = outcome.subject.tags ?? (outcome.subject.tag ? [outcome.subject.tag] : []);
    rows.push(
      `| ${status} | ${cell(toRepositoryName(image))} | ${cell(tags.join(', '))} | ${cell(platform)} | \`${shortDigest(image.digest)}\` | ${cell(renderProvenance(outcome))} | ${outcome.records.map((r) => r.format).join(', ')} | ${renderLogIndexes(outcome, options)} | ${cell(shortenDigests(detail))} |`,
    );
  }
  for (const subject of skipped)
    rows.push(`| ⏭️ skipped | ${cell(subject.name)} |  |  |  |  |  |  | ${cell(subject.reason)} |`);
  const fixed = `${[...lines, ...header].join('\n')}\n`;
  const table = fitItems(rows, MAX_SUMMARY_BYTES - Buffer.byteLength(fixed) - NOTE_ROOM);
  const note =
    table.shown < rows.length
      ? `\n${rows.length - table.shown} more row(s) not shown: a job summary holds at most 1 MiB. Every entry is in the report file${options.reportPath ? ` \`${options.reportPath.replace(/`/g, '')}\`` : ''} (output report-path).\n`
      : '';
  return `${fixed}${table.text}${table.shown > 0 ? '\n' : ''}${note}`;
}
