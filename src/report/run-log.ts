import * as core from '@actions/core';
import { EOL } from 'node:os';
import type { RunMode } from '../github/dry-run.ts';
import type { FileOutcome } from '../files/file-outcome.ts';
import { toDigestRef } from '../subjects/reference.ts';
import { escapeUntrusted, toLogText } from '../util/untrusted.ts';
import type { TargetOutcome } from './outcome.ts';
import { refusalsToldByTheirIndex } from './refusals.ts';

/**
 * Everything the action writes to the log goes through here: messages quote registries, artifacts.json
 * and provenance, and `core.info` writes its text as it is, where a line could start a workflow command.
 */
export const logged = {
  info: (message: string): void => core.info(toLogText(message)),
  /** Lines told one after another, written together: the same text as one `info` each, in far fewer writes. */
  infoLines: (lines: readonly string[]): void => {
    if (lines.length > 0) core.info(lines.map(toLogText).join(EOL));
  },
  notice: (message: string): void => core.notice(toLogText(message)),
  warning: (message: string): void => core.warning(toLogText(message)),
  error: (message: string): void => core.error(toLogText(message)),
  debug: (message: string): void => core.debug(toLogText(message)),
  group: <T>(name: string, work: () => Promise<T>): Promise<T> => core.group(toLogText(name), work),
  setFailed: (message: string): void => core.setFailed(toLogText(message)),
};

/** A line the run tells before it signs anything: its mode, its signer, what a verifier must know. */
export interface Announcement {
  readonly level: 'info' | 'notice' | 'warning';
  readonly text: string;
}

export function announce(announcements: readonly Announcement[]): void {
  for (const { level, text } of announcements) logged[level](text);
}

/** `Signing 3 image(s)`, or what a dry run does instead. */
export function groupTitle(mode: RunMode, count: number, what: string): string {
  return `${mode.dryRun ? 'Planning signatures for' : 'Signing'} ${count} ${what}`;
}

/**
 * Lines of successes written at once: a write per line queued thousands of writes (each with its own
 * buffer) on the runner's pipe at the end of a large release (issue 18).
 */
const LINES_PER_WRITE = 64;

/** One line per manifest; an index's refusal also speaks for the manifests below it. */
export function logImageOutcomes(outcomes: readonly TargetOutcome[]): void {
  const toldByIndex = refusalsToldByTheirIndex(outcomes);
  let told: string[] = [];
  const tell = (line: string): void => {
    told.push(line);
    if (told.length < LINES_PER_WRITE) return;
    logged.infoLines(told);
    told = [];
  };
  for (const outcome of outcomes) {
    if (toldByIndex.has(outcome)) continue;
    const what = `${toDigestRef(outcome.target?.image ?? outcome.subject)}${outcome.target?.platform ? ` (${escapeUntrusted(outcome.target.platform)})` : ''}`;
    const where = outcome.records.map((r) => r.reference).join(', ');
    if (outcome.status === 'signed') tell(`signed ${what}: ${where}`);
    else if (outcome.status === 'already-signed') tell(`already signed ${what}, nothing written: ${where}`);
    else if (outcome.status === 'planned') tell(`would sign ${what}: ${where}`);
    else {
      // Errors are workflow commands of their own, told in their place among the other lines.
      logged.infoLines(told);
      told = [];
      // A refusal names its image and platforms itself.
      if (outcome.provenance?.verdict === 'failed' && outcome.error) logged.error(outcome.error.message);
      else logged.error(`${what}: ${outcome.error?.message ?? 'failed'}`);
    }
  }
  logged.infoLines(told);
}

const FILE_VERBS = {
  planned: 'would sign',
  signed: 'signed',
  'already-signed': 'already signed, kept',
} as const;

export function logFileOutcomes(outcomes: readonly FileOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') {
      logged.error(outcome.error?.message ?? `${escapeUntrusted(outcome.path)}: failed`);
      continue;
    }
    const asset = outcome.asset
      ? `, ${outcome.asset.action === 'planned' ? 'would upload' : outcome.asset.action} release asset ${outcome.asset.name}`
      : '';
    const bundle = `${outcome.status === 'planned' ? 'would write ' : ''}${escapeUntrusted(outcome.bundlePath)}`;
    logged.info(
      `${FILE_VERBS[outcome.status]} ${escapeUntrusted(outcome.path)} (sha256:${outcome.sha256 ?? ''}): ${bundle}${asset}`,
    );
  }
}
