import { createPublicKey } from 'node:crypto';
import { DSSEBundleBuilder, MessageSignatureBundleBuilder, RekorWitness, type Witness } from '@sigstore/sign';
import type { Config } from './config.ts';
import type { Services } from './pipeline.ts';
import { RegistryPool } from './registry/pool.ts';
import { resolveTargets } from './registry/resolve.ts';
import { BundleFormatWriter } from './signatures/bundle-format.ts';
import { BundleReferrerPublisher } from './signatures/bundle-referrer.ts';
import type { FormatWriter } from './signatures/format-writer.ts';
import { LegacyFormatWriter } from './signatures/legacy-format.ts';
import { LegacySigPublisher } from './signatures/legacy-sig.ts';
import { readPrivateKey } from './sigstore/cosign-key.ts';
import { KeySigner } from './sigstore/key-signer.ts';
import { KeyIdentity } from './sigstore/signer-identity.ts';
import { createKeyVerification, readTrustedRoot } from './sigstore/trust.ts';
import { ReadBack } from './signatures/read-back.ts';

export interface Wiring {
  readonly services: Services;
  /** PEM of the public key that verifies the signatures, for the `public-key` output. */
  readonly publicKeyPem: string;
}

export interface Environment {
  readonly maskSecret: (value: string) => void;
}

/** Builds the implementations the configuration asks for; the one place that reads signing settings. */
export function createServices(config: Config, environment: Environment): Wiring {
  const privateKey = readPrivateKey(config.signing.keyPem, config.signing.password);
  const signer = new KeySigner(privateKey);
  const identity = new KeyIdentity(createPublicKey(privateKey));
  const registries = new RegistryPool(config.registry, environment.maskSecret);

  // No tlog means no Rekor witness; a re-run whose entry already exists reuses it (fetchOnConflict).
  const rekor = (entryType?: 'dsse'): Witness[] =>
    config.tlog
      ? [
          new RekorWitness({
            rekorBaseURL: config.tlog.rekorUrl,
            fetchOnConflict: true,
            ...(entryType ? { entryType } : {}),
          }),
        ]
      : [];

  const trustedRoot = config.trustedRootPath ? readTrustedRoot(config.trustedRootPath) : undefined;
  const readBack = config.verify
    ? new ReadBack(
        registries,
        createKeyVerification(identity.publicKey, trustedRoot, config.tlog !== undefined),
      )
    : undefined;

  const writers: FormatWriter[] = [];
  if (config.formats.includes('bundle')) {
    writers.push(
      new BundleFormatWriter(
        new DSSEBundleBuilder({ signer, witnesses: rekor('dsse') }),
        new BundleReferrerPublisher(registries, identity, config.tlog !== undefined),
        config.annotations,
        readBack,
      ),
    );
  }
  if (config.formats.includes('legacy')) {
    writers.push(
      new LegacyFormatWriter(
        new MessageSignatureBundleBuilder({ signer, witnesses: rekor() }),
        new LegacySigPublisher(registries, identity, config.tlog !== undefined),
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
    publicKeyPem: signer.publicKeyPem,
  };
}
