import { toRepositoryName } from '../subjects/reference.ts';
import type { TargetOutcome } from './outcome.ts';

/** Escapes text for a markdown table cell; image names and messages come from users and registries. */
function cell(text: string): string {
  return text.replace(/[\\|`*_[\]<>]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, ' ');
}

function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
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

/** The job summary: one table, failures first with their reason. */
export function renderSummary(outcomes: readonly TargetOutcome[]): string {
  const failed = outcomes.filter((outcome) => outcome.status === 'failed');
  const ordered = [...failed, ...outcomes.filter((outcome) => outcome.status !== 'failed')];
  const lines = [
    '## release-signer',
    '',
    `${outcomes.length - failed.length} signed, ${failed.length} failed.`,
    '',
    '| status | image | tag | platform | digest | provenance | formats | detail |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const outcome of ordered) {
    const image = outcome.target?.image ?? outcome.subject;
    const status = outcome.status === 'signed' ? '✅ signed' : '❌ failed';
    const detail = outcome.error
      ? `${outcome.error.code}: ${outcome.error.message}`
      : outcome.records.every((record) => record.verified)
        ? 'read back and verified'
        : '';
    lines.push(
      `| ${status} | ${cell(toRepositoryName(image))} | ${cell(outcome.subject.tag ?? '')} | ${cell(outcome.target?.platform ?? (outcome.target ? 'index/image' : ''))} | \`${shortDigest(image.digest)}\` | ${cell(renderProvenance(outcome))} | ${outcome.records.map((r) => r.format).join(', ')} | ${cell(detail)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
