import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  OCI_INDEX,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_V03,
} from '../../../src/registry/media-types.ts';
import { RegistryPool } from '../../../src/registry/pool.ts';
import { BundleReferrerPublisher, type SignedBundle } from '../../../src/signatures/bundle-referrer.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import { toDigestTag, type Digest } from '../../../src/subjects/reference.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { MemoryRegistry } from './memory-registry.ts';

const REPOSITORY = 'acme/app';
const SUBJECT = sha256Digest(Buffer.from('the signed image manifest'));
const SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const FALLBACK_TAG = toDigestTag(SUBJECT, '');

interface IndexEntry {
  readonly digest: Digest;
  readonly artifactType?: string;
  readonly annotations?: Record<string, string>;
}

/** An SBOM another tool attached before us: its entry in the fallback index must survive our write. */
const FOREIGN_ENTRY: IndexEntry & { mediaType: string; size: number } = {
  mediaType: OCI_MANIFEST,
  digest: sha256Digest(Buffer.from('an sbom referrer')),
  size: 321,
  artifactType: 'application/spdx+json',
  annotations: { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z' },
};

const TARGET: SignTarget = {
  image: { registry: 'registry.example', repository: REPOSITORY, digest: SUBJECT },
  mediaType: OCI_MANIFEST,
  size: 25,
  storage: { registry: 'registry.example', repository: REPOSITORY },
};

const BUNDLE: SignedBundle = {
  json: Buffer.from('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}'),
  statement: Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}'),
  predicateType: SIGN_PREDICATE,
};

function createPublisher(registry: MemoryRegistry): BundleReferrerPublisher {
  const pool = new RegistryPool(
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
  // No bundle is attached before ours, so verification is never asked.
  const verification = { checksLog: false, verify: () => assert.fail('nothing to verify') };
  return new BundleReferrerPublisher({ registries: pool, verification, requireLogEntry: false });
}

async function fallbackEntries(registry: MemoryRegistry): Promise<readonly IndexEntry[]> {
  const index = await registry.readJson<{ mediaType: string; manifests: IndexEntry[] }>(
    REPOSITORY,
    FALLBACK_TAG,
  );
  assert.equal(index?.mediaType, OCI_INDEX);
  return index.manifests;
}

describe('BundleReferrerPublisher on a registry without the referrers API', () => {
  let registry: MemoryRegistry;
  beforeEach(() => {
    registry = new MemoryRegistry();
  });

  describe('when it writes the fallback index entry of its bundle', () => {
    it("gives it the bundle's artifactType and the manifest's annotations, as the spec says", async () => {
      const record = await createPublisher(registry).publish(TARGET, BUNDLE);
      const referrer = await registry.readJson<{
        artifactType: string;
        annotations: Record<string, string>;
      }>(REPOSITORY, record.manifestDigest);
      const entry = (await fallbackEntries(registry)).find((e) => e.digest === record.manifestDigest);
      assert.equal(referrer?.artifactType, SIGSTORE_BUNDLE_V03);
      assert.equal(entry?.artifactType, SIGSTORE_BUNDLE_V03);
      assert.deepEqual(entry?.annotations, referrer.annotations);
      assert.equal(entry?.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE], SIGN_PREDICATE);
    });
  });

  describe('when the fallback tag already lists a referrer of another tool', () => {
    it('keeps that entry, byte for byte, and appends its own', async () => {
      await registry.putManifest(
        REPOSITORY,
        FALLBACK_TAG,
        Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [FOREIGN_ENTRY] })),
        OCI_INDEX,
      );
      const record = await createPublisher(registry).publish(TARGET, BUNDLE);
      const entries = await fallbackEntries(registry);
      assert.deepEqual(entries[0], FOREIGN_ENTRY);
      assert.deepEqual(
        entries.map((entry) => entry.digest),
        [FOREIGN_ENTRY.digest, record.manifestDigest],
      );
    });
  });
});
