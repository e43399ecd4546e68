import type { KeyObject } from 'node:crypto';
import * as core from '@actions/core';
import type { Config } from './config.ts';
import { SignerError, describeCause } from './errors.ts';
import type { RunContext } from './github/context.ts';
import { collectReleaseFiles } from './files/collect.ts';
import { selectGoreleaserFiles } from './files/goreleaser-files.ts';
import { signFiles } from './files/sign-files.ts';
import { signAll } from './pipeline.ts';
import { renderFilesSummary, toFileSignaturesOutput } from './report/file-report.ts';
import type { SignerDescription } from './sigstore/signing.ts';
import { DEFAULT_REKOR_URL } from './sigstore/signing-services-inputs.ts';
import { writeBundleFiles } from './report/bundle-files.ts';
import type { TargetOutcome } from './report/outcome.ts';
import { toReportEntries, toStepOutputs, toStoppedRunOutputs } from './report/outputs.ts';
import { refusalsToldByTheirIndex } from './report/refusals.ts';
import { writeReportFile } from './report/report-file.ts';
import type { ReportSink } from './report/sinks.ts';
import { renderStoppedSummary, renderSummary } from './report/summary.ts';
import { toDigestRef } from './subjects/reference.ts';
import { dedupeImages } from './subjects/subject.ts';
import { mapLimit } from './util/concurrency.ts';
import { openSession, type Session } from './session.ts';
import { escapeUntrusted, toLogText } from './util/untrusted.ts';
import { appendPhaseTimings, notePhase, sinceStart } from './util/phase-timings.ts';

/**
 * Everything the action writes to the log goes through here: messages quote registries, artifacts.json
 * and provenance, and `core.info` writes its text as it is, where a line could start a workflow command.
 */
const logged = {
  info: (message: string): void => core.info(toLogText(message)),
  notice: (message: string): void => core.notice(toLogText(message)),
  warning: (message: string): void => core.warning(toLogText(message)),
  error: (message: string): void => core.error(toLogText(message)),
  debug: (message: string): void => core.debug(toLogText(message)),
  startGroup: (name: string): void => core.startGroup(toLogText(name)),
  setFailed: (message: string): void => core.setFailed(toLogText(message)),
};

/** What only the runner (or the CLI) can do: mask secrets, issue OIDC tokens. */
export interface RunHooks {
  readonly maskSecret: (secret: string) => void;
  readonly requestIdToken: (audience: string) => Promise<string>;
  readonly sink: ReportSink;
}

/** How long the registries' first answers may hold up loading the rest of the action. */
const HEAD_START_MS = 250;

/** The action: sign every image, report every outcome, fail the step once at the end if anything failed. */
export async function run(given: Config, context: RunContext, hooks: RunHooks): Promise<void> {
  notePhase('start-up', 0);
  const log = logged.info;
  // Release files are found before any network call: a path that matches nothing fails the run at once.
  const { files: filesConfig } = given;
  const releaseFiles = await collectReleaseFiles(
    {
      patterns: filesConfig.patterns,
      goreleaserPaths: filesConfig.goreleaserArtifacts
        ? selectGoreleaserFiles(
            filesConfig.goreleaserArtifacts,
            filesConfig.goreleaserFilters,
            "Input 'goreleaser-artifacts'",
          )
        : [],
    },
    context.workspace,
  );
  const session = openSession(given, context, { maskSecret: hooks.maskSecret, log });
  const privateKey = startReadingKey(given, session);
  // Loading Sigstore, provenance and their dependencies blocks the event loop, and with it the
  // connections just opened: let the registries answer first, for a moment at most.
  await settledWithin(session.reached, HEAD_START_MS);
  const loadStarted = sinceStart();
  const { createServices } = await import('./wiring.ts');
  notePhase('load-signing', loadStarted);
  const wiringStarted = sinceStart();
  const { mode, recordedWrites } = session;
  const wiring = await createServices(
    given,
    context,
    {
      maskSecret: hooks.maskSecret,
      requestIdToken: hooks.requestIdToken,
      runnerCanIssueToken: context.canRequestIdToken,
      log,
      ...(privateKey ? { privateKey } : {}),
    },
    session,
  );
  notePhase('wire', wiringStarted);
  const { services, signer, config, files } = wiring;
  for (const warning of mode.warnings ?? []) logged.warning(warning);
  if (mode.dryRun) {
    logged.notice(
      `Dry run (${mode.reason}): everything is checked and signed with a throwaway key, nothing is written or sent${mode.sendsCredentials ? '' : ', and no credentials are used'}.`,
    );
    for (const note of mode.notes) logged.notice(note);
  } else if (signer.mode === 'key') {
    logged.info(`Public key that verifies these signatures:\n${signer.publicKeyPem}`);
  } else if (signer.mode === 'keyless') {
    logged.info(`Keyless signer: ${signer.certificateIdentity} (issuer ${signer.certificateIssuer})`);
  }
  if (!config.tlog && !mode.dryRun)
    logged.warning(withoutLogWarning(signer.mode, config.tsaUrl !== undefined));

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
  const imagesGroup = images.length > 0 || releaseFiles.length === 0;
  if (imagesGroup)
    logged.startGroup(`${mode.dryRun ? 'Planning signatures for' : 'Signing'} ${images.length} image(s)`);
  const signedOutcomes = await signAll(images, services, { concurrency: config.concurrency });
  const reportStarted = sinceStart();
  // A dry run did the same work; what it made is a plan, not a signature.
  const outcomes: TargetOutcome[] = mode.dryRun
    ? signedOutcomes.map((outcome) =>
        outcome.status === 'signed' ? { ...outcome, status: 'planned' } : outcome,
      )
    : signedOutcomes;
  const toldByIndex = refusalsToldByTheirIndex(outcomes);
  for (const outcome of outcomes) {
    if (toldByIndex.has(outcome)) continue;
    const what = `${toDigestRef(outcome.target?.image ?? outcome.subject)}${outcome.target?.platform ? ` (${escapeUntrusted(outcome.target.platform)})` : ''}`;
    const where = outcome.records.map((r) => r.reference).join(', ');
    if (outcome.status === 'signed') logged.info(`signed ${what}: ${where}`);
    else if (outcome.status === 'already-signed')
      logged.info(`already signed ${what}, nothing written: ${where}`);
    else if (outcome.status === 'planned') logged.info(`would sign ${what}: ${where}`);
    // A refusal names its image and platforms itself.
    else if (outcome.provenance?.verdict === 'failed' && outcome.error) logged.error(outcome.error.message);
    else logged.error(`${what}: ${outcome.error?.message ?? 'failed'}`);
  }
  if (imagesGroup) {
    if (mode.dryRun) logged.info(`${recordedWrites.length} registry write(s) kept back.`);
    core.endGroup();
  }

  const fileOutcomes = await signReleaseFiles();
  const bundlePaths = mode.dryRun ? [] : writeBundleFiles(outcomes, context.tempDir);
  const entries = toReportEntries(outcomes, subjects.skipped, mode);
  const reportPath = writeReportFile(entries, context.tempDir);
  await hooks.sink.write(
    {
      ...toStepOutputs(entries, outcomes, signer, bundlePaths, mode, reportPath),
      'file-signatures': toFileSignaturesOutput(fileOutcomes),
    },
    renderSummary(outcomes, subjects.skipped, {
      publicRekor: config.tlog?.rekorUrl === DEFAULT_REKOR_URL,
      mode,
      reportPath,
      signer,
      transparency: config.tlog ? 'tlog' : config.tsaUrl ? 'tsa' : 'none',
    }) + renderFilesSummary(fileOutcomes),
  );

  const failed = [...outcomes, ...fileOutcomes].filter((outcome) => outcome.status === 'failed');
  if (failed.length > 0) {
    logged.setFailed(
      `${failed.length} of ${outcomes.length + fileOutcomes.length} signature(s) failed: ${[...new Set(failed.map((o) => o.error?.code))].join(', ')}`,
    );
  }
  notePhase('report', reportStarted);
  if (context.timingsFile) appendPhaseTimings(context.timingsFile);

  /** The files' shorter road, through the same signer and witnesses; one log group for all of them. */
  async function signReleaseFiles() {
    if (releaseFiles.length === 0) return [];
    logged.startGroup(
      `${mode.dryRun ? 'Planning signatures for' : 'Signing'} ${releaseFiles.length} release file(s)`,
    );
    const signedFiles = await signFiles(releaseFiles, files, {
      concurrency: Math.min(config.concurrency, 4),
      workspace: context.workspace,
    });
    for (const outcome of signedFiles) {
      const asset = outcome.asset
        ? `, ${outcome.asset.action === 'planned' ? 'would upload' : outcome.asset.action} release asset ${outcome.asset.name}`
        : '';
      if (outcome.status === 'failed') logged.error(outcome.error?.message ?? `${outcome.path}: failed`);
      else
        logged.info(
          `${{ planned: 'would sign', signed: 'signed', 'already-signed': 'already signed, kept' }[outcome.status]} ${escapeUntrusted(outcome.path)} (sha256:${outcome.sha256 ?? ''}): ${mode.dryRun ? 'would write ' : ''}${escapeUntrusted(outcome.bundlePath)}${asset}`,
        );
    }
    core.endGroup();
    return signedFiles;
  }
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

/**
 * Starts reading the signing key of a release run now: a cosign key's scrypt runs on the thread pool while
 * the signing code loads. Its failure (a wrong password) is reported where the key is used, in wiring.
 */
function startReadingKey(config: Config, session: Session): Promise<KeyObject> | undefined {
  const { signing } = config;
  if (session.mode.dryRun || signing.mode !== 'key' || signing.missingKey) return undefined;
  const reading = import('./sigstore/cosign-key.ts').then(({ readPrivateKey }) =>
    readPrivateKey(signing.keyPem, signing.password),
  );
  reading.catch(() => undefined);
  return reading;
}

/** Waits for a promise that never rejects, but no longer than `ms`. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolveWait) => (timer = setTimeout(resolveWait, ms)))]);
  clearTimeout(timer);
}

/** What a verifier must pass to cosign for signatures made without a log entry, and what it then trusts. */
function withoutLogWarning(mode: SignerDescription['mode'], timestamped: boolean): string {
  const start = 'tlog-upload is false: no transparency log entry was made.';
  if (timestamped)
    return `${start} Each signature carries a signed timestamp instead: verify with cosign verify --use-signed-timestamps --insecure-ignore-tlog=true (and a trusted root that lists the timestamp authority).`;
  if (mode === 'keyless')
    return `${start} Nothing proves the signatures were made while the certificates were valid: cosign verify accepts them only with --insecure-ignore-tlog=true.`;
  return `${start} Verifiers must pass --insecure-ignore-tlog=true to cosign verify (and trust the key's holder for the signing time).`;
}
