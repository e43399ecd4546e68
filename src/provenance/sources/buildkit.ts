import { RegistryProvenanceSource } from './registry-source.ts';
import { describeCause } from '../../errors.ts';
import { parseImageIndex, parseImageManifest } from '../../registry/manifest.ts';
import {
  BUILDKIT_ATTESTATION_MANIFEST,
  BUILDKIT_REFERENCE_DIGEST,
  BUILDKIT_REFERENCE_TYPE,
  COSIGN_SIMPLE_SIGNING,
  MAX_SMALL_BLOB_BYTES,
  isIndexMediaType,
} from '../../registry/media-types.ts';
import type { ProvenanceSigner, SourceEntry } from '../candidate.ts';
import type { RegistryAccess } from '../../registry/access.ts';
import { toLegacyBundle } from '../../signatures/legacy-layer.ts';
import { toDigestTag, type Digest } from '../../subjects/reference.ts';
import { parseProvenance } from '../slsa.ts';

const IN_TOTO_LAYER = 'application/vnd.in-toto+json';
const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type';

/**
 * BuildKit's attestation manifests inside an index (docs/attestations/attestation-storage.md): unsigned
 * in-toto statements about each platform manifest. Asked about an index, it answers for its platforms.
 * The index lists the attestation manifests by digest, so a verified cosign signature on the index vouches
 * for them: its signer then stands for theirs (and is judged by the same identity checks).
 */
export class BuildkitAttestationSource extends RegistryProvenanceSource {
  readonly name = 'buildkit';
  protected async findIn(client: RegistryAccess, repository: string, digest: Digest): Promise<SourceEntry[]> {
    const fetched = await client.getManifest(repository, digest);
    if (!fetched || !isIndexMediaType(fetched.mediaType)) return [];
    const attestations = parseImageIndex(fetched.bytes, digest).manifests.filter(
      (entry) => entry.annotations?.[BUILDKIT_REFERENCE_TYPE] === BUILDKIT_ATTESTATION_MANIFEST,
    );
    const candidates: SourceEntry[] = [];
    const signer = attestations.length > 0 ? await this.indexSigner(client, repository, digest) : UNSIGNED;
    for (const attestation of attestations) {
      const platformDigest = attestation.annotations?.[BUILDKIT_REFERENCE_DIGEST];
      if (!platformDigest) continue;
      const manifest = await client.getManifest(repository, attestation.digest);
      if (!manifest) continue;
      for (const layer of parseImageManifest(manifest.bytes, attestation.digest).layers) {
        if (layer.mediaType !== IN_TOTO_LAYER) continue;
        const predicateType = layer.annotations?.[PREDICATE_TYPE_ANNOTATION];
        const statement = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
        try {
          candidates.push({
            source: 'buildkit',
            digest: platformDigest,
            provenance: parseProvenance(statement),
            signer,
          });
        } catch (err) {
          candidates.push({
            source: 'buildkit',
            digest: platformDigest,
            unreadable: `${predicateType ?? 'in-toto'} statement ${layer.digest}: ${describeCause(err)}`,
          });
        }
      }
    }
    return candidates;
  }

  /** The signer of the first cosign signature (`.sig`) on the index that verifies, if any. */
  private async indexSigner(
    client: RegistryAccess,
    repository: string,
    digest: Digest,
  ): Promise<ProvenanceSigner> {
    const tag = toDigestTag(digest, '.sig');
    const fetched = await client.findTagged(repository, tag);
    if (!fetched) return UNSIGNED;
    for (const layer of parseImageManifest(fetched.bytes, tag).layers.slice(0, MAX_SIGNATURES_READ)) {
      if (layer.mediaType !== COSIGN_SIMPLE_SIGNING) continue;
      // Anyone who can push may append a layer: one that cannot be read must not hide the others.
      let payload: Buffer;
      let claims: { critical?: { image?: { 'docker-manifest-digest'?: string } } };
      try {
        payload = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
        claims = JSON.parse(payload.toString('utf8')) as typeof claims;
      } catch {
        continue;
      }
      if (claims.critical?.image?.['docker-manifest-digest'] !== digest) continue;
      const verdict = await this.verifier.signerOf(
        toLegacyBundle(payload, layer.annotations ?? {}, true),
        payload,
      );
      if ('signer' in verdict) return verdict.signer;
    }
    return UNSIGNED;
  }
}

const UNSIGNED: ProvenanceSigner = { kind: 'unsigned' };
const MAX_SIGNATURES_READ = 16;
