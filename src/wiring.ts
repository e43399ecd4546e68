import { verify } from 'node:crypto';
import { MessageSignatureBundleBuilder } from '@sigstore/sign';
import type { Config } from './config.ts';
import type { Services } from './pipeline.ts';
import { RegistryPool } from './registry/pool.ts';
import { resolveTargets } from './registry/resolve.ts';
import { COSIGN_SIGNATURE_ANNOTATION } from './registry/media-types.ts';
import { LegacyFormatWriter } from './signatures/legacy-format.ts';
import { LegacySigPublisher, type SameSignerCheck } from './signatures/legacy-sig.ts';
import { readPrivateKey } from './sigstore/cosign-key.ts';
import { KeySigner, hashForKey } from './sigstore/key-signer.ts';

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
  const sameSigner: SameSignerCheck = (annotations, payload) => {
    const signature = annotations[COSIGN_SIGNATURE_ANNOTATION];
    if (!signature) return false;
    return verify(hashForKey(privateKey), payload, signer.publicKeyPem, Buffer.from(signature, 'base64'));
  };
  const registries = new RegistryPool(config.registry, environment.maskSecret);
  const legacy = new LegacyFormatWriter(
    new MessageSignatureBundleBuilder({ signer, witnesses: [] }),
    new LegacySigPublisher(registries, sameSigner),
    config.annotations,
  );
  return {
    services: {
      resolver: { resolve: (image) => resolveTargets(image, registries, config.recursive) },
      writers: [legacy],
    },
    publicKeyPem: signer.publicKeyPem,
  };
}
