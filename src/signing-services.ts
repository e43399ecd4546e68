import { DSSEBundleBuilder } from '@sigstore/sign/dist/bundler/dsse.js';
import { MessageSignatureBundleBuilder } from '@sigstore/sign/dist/bundler/message.js';
import type { Config } from './config.ts';
import type { RunContext } from './github/context.ts';
import { ProvenanceGate } from './provenance/gate.ts';
import { BundleFiles } from './report/bundle-files.ts';
import { fileBundleStore, RecordingBundleStore } from './files/bundle-store.ts';
import { FileBundleBuilder } from './files/file-bundle.ts';
import type { FileServices, ReleasePublisher } from './files/sign-files.ts';
import { createTrustedRootSource, type TrustedRootSource } from './sigstore/trusted-root-source.ts';
import type { Services } from './pipeline.ts';
import type { Session } from './session.ts';
import { resolveTag, resolveTargets } from './registry/resolve.ts';
import { BundleFormatWriter } from './signatures/bundle-format.ts';
import { BundleReferrerPublisher } from './signatures/bundle-referrer.ts';
import { BundleFilingWriter, PlanningWriter, type FormatWriter } from './signatures/format-writer.ts';
import { LegacyFormatWriter } from './signatures/legacy-format.ts';
import { LegacySigPublisher } from './signatures/legacy-sig.ts';
import { ReadBack } from './signatures/read-back.ts';
import { withServiceErrors } from './sigstore/service-errors.ts';
import { withServicesFromTuf } from './sigstore/tuf-services.ts';
import {
  createEphemeralSigning,
  createSigning,
  type SignerDescription,
  type SigningEnvironment,
} from './sigstore/signing.ts';
import type { WitnessesFor } from './sigstore/witnesses.ts';

// What only some runs use is loaded when the configuration asks for it, not with this module: Rekor and
// TSA clients (their HTTP stack is the largest part of Sigstore's code), provenance sources, the GitHub
// release API. A key-signed release without a log loads none of them.

/** The heavy half of a run's wiring: Sigstore, provenance and the signature formats, loaded after the registries are reached. */
export interface SigningServices {
  readonly services: Services;
  readonly signer: SignerDescription;
  /** The configuration with the services chosen at run time (`signing-config: tuf`) filled in. */
  readonly config: Config;
  /** Release files' road: the same signer and witnesses as images. */
  readonly files: FileServices;
  /** Where the images' bundles are written as they are made; a dry run writes none. */
  readonly bundleFiles?: BundleFiles;
}

/** The provenance gate; its sources load only when provenance is checked. */
async function createGate(
  config: Config,
  { registries, githubToken }: Session,
  context: RunContext,
  trustedRoot: TrustedRootSource,
): Promise<ProvenanceGate> {
  const { provenance } = config;
  const sources =
    provenance.mode === 'off'
      ? []
      : (await import('./provenance/sources/all-sources.ts')).createSources(provenance, {
          registries,
          githubToken,
          context,
          trustedRoot,
        });
  return new ProvenanceGate(provenance, sources, {
    serverUrl: context.serverUrl,
    repository: context.repository,
    runId: context.runId,
  });
}

/** The witnesses the configuration asks for: none without a log or TSA (a dry run has neither). */
async function loadWitnesses(
  tlog: Config['tlog'] | undefined,
  tsaUrl: string | undefined,
): Promise<WitnessesFor> {
  if (!tlog && !tsaUrl) return () => [];
  return (await import('./sigstore/witnesses.ts')).witnessesFor(tlog, tsaUrl);
}

/** A dry run plans its uploads and never calls the release API (a pull request has no tag anyway). */
async function createReleasePublisher(
  context: RunContext,
  { mode, githubToken }: Session,
): Promise<ReleasePublisher> {
  const [{ GitHubReleasePublisher, PlannedReleasePublisher }, { ReleaseApi }] = await Promise.all([
    import('./files/release-publisher.ts'),
    import('./files/release-api.ts'),
  ]);
  if (mode.dryRun) return new PlannedReleasePublisher();
  const where = { ref: context.ref, repository: context.repository, apiUrl: context.apiUrl };
  return new GitHubReleasePublisher(
    new ReleaseApi({ apiUrl: context.apiUrl, repository: context.repository, token: githubToken }),
    where,
  );
}

export async function createServices(
  given: Config,
  context: RunContext,
  environment: SigningEnvironment,
  session: Session,
): Promise<SigningServices> {
  // A dry run is another wiring, not a flag downstream: its registry records writes (session.ts), its
  // signer is an ephemeral key, and it has no witnesses: nothing reaches Fulcio, Rekor or a TSA.
  const { registries, mode } = session;
  const config = mode.dryRun ? given : await withServicesFromTuf(given, context.tempDir);
  // Fetched once, when first needed: signing, read-back and the provenance gate all verify against it.
  const trustedRoot = createTrustedRootSource(config.trust, context.tempDir);
  const signing = mode.dryRun
    ? createEphemeralSigning()
    : await createSigning(config, environment, trustedRoot);
  const tlog = mode.dryRun ? undefined : config.tlog;
  const tsaUrl = mode.dryRun ? undefined : config.tsaUrl;
  const requireLogEntry = tlog !== undefined;
  const witnesses = await loadWitnesses(tlog, tsaUrl);
  const serviceUrls = {
    rekorUrl: tlog?.rekorUrl,
    tsaUrl,
    fromSigningConfig: config.signingConfigPath !== undefined,
  };
  const publishing = { registries, verification: signing.verification, requireLogEntry };
  const readBack = config.verify
    ? new ReadBack({ registries, verification: signing.verification })
    : undefined;

  // A dry run's writers make plans: the same work against a registry that keeps every write back. A
  // release run's hand each bundle to its bundle file as soon as it is made.
  const bundleFiles = mode.dryRun ? undefined : new BundleFiles(context.tempDir);
  const forRunMode = (writer: FormatWriter): FormatWriter =>
    bundleFiles ? new BundleFilingWriter(writer, bundleFiles) : new PlanningWriter(writer);
  const writers: FormatWriter[] = [];
  if (config.formats.includes('bundle')) {
    writers.push(
      forRunMode(
        new BundleFormatWriter(
          withServiceErrors(
            new DSSEBundleBuilder({ signer: signing.signer, witnesses: witnesses('dsse') }),
            serviceUrls,
          ),
          new BundleReferrerPublisher(publishing),
          config.annotations,
        ),
      ),
    );
  }
  if (config.formats.includes('legacy')) {
    writers.push(
      forRunMode(
        new LegacyFormatWriter(
          withServiceErrors(
            new MessageSignatureBundleBuilder({ signer: signing.signer, witnesses: witnesses() }),
            serviceUrls,
          ),
          new LegacySigPublisher(publishing),
          config.annotations,
        ),
      ),
    );
  }
  return {
    services: {
      resolver: {
        resolve: (image) =>
          resolveTargets(image, registries, {
            recursive: config.recursive,
            attestationManifests: config.signAttestationManifests,
            ...(config.registry.signatureRepository
              ? { signatureRepository: config.registry.signatureRepository }
              : {}),
          }),
        resolveTag: (tag) => resolveTag(tag, registries),
      },
      gate: await createGate(config, session, context, trustedRoot),
      ...(readBack ? { readBack } : {}),
      writers,
    },
    signer: signing.description,
    config,
    ...(bundleFiles ? { bundleFiles } : {}),
    files: {
      // A message signature is logged as a hashedrekord: Rekor's default entry type for it.
      builder: new FileBundleBuilder({ signer: signing.signer, witnesses: witnesses(), serviceUrls }),
      signerKey: signing.signer.publicKey,
      verification: signing.verification,
      store: mode.dryRun ? new RecordingBundleStore() : fileBundleStore,
      ...(config.files.uploadToRelease ? { release: await createReleasePublisher(context, session) } : {}),
      planned: mode.dryRun,
    },
  };
}
