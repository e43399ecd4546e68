import type { Config } from './config.ts';
import { SignerError, describeCause } from './errors.ts';
import type { RunContext } from './github/context.ts';
import type { FileOutcome } from './files/file-outcome.ts';
import { signAll } from './pipeline.ts';
import { renderFilesSummary, toFileSignaturesOutput } from './report/file-report.ts';
import type { TargetOutcome } from './report/outcome.ts';
import { toReportEntries, toStepOutputs, toStoppedRunOutputs } from './report/outputs.ts';
import { writeReportFile } from './report/report-file.ts';
import { announce, groupTitle, logFileOutcomes, logged, logImageOutcomes } from './report/run-log.ts';
import type { ReportSink } from './report/sinks.ts';
import { renderStoppedSummary, renderSummary } from './report/summary.ts';
import { DEFAULT_REKOR_URL } from './sigstore/signing-services-inputs.ts';
import { dedupeImages } from './subjects/subject.ts';
import { mapLimit } from './util/concurrency.ts';
import { appendPhaseTimings, notePhase, sinceStart } from './util/phase-timings.ts';
import { escapeUntrusted } from './util/untrusted.ts';
import { wireRun, type RunnerHooks, type WiredRun } from './wiring.ts';

/** What only the runner (or the CLI) can do: mask secrets, issue OIDC tokens, take the report. */
export interface RunHooks extends Omit<RunnerHooks, 'log'> {
  readonly sink: ReportSink;
}

/** The action: sign every image and file, report every outcome, fail the step once at the end if anything failed. */
export async function run(given: Config, context: RunContext, hooks: RunHooks): Promise<void> {
  notePhase('start-up', 0);
  const wired = await wireRun(given, context, { ...hooks, log: logged.info });
  announce(wired.announcements);
  const outcomes = await signImages(wired);
  const fileOutcomes = await signReleaseFiles(wired, context);
  const reportStarted = sinceStart();
  await writeReport(wired, context, hooks.sink, outcomes, fileOutcomes);
  failIfAnyFailed([...outcomes, ...fileOutcomes]);
  notePhase('report', reportStarted);
  if (context.timingsFile) appendPhaseTimings(context.timingsFile);
}

/** Tags to resolve first (`resolve-tags`), then every image through the pipeline; one log group. */
async function signImages(wired: WiredRun): Promise<TargetOutcome[]> {
  const { config, services, mode } = wired;
  const { subjects } = config;
  const resolved = await mapLimit(subjects.tagsToResolve, config.concurrency, (tag) =>
    services.resolver.resolveTag(tag),
  );
  for (const image of resolved)
    logged.info(
      `resolved ${image.registry}/${image.repository}:${image.tag} to ${image.digest} (resolve-tags)`,
    );
  const images = dedupeImages([...subjects.images, ...resolved]);
  for (const notice of subjects.notices) logged.notice(notice);
  for (const skipped of subjects.skipped)
    logged.info(`skipped ${escapeUntrusted(skipped.name)}: ${escapeUntrusted(skipped.reason)}`);
  // Given release files only, an empty images group is noise in the log.
  if (images.length === 0 && wired.releaseFiles.length > 0) return [];
  return logged.group(groupTitle(mode, images.length, 'image(s)'), async () => {
    const outcomes = await signAll(images, services, { concurrency: config.concurrency });
    logImageOutcomes(outcomes);
    for (const line of wired.closingLines()) logged.info(line);
    return outcomes;
  });
}

/** The files' shorter road, through the same signer and witnesses; one log group for all of them. */
async function signReleaseFiles(wired: WiredRun, context: RunContext): Promise<FileOutcome[]> {
  const { releaseFiles, files, config, mode } = wired;
  if (releaseFiles.length === 0) return [];
  return logged.group(groupTitle(mode, releaseFiles.length, 'release file(s)'), async () => {
    const { signFiles } = await import('./files/sign-files.ts');
    const outcomes = await signFiles(releaseFiles, files, {
      concurrency: Math.min(config.concurrency, 4),
      workspace: context.workspace,
    });
    logFileOutcomes(outcomes);
    return outcomes;
  });
}

/** Step outputs, the job summary, the report file and the bundle files for later steps. */
async function writeReport(
  wired: WiredRun,
  context: RunContext,
  sink: ReportSink,
  outcomes: readonly TargetOutcome[],
  fileOutcomes: readonly FileOutcome[],
): Promise<void> {
  const { config, mode, signer } = wired;
  const { skipped } = config.subjects;
  const bundlePaths = await wired.writeBundleFiles(outcomes);
  const entries = toReportEntries(outcomes, skipped, mode);
  const reportPath = writeReportFile(entries, context.tempDir);
  await sink.write(
    {
      ...toStepOutputs(entries, outcomes, signer, bundlePaths, mode, reportPath),
      'file-signatures': toFileSignaturesOutput(fileOutcomes),
    },
    renderSummary(outcomes, skipped, {
      publicRekor: config.tlog?.rekorUrl === DEFAULT_REKOR_URL,
      mode,
      reportPath,
      signer,
      transparency: config.tlog ? 'tlog' : config.tsaUrl ? 'tsa' : 'none',
    }) + renderFilesSummary(fileOutcomes),
  );
}

/** The step fails once, at the end, naming how many failed and their codes. */
function failIfAnyFailed(outcomes: readonly (TargetOutcome | FileOutcome)[]): void {
  const failed = outcomes.filter((outcome) => outcome.status === 'failed');
  if (failed.length === 0) return;
  logged.setFailed(
    `${failed.length} of ${outcomes.length} signature(s) failed: ${[...new Set(failed.map((o) => o.error?.code))].join(', ')}`,
  );
}

/**
 * Reports an error that stopped the whole run (bad input, unreadable key): message, never a stack; and
 * the outputs, empty, so `if: always()` steps that read them still parse.
 */
export async function failRun(err: unknown, sink: ReportSink): Promise<void> {
  const message =
    err instanceof SignerError
      ? err.message
      : `release-signer stopped on an unexpected error: ${escapeUntrusted(describeCause(err))}`;
  logged.setFailed(message);
  if (err instanceof SignerError && err.cause)
    logged.debug(`cause: ${escapeUntrusted(describeCause(err.cause))}`);
  await sink.write(toStoppedRunOutputs(), renderStoppedSummary(message));
}
