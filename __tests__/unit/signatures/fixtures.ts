import { generateKeyPairSync } from 'node:crypto';
import { DSSEBundleBuilder, MessageSignatureBundleBuilder } from '@sigstore/sign';
import { OCI_MANIFEST } from '../../../src/registry/media-types.ts';
import { RegistryPool } from '../../../src/registry/pool.ts';
import { KeySigner } from '../../../src/sigstore/key-signer.ts';
import { KeyVerification } from '../../../src/sigstore/trust.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import type { MemoryRegistry } from './memory-registry.ts';

/** A throwaway key pair, signing as `cosign sign --key` does, and the verification that trusts only it. */
export function throwawaySigner(): {
  signer: KeySigner;
  verification: KeyVerification;
  messages: MessageSignatureBundleBuilder;
  envelopes: DSSEBundleBuilder;
} {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer = new KeySigner(privateKey);
  return {
    signer,
    verification: new KeyVerification(signer.publicKey, { expectLog: false }),
    messages: new MessageSignatureBundleBuilder({ signer, witnesses: [] }),
    envelopes: new DSSEBundleBuilder({ signer, witnesses: [] }),
  };
}

/** A pool whose every client is this in-memory registry. */
export function poolOf(registry: MemoryRegistry): RegistryPool {
  return new RegistryPool(
    {
      allowHttp: false,
      allowInsecure: false,
      retryBudgetSeconds: 0,
      credentials: [],
      githubActor: '',
    },
    {
      maskSecret: () => undefined,
      credentials: { lookup: async () => undefined, missingHint: '' },
      log: () => undefined,
      wrap: () => registry,
    },
  );
}

export const REPOSITORY = 'acme/app';

/** A platform manifest to sign, stored in its own repository. */
export function targetOf(name: string, repository = REPOSITORY): SignTarget {
  return {
    image: { registry: 'registry.example', repository, digest: sha256Digest(Buffer.from(name)) },
    mediaType: OCI_MANIFEST,
    size: 25,
    storage: { registry: 'registry.example', repository },
  };
}

/** settle() without its pause: the tests play the concurrent writers themselves, before it looks. */
export const NO_PAUSE = { now: Date.now, sleep: async () => undefined, delayMs: () => 0, jitterMs: () => 0 };
