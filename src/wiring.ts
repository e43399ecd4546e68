import type { KeyObject } from 'node:crypto';
import type { Config } from './config.ts';
import type { RunContext } from './github/context.ts';
import { decideRunMode, type RunMode } from './github/dry-run.ts';
import { collectReleaseFiles, type ReleaseFile } from './files/collect.ts';
import { selectGoreleaserFiles } from './files/goreleaser-files.ts';
import type { FileServices } from './files/sign-files.ts';
import type { Services } from './pipeline.ts';
import type { TargetOutcome } from './report/outcome.ts';
import type { Announcement } from './report/run-log.ts';
import type { SignerDescription } from './sigstore/signing.ts';
import { openSession } from './session.ts';
import { notePhase, sinceStart } from './util/phase-timings.ts';

/** What only the runner (or the CLI) can do: mask secrets, issue OIDC tokens. */
export interface RunnerHooks {
  readonly maskSecret: (secret: string) => void;
  readonly requestIdToken: (audience: string) => Promise<string>;
  readonly log: (message: string) => void;
}

/** A run, put together: what it signs, with which services, and what its report needs to tell. */
export interface WiredRun {
  /** The configuration with the services chosen at run time (`signing-config: tuf`) filled in. */
  readonly config: Config;
  readonly mode: RunMode;
  readonly signer: SignerDescription;
  readonly services: Services;
  readonly releaseFiles: readonly ReleaseFile[];
  readonly files: FileServices;
  /** Told before anything is signed: the run mode, the signer, what verifiers must pass. */
  readonly announcements: readonly Announcement[];
  /** Lines for the end of the images' log group (a dry run: the writes it kept back). */
  closingLines(): string[];
  /** Bundle files for release assets; a dry run writes none. Returns their paths. */
  writeBundleFiles(outcomes: readonly TargetOutcome[]): Promise<string[]>;
}

/** How long the registries' first answers may hold up loading the rest of the action. */
const HEAD_START_MS = 250;

/**
 * The one place that decides the run's mode and builds what follows from it, in two phases: a light one
 * that finds the release files and reaches the registries, then, after a head start for their answers,
 * the heavy one (Sigstore, provenance, formats) loaded on demand.
 */
export async function wireRun(given: Config, context: RunContext, hooks: RunnerHooks): Promise<WiredRun> {
  // Release files are found before any network call: a path that matches nothing fails the run at once.
  const releaseFiles = await findReleaseFiles(given, context);
  const mode = decideRunMode(given, context);
  const session = openSession(given, mode, { maskSecret: hooks.maskSecret, log: hooks.log });
  const privateKey = startReadingKey(given, mode);
  // Loading Sigstore, provenance and their dependencies blocks the event loop, and with it the
  // connections just opened: let the registries answer first, for a moment at most.
  await settledWithin(session.reached, HEAD_START_MS);
  const loadStarted = sinceStart();
  const { createServices } = await import('./signing-services.ts');
  notePhase('load-signing', loadStarted);
  const wiringStarted = sinceStart();
  const { services, signer, config, files, bundleFiles } = await createServices(
    given,
    context,
    {
      maskSecret: hooks.maskSecret,
      requestIdToken: hooks.requestIdToken,
      runnerCanIssueToken: context.canRequestIdToken,
      log: hooks.log,
      ...(privateKey ? { privateKey } : {}),
    },
    session,
  );
  notePhase('wire', wiringStarted);
  return {
    config,
    mode,
    signer,
    services,
    releaseFiles,
    files,
    announcements: announcementsFor(mode, signer, config),
    closingLines: () =>
      mode.dryRun ? [`${session.recordedWrites.length} registry write(s) kept back.`] : [],
    writeBundleFiles: async (outcomes) => (bundleFiles ? bundleFiles.write(outcomes) : []),
  };
}

function findReleaseFiles(config: Config, context: RunContext): Promise<ReleaseFile[]> {
  const { files } = config;
  return collectReleaseFiles(
    {
      patterns: files.patterns,
      goreleaserPaths: files.goreleaserArtifacts
        ? selectGoreleaserFiles(
            files.goreleaserArtifacts,
            files.goreleaserFilters,
            "Input 'goreleaser-artifacts'",
          )
        : [],
    },
    context.workspace,
  );
}

function announcementsFor(mode: RunMode, signer: SignerDescription, config: Config): Announcement[] {
  const told: Announcement[] = (mode.warnings ?? []).map((text) => ({ level: 'warning', text }));
  if (mode.dryRun) {
    told.push({
      level: 'notice',
      text: `Dry run (${mode.reason}): everything is checked and signed with a throwaway key, nothing is written or sent${mode.sendsCredentials ? '' : ', and no credentials are used'}.`,
    });
    for (const text of mode.notes) told.push({ level: 'notice', text });
    return told;
  }
  if (signer.mode === 'key')
    told.push({ level: 'info', text: `Public key that verifies these signatures:\n${signer.publicKeyPem}` });
  else if (signer.mode === 'keyless')
    told.push({
      level: 'info',
      text: `Keyless signer: ${signer.certificateIdentity} (issuer ${signer.certificateIssuer})`,
    });
  if (!config.tlog)
    told.push({ level: 'warning', text: withoutLogWarning(signer.mode, config.tsaUrl !== undefined) });
  return told;
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

/**
 * Starts reading the signing key of a release run now: a cosign key's scrypt runs on the thread pool while
 * the signing code loads. Its failure (a wrong password) is reported where the key is used.
 */
function startReadingKey(config: Config, mode: RunMode): Promise<KeyObject> | undefined {
  const { signing } = config;
  if (mode.dryRun || signing.mode !== 'key' || signing.missingKey) return undefined;
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
