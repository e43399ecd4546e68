import {
  DSSEBundleBuilder,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type Witness,
} from '@sigstore/sign';
import type { Config } from './config.ts';
import type { RunContext } from './github/context.ts';
import type { ProvenanceSource, ProvenanceSourceName } from './provenance/candidate.ts';
import { ProvenanceGate, sourceRepositoryFor } from './provenance/gate.ts';
import { BuildkitAttestationSource } from './provenance/sources/buildkit.ts';
import { CosignAttestationSource } from './provenance/sources/cosign-att.ts';
import { GitHubAttestationSource } from './provenance/sources/github-api.ts';
import { ReferrerBundleSource } from './provenance/sources/referrers.ts';
import { ProvenanceVerifier } from './provenance/sources/verify.ts';
import { fileBundleStore, RecordingBundleStore } from './files/bundle-store.ts';
import { FileBundleBuilder } from './files/file-bundle.ts';
import { ReleaseApi } from './files/release-api.ts';
import { GitHubReleasePublisher, PlannedReleasePublisher } from './files/release-publisher.ts';
import type { FileServices, ReleasePublisher } from './files/sign-files.ts';
import { createTrustedRootSource, type TrustedRootSource } from './sigstore/trusted-root-source.ts';
import type { Services } from './pipeline.ts';
import type { Session } from './session.ts';
import { resolveTag, resolveTargets } from './registry/resolve.ts';
import { BundleFormatWriter } from './signatures/bundle-format.ts';
import { BundleReferrerPublisher } from './signatures/bundle-referrer.ts';
import { PlanningWriter, type FormatWriter } from './signatures/format-writer.ts';
import { LegacyFormatWriter } from './signatures/legacy-format.ts';
import { LegacySigPublisher } from './signatures/legacy-sig.ts';
import { ReadBack } from './signatures/read-back.ts';
import { RekorV2Witness } from './sigstore/rekor-v2-witness.ts';
import { SIGSTORE_FETCH, withServiceErrors } from './sigstore/service-errors.ts';
import { withServicesFromTuf } from './sigstore/tuf-services.ts';
import type { TransparencyLog } from './sigstore/signing-config.ts';
import {
  createEphemeralSigning,
  createSigning,
  type SignerDescription,
  type SigningEnvironment,
} from './sigstore/signing.ts';

/** The heavy half of a run's wiring: Sigstore, provenance and the signature formats, loaded after the registries are reached. */
export interface SigningServices {
  readonly services: Services;
  readonly signer: SignerDescription;
  /** The configuration with the services chosen at run time (`signing-config: tuf`) filled in. */
  readonly config: Config;
  /** Release files' road: the same signer and witnesses as images. */
  readonly files: FileServices;
}

/** Builds the implementations the configuration asks for; the one place that reads signing settings. */
function createGate(
  config: Config,
  { registries, githubToken }: Session,
  context: RunContext,
  trustedRoot: TrustedRootSource,
): ProvenanceGate {
  const provenance = config.provenance;
  const verifier = new ProvenanceVerifier({
    trustedRoot,
    ...(provenance.publicKeyPem ? { publicKeyPem: provenance.publicKeyPem } : {}),
  });
  const byName: Record<ProvenanceSourceName, () => ProvenanceSource> = {
    cosign: () => new CosignAttestationSource(registries, verifier),
    referrers: () => new ReferrerBundleSource(registries, verifier),
    github: () =>
      new GitHubAttestationSource(
        {
          apiUrl: context.apiUrl,
          token: githubToken,
          repository: (image) => sourceRepositoryFor(provenance, image),
        },
        verifier,
      ),
    buildkit: () => new BuildkitAttestationSource(registries, verifier),
  };
  const sources = provenance.mode === 'off' ? [] : provenance.sources.map((name) => byName[name]());
  return new ProvenanceGate(provenance, sources, {
    serverUrl: context.serverUrl,
    repository: context.repository,
    runId: context.runId,
  });
}

/**
 * The log witness for Rekor v1 or v2. A v1 re-run whose entry already exists reuses it
 * (fetchOnConflict); v2 takes DSSE envelopes only as hashedrekord entries (rekor-v2-witness.ts).
 */
function logWitness(tlog: TransparencyLog, entryType: 'dsse' | undefined): Witness {
  if (tlog.majorApiVersion === 2)
    return new RekorV2Witness({ rekorBaseURL: tlog.rekorUrl, ...SIGSTORE_FETCH });
  return new RekorWitness({
    rekorBaseURL: tlog.rekorUrl,
    fetchOnConflict: true,
    ...SIGSTORE_FETCH,
    ...(entryType ? { entryType } : {}),
  });
}

/** A dry run plans its uploads and never calls the release API (a pull request has no tag anyway). */
function createReleasePublisher(context: RunContext, { mode, githubToken }: Session): ReleasePublisher {
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

  // Composition, not flags: no tlog means no Rekor witness, no tsa-url no TSA witness.
  const witnesses = (entryType?: 'dsse'): Witness[] => [
    ...(tlog ? [logWitness(tlog, entryType)] : []),
    ...(tsaUrl ? [new TSAWitness({ tsaBaseURL: tsaUrl, ...SIGSTORE_FETCH })] : []),
  ];
  const serviceUrls = {
    rekorUrl: tlog?.rekorUrl,
    tsaUrl,
    fromSigningConfig: config.signingConfigPath !== undefined,
  };
  const publishing = { registries, verification: signing.verification, requireLogEntry };
  const readBack = config.verify
    ? new ReadBack({ registries, verification: signing.verification })
    : undefined;

  // A dry run's writers make plans: the same work against a registry that keeps every write back.
  const asPlanned = (writer: FormatWriter): FormatWriter =>
    mode.dryRun ? new PlanningWriter(writer) : writer;
  const writers: FormatWriter[] = [];
  if (config.formats.includes('bundle')) {
    writers.push(
      asPlanned(
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
      asPlanned(
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
      gate: createGate(config, session, context, trustedRoot),
      ...(readBack ? { readBack } : {}),
      writers,
    },
    signer: signing.description,
    config,
    files: {
      // A message signature is logged as a hashedrekord: Rekor's default entry type for it.
      builder: new FileBundleBuilder({ signer: signing.signer, witnesses: witnesses(), serviceUrls }),
      signerKey: signing.signer.publicKey,
      verification: signing.verification,
      store: mode.dryRun ? new RecordingBundleStore() : fileBundleStore,
      ...(config.files.uploadToRelease ? { release: createReleasePublisher(context, session) } : {}),
      planned: mode.dryRun,
    },
  };
}
