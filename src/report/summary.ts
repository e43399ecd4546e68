import type { RunMode } from '../github/dry-run.ts';
import { isIndexMediaType } from '../registry/media-types.ts';
import type { SignerDescription } from '../sigstore/signing.ts';
import { toDigestRef, toRepositoryName } from '../subjects/reference.ts';
import type { SkippedSubject } from '../subjects/subject.ts';
import type { TargetOutcome } from './outcome.ts';
import { escapeControls } from '../util/untrusted.ts';
import { MAX_SUMMARY_BYTES, fitItems } from './limits.ts';
import { refusalsToldByTheirIndex } from './refusals.ts';
import { toVerifyCommand, type Transparency } from './verify-command.ts';

/** Bytes kept for the note that says rows were left out. */
const NOTE_ROOM = 4096;

export interface SummaryOptions {
  /** Public Rekor: log indexes link to its search page. */
  readonly publicRekor: boolean;
  readonly mode: RunMode;
  /** Where the whole report is, for when the table has to stop short of the summary's limit. */
  readonly reportPath?: string;
  /** Who signed, for the header a verifier copies from. */
  readonly signer: SignerDescription;
  readonly transparency: Transparency;
}

/**
 * Escapes text for a markdown table cell; image names and messages come from users and registries.
 * Line breaks and controls first (a CR alone ends a markdown line too), then what markdown reads: `|`
 * would end the cell, `<` `>` open HTML, backticks code, `*` `_` `[` `]` emphasis and links.
 */
export function cell(text: string): string {
  return escapeControls(text).replace(/[\\|`*_[\]<>]/g, (ch) => `\\${ch}`);
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

/** Each format has its own log entry: `bundle: 7, legacy: 8`. */
function renderLogIndexes(outcome: TargetOutcome, options: SummaryOptions): string {
  return outcome.records
    .flatMap(({ format, logIndex }) => {
      if (!logIndex) return [];
      const shown = options.publicRekor
        ? `[${logIndex}](https://search.sigstore.dev/?logIndex=${logIndex})`
        : logIndex;
      return [`${format}: ${shown}`];
    })
    .join(', ');
}

/** The platform of each manifest signed, by digest: what an attestation manifest's row names. */
function platformsByDigest(outcomes: readonly TargetOutcome[]): ReadonlyMap<string, string> {
  return new Map(
    outcomes.flatMap(({ target }) =>
      target?.platform ? [[target.image.digest, target.platform] as const] : [],
    ),
  );
}

/**
 * An index's own row is the index; a manifest given as the image itself is a single-platform image; an
 * attestation manifest says which platform it is about, never taking that platform's name for its own.
 */
function renderPlatform(outcome: TargetOutcome, platforms: ReadonlyMap<string, string>): string {
  const { target } = outcome;
  if (!target) return '';
  if (target.attestation) {
    const describes = target.attestation.describes;
    const about = describes ? (platforms.get(describes) ?? describes) : undefined;
    return about ? `attestation manifest for ${about}` : 'attestation manifest';
  }
  if (target.platform) return target.platform;
  return isIndexMediaType(target.mediaType) ? 'index' : 'single-platform';
}

function renderDetail(outcome: TargetOutcome, toldByIndex: boolean, options: SummaryOptions): string {
  if (toldByIndex) return 'not signed: refused with its index (the reason is in its row)';
  if (outcome.error) return `${outcome.error.code}: ${outcome.error.message}`;
  // A dry run wrote nothing, so it read nothing back.
  if (options.mode.dryRun || outcome.records.length === 0) return '';
  return outcome.records.every((record) => record.verified) ? 'read back and verified' : '';
}

/** Code spans hold the identity: no backticks, no line breaks. */
function codeSpan(text: string): string {
  return `\`${escapeControls(text).replace(/`/g, '')}\``;
}

/** Who signed and the one command that checks it, before the table: what a verifier comes for. */
function renderSignerHeader(outcomes: readonly TargetOutcome[], options: SummaryOptions): string[] {
  const { signer } = options;
  if (options.mode.dryRun || signer.mode === 'dry-run') return [];
  const lines =
    signer.mode === 'key'
      ? [
          'Signed with the key whose public half is the output `public-key` (save it as `cosign.pub`):',
          '',
          '```',
          signer.publicKeyPem.trim(),
          '```',
          '',
        ]
      : [
          `Signed keyless as ${codeSpan(signer.certificateIdentity)}, issuer ${codeSpan(signer.certificateIssuer)}.`,
          '',
        ];
  const first = outcomes.find((outcome) => outcome.status !== 'failed' && outcome.target);
  const command =
    first?.target && toVerifyCommand(signer, options.transparency, toDigestRef(first.target.image));
  if (command)
    lines.push(
      'Verify (cosign v3; the README has cosign v2 and containers/image):',
      '',
      '```sh',
      command,
      '```',
      '',
    );
  return lines;
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
    ...renderSignerHeader(outcomes, options),
    `${done} ${options.mode.dryRun ? 'would be signed' : 'signed'}${already > 0 ? ` (${already} already were: nothing written for them)` : ''}, ${failed.length} failed, ${skipped.length} skipped.`,
    '',
  ];
  const header = [
    '| status | image | tag | platform | digest | provenance | formats | log index | detail |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const toldByIndex = refusalsToldByTheirIndex(outcomes);
  const platforms = platformsByDigest(outcomes);
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
    const detail = renderDetail(outcome, toldByIndex.has(outcome), options);
    const platform = renderPlatform(outcome, platforms);
    const tags = outcome.subject.tags ?? (outcome.subject.tag ? [outcome.subject.tag] : []);
    rows.push(
      `| ${status} | ${cell(toRepositoryName(image))} | ${cell(tags.join(', '))} | ${cell(platform)} | \`${image.digest}\` | ${cell(renderProvenance(outcome))} | ${outcome.records.map((r) => r.format).join(', ')} | ${renderLogIndexes(outcome, options)} | ${cell(shortenDigests(detail))} |`,
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

/** The summary of a run stopped before signing: why, as the log's last line says it. */
export function renderStoppedSummary(message: string): string {
  return `## release-signer\n\nNothing was signed: the run stopped before signing.\n\n${cell(message)}\n`;
}
