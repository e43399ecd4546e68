import { SignerError } from '../errors.ts';
import type { SignTarget } from '../signatures/target.ts';
import { toDigestRef, type ImageRef } from '../subjects/reference.ts';
import type { TagRef } from '../subjects/subject.ts';
import { parseImageIndex, type Descriptor } from './manifest.ts';
import { BUILDKIT_ATTESTATION_MANIFEST, BUILDKIT_REFERENCE_TYPE, isIndexMediaType } from './media-types.ts';
import { parsePlatform } from './platform.ts';
import type { RegistryPool } from './pool.ts';

/**
 * BuildKit lists its provenance and SBOM manifests inside the index as `unknown/unknown` with a
 * reference-type annotation (docs/attestations/attestation-storage.md); they are never signed.
 */
export function isAttestationManifest(descriptor: Descriptor): boolean {
  return (
    descriptor.annotations?.[BUILDKIT_REFERENCE_TYPE] === BUILDKIT_ATTESTATION_MANIFEST ||
    (descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown')
  );
}

/** The manifests to sign for one image: itself, and with `recursive` every platform manifest of an index. */
export async function resolveTargets(
  image: ImageRef,
  registries: RegistryPool,
  recursive: boolean,
  signatureRepository?: SignTarget['storage'],
): Promise<SignTarget[]> {
  const storage = signatureRepository ?? { registry: image.registry, repository: image.repository };
  const client = registries.client(image.registry);
  const fetched = await client.getManifest(image.repository, image.digest);
  if (!fetched) {
    throw new SignerError(
      'MANIFEST_NOT_FOUND',
      `${toDigestRef(image)} was not found in the registry. Check that the build pushed it and that the digest is the pushed one.`,
    );
  }
  const self: SignTarget = { image, mediaType: fetched.mediaType, size: fetched.bytes.length, storage };
  if (!recursive || !isIndexMediaType(fetched.mediaType)) return [self];
  const where = toDigestRef(image);
  const index = parseImageIndex(fetched.bytes, where);
  const children = index.manifests
    .filter((entry) => !isAttestationManifest(entry) && !isIndexMediaType(entry.mediaType))
    .map((entry): SignTarget => ({
      image: {
        registry: image.registry,
        repository: image.repository,
        digest: entry.digest,
        ...(image.tag ? { tag: image.tag } : {}),
      },
      platform: parsePlatform(entry.platform, entry.digest, where),
      mediaType: entry.mediaType,
      size: entry.size,
      storage,
    }));
  return [self, ...children];
}

/** The digest a tag points at now; the caller signs that digest, never the tag. */
export async function resolveTag(tag: TagRef, registries: RegistryPool): Promise<ImageRef> {
  const fetched = await registries.client(tag.registry).getManifest(tag.repository, tag.tag);
  if (!fetched) {
    throw new SignerError(
      'MANIFEST_NOT_FOUND',
      `${tag.origin}: ${tag.registry}/${tag.repository}:${tag.tag} was not found. Check the tag, or give the digest.`,
    );
  }
  return { registry: tag.registry, repository: tag.repository, digest: fetched.digest, tag: tag.tag };
}
