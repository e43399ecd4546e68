import { describeCause } from '../../errors.ts';
import { parseImageIndex, parseImageManifest } from '../../registry/manifest.ts';
import {
  BUILDKIT_ATTESTATION_MANIFEST,
  BUILDKIT_REFERENCE_TYPE,
  MAX_SMALL_BLOB_BYTES,
  isIndexMediaType,
} from '../../registry/media-types.ts';
import type { RegistryPool } from '../../registry/pool.ts';
import { isDigest } from '../../subjects/reference.ts';
import type { ProvenanceCandidate, ProvenanceSource } from '../candidate.ts';
import { parseProvenance } from '../slsa.ts';

const BUILDKIT_REFERENCE_DIGEST = 'vnd.docker.reference.digest';
const IN_TOTO_LAYER = 'application/vnd.in-toto+json';
const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type';

/**
 * BuildKit's attestation manifests inside an index (docs/attestations/attestation-storage.md): unsigned
 * in-toto statements about each platform manifest. Asked about an index, it answers for its platforms.
 */
export class BuildkitAttestationSource implements ProvenanceSource {
  readonly name = 'buildkit';
  private readonly registries: RegistryPool;

  constructor(registries: RegistryPool) {
    this.registries = registries;
  }

  async find(
    image: { registry: string; repository: string },
    digest: string,
  ): Promise<ProvenanceCandidate[]> {
    if (!isDigest(digest)) return [];
    const client = this.registries.client(image.registry);
    const fetched = await client.getManifest(image.repository, digest);
    if (!fetched || !isIndexMediaType(fetched.mediaType)) return [];
    const attestations = parseImageIndex(fetched.bytes, digest).manifests.filter(
      (entry) => entry.annotations?.[BUILDKIT_REFERENCE_TYPE] === BUILDKIT_ATTESTATION_MANIFEST,
    );
    const candidates: ProvenanceCandidate[] = [];
    for (const attestation of attestations) {
      const platformDigest = attestation.annotations?.[BUILDKIT_REFERENCE_DIGEST];
      if (!platformDigest) continue;
      const manifest = await client.getManifest(image.repository, attestation.digest);
      if (!manifest) continue;
      for (const layer of parseImageManifest(manifest.bytes, attestation.digest).layers) {
        if (layer.mediaType !== IN_TOTO_LAYER) continue;
        const predicateType = layer.annotations?.[PREDICATE_TYPE_ANNOTATION];
        const statement = await client.getBlob(image.repository, layer.digest, MAX_SMALL_BLOB_BYTES);
        try {
          candidates.push({
            source: 'buildkit',
            digest: platformDigest,
            provenance: parseProvenance(statement),
            signer: { kind: 'unsigned' },
          });
        } catch (err) {
          candidates.push({
            source: 'buildkit',
            digest: platformDigest,
            provenance: { statementType: '', predicateType: predicateType ?? '', subjectDigests: [] },
            signer: { kind: 'unsigned' },
            signatureError: `unreadable statement: ${describeCause(err)}`,
          });
        }
      }
    }
    return candidates;
  }
}
