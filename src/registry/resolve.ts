import { SignerError } from '../errors.ts';
import type { SignTarget } from '../subjects/sign-target.ts';
import { isDigest, toDigestRef, type Digest, type ImageRef } from '../subjects/reference.ts';
import type { TagRef } from '../subjects/subject.ts';
import { parseImageIndex, type Descriptor } from './manifest.ts';
import {
  BUILDKIT_ATTESTATION_MANIFEST,
  BUILDKIT_REFERENCE_DIGEST,
  BUILDKIT_REFERENCE_TYPE,
  isIndexMediaType,
} from './media-types.ts';
import { parsePlatform } from './platform.ts';
import type { Registries } from './access.ts';

/**
 * BuildKit lists its provenance and SBOM manifests inside the index as `unknown/unknown` with a
 * reference-type annotation (docs/attestations/attestation-storage.md); they are no platform.
 */
export function isAttestationManifest(descriptor: Descriptor): boolean {
  return (
    descriptor.annotations?.[BUILDKIT_REFERENCE_TYPE] === BUILDKIT_ATTESTATION_MANIFEST ||
    (descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown')
  );
}

/**
 * How deep indexes may nest below the image: cosign signs an index's entries transitively, nested indexes
 * included (pkg/oci/walk); builders nest one level at most, so deeper than this is refused, not walked.
 */
export const MAX_INDEX_DEPTH = 4;
/** Most manifests one image may ask us to sign: an index of more was not made by a build. */
export const MAX_TARGETS_PER_IMAGE = 10_000;

export interface ResolveOptions {
  /** Also every manifest an index lists, nested indexes walked (cosign's --recursive). */
  readonly recursive: boolean;
  /**
   * BuildKit's attestation manifests too, as cosign --recursive signs them: containers/image's
   * `copy --all` checks every manifest of an index and refuses one that is unsigned.
   */
  readonly attestationManifests: boolean;
  /** `signature-repository`, when signatures are stored apart from the image. */
  readonly signatureRepository?: SignTarget['storage'];
}

/** What to sign for an attestation manifest listed in an index, or nothing when they are left out. */
function attestationOf(
  entry: Descriptor,
  options: ResolveOptions,
): { sign: boolean; attestation?: SignTarget['attestation'] } {
  if (!isAttestationManifest(entry)) return { sign: true };
  if (!options.attestationManifests) return { sign: false };
  // Registry content: a value that is no digest is not repeated in the outputs.
  const describes = entry.annotations?.[BUILDKIT_REFERENCE_DIGEST];
  return { sign: true, attestation: describes && isDigest(describes) ? { describes } : {} };
}

/**
 * The manifests to sign for one image: itself, and with `recursive` every manifest its index lists,
 * nested indexes walked; each digest once, however often it is listed.
 */
export async function resolveTargets(
  image: ImageRef,
  registries: Registries,
  options: ResolveOptions,
): Promise<SignTarget[]> {
  const storage = options.signatureRepository ?? { registry: image.registry, repository: image.repository };
  const client = registries.client(image.registry);
  const fetched = await client.getManifest(image.repository, image.digest);
  if (!fetched) {
    throw new SignerError(
      'MANIFEST_NOT_FOUND',
      `${toDigestRef(image)} was not found in the registry. Check that the build pushed it and that the digest is the pushed one.`,
    );
  }
  const self: SignTarget = { image, mediaType: fetched.mediaType, size: fetched.bytes.length, storage };
  if (!options.recursive || !isIndexMediaType(fetched.mediaType)) return [self];
  const targets = new Map<string, SignTarget>([[image.digest, self]]);

  const walk = async (indexBytes: Buffer, indexDigest: Digest, depth: number): Promise<void> => {
    const where = toDigestRef({ ...image, digest: indexDigest });
    for (const entry of parseImageIndex(indexBytes, where).manifests) {
      const { sign, attestation } = attestationOf(entry, options);
      if (!sign || targets.has(entry.digest)) continue;
      if (targets.size >= MAX_TARGETS_PER_IMAGE) {
        throw new SignerError(
          'REGISTRY_PROTOCOL',
          `${toDigestRef(image)} lists more than ${MAX_TARGETS_PER_IMAGE} distinct manifests. Not signed: no build makes such an index; check who pushed it.`,
        );
      }
      // `unknown/unknown` is BuildKit's marker, not a platform anyone pulls.
      const platform = attestation ? undefined : parsePlatform(entry.platform, entry.digest, where);
      targets.set(entry.digest, {
        image: {
          registry: image.registry,
          repository: image.repository,
          digest: entry.digest,
          ...(image.tag ? { tag: image.tag } : {}),
        },
        ...(platform ? { platform } : {}),
        ...(attestation ? { attestation } : {}),
        mediaType: entry.mediaType,
        size: entry.size,
        storage,
      });
      if (isIndexMediaType(entry.mediaType)) await walkNested(entry.digest, where, depth + 1);
    }
  };
  const walkNested = async (digest: Digest, parent: string, depth: number): Promise<void> => {
    if (depth > MAX_INDEX_DEPTH) {
      throw new SignerError(
        'REGISTRY_PROTOCOL',
        `${parent} nests indexes more than ${MAX_INDEX_DEPTH} deep (at ${digest}). Not signed: sign the inner indexes as images of their own, or flatten the index.`,
      );
    }
    const nested = await client.getManifest(image.repository, digest);
    if (!nested) {
      throw new SignerError(
        'MANIFEST_NOT_FOUND',
        `${parent} lists the index ${digest}, which is not in the registry. Push it, or push the outer index again without it.`,
      );
    }
    await walk(nested.bytes, digest, depth);
  };
  await walk(fetched.bytes, image.digest, 1);
  return [...targets.values()];
}

/** The digest a tag points at now; the caller signs that digest, never the tag. */
export async function resolveTag(tag: TagRef, registries: Registries): Promise<ImageRef> {
  const fetched = await registries.client(tag.registry).getManifest(tag.repository, tag.tag);
  if (!fetched) {
    throw new SignerError(
      'MANIFEST_NOT_FOUND',
      `${tag.origin}: ${tag.registry}/${tag.repository}:${tag.tag} was not found. Check the tag, or give the digest.`,
    );
  }
  return { registry: tag.registry, repository: tag.repository, digest: fetched.digest, tag: tag.tag };
}
