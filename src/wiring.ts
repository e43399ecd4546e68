import {
  DSSEBundleBuilder,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type Witness,
} from '@sigstore/sign';
import type { Config } from './config.ts';
import type { Services } from './pipeline.ts';
import { RegistryPool } from './registry/pool.ts';
import { resolveTargets } from './registry/resolve.ts';
import { BundleFormatWriter } from './signatures/bundle-format.ts';
import { BundleReferrerPublisher } from './signatures/bundle-referrer.ts';
import type { FormatWriter } from './signatures/format-writer.ts';
import { LegacyFormatWriter } from './signatures/legacy-format.ts';
import { LegacySigPublisher } from './signatures/legacy-sig.ts';
import { ReadBack } from './signatures/read-back.ts';
import { SIGSTORE_FETCH, withServiceErrors } from './sigstore/service-errors.ts';
import { createSigning, type SignerDescription, type SigningEnvironment } from './sigstore/signing.ts';

export interface Wiring {
  readonly services: Services;
  readonly signer: SignerDescription;
}

/** Builds the implementations the configuration asks for; the one place that reads signing settings. */
export async function createServices(config: Config, environment: SigningEnvironment): Promise<Wiring> {
  const signing = await createSigning(config, environment);
  const registries = new RegistryPool(config.registry, environment.maskSecret);
  const requireLogEntry = config.tlog !== undefined;

  // Composition, not flags: no tlog means no Rekor witness, no tsa-url no TSA witness. A re-run whose
  // log entry already exists reuses it (fetchOnConflict).
  const witnesses = (entryType?: 'dsse'): Witness[] => [
    ...(config.tlog
      ? [
          new RekorWitness({
            rekorBaseURL: config.tlog.rekorUrl,
            fetchOnConflict: true,
            ...SIGSTORE_FETCH,
            ...(entryType ? { entryType } : {}),
          }),
        ]
      : []),
    ...(config.tsaUrl ? [new TSAWitness({ tsaBaseURL: config.tsaUrl, ...SIGSTORE_FETCH })] : []),
  ];
  const serviceUrls = { rekorUrl: config.tlog?.rekorUrl, tsaUrl: config.tsaUrl };
  const readBack = config.verify ? new ReadBack(registries, signing.verification) : undefined;

  const writers: FormatWriter[] = [];
  if (config.formats.includes('bundle')) {
    writers.push(
      new BundleFormatWriter(
        withServiceErrors(
          new DSSEBundleBuilder({ signer: signing.signer, witnesses: witnesses('dsse') }),
          serviceUrls,
        ),
        new BundleReferrerPublisher(registries, signing.identity, requireLogEntry),
        config.annotations,
        readBack,
      ),
    );
  }
  if (config.formats.includes('legacy')) {
    writers.push(
      new LegacyFormatWriter(
        withServiceErrors(
          new MessageSignatureBundleBuilder({ signer: signing.signer, witnesses: witnesses() }),
          serviceUrls,
        ),
        new LegacySigPublisher(registries, signing.identity, requireLogEntry),
        config.annotations,
        readBack,
      ),
    );
  }
  return {
    services: {
      resolver: { resolve: (image) => resolveTargets(image, registries, config.recursive) },
      writers,
    },
    signer: signing.description,
  };
}
