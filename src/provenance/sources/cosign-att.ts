import type { RegistryAccess } from '../../registry/access.ts';
import { RegistryProvenanceSource } from './registry-source.ts';
import { toDSSEBundle } from '@sigstore/bundle';
import { pem } from '@sigstore/core';
import { describeCause } from '../../errors.ts';
import { parseImageManifest } from '../../registry/manifest.ts';
import { COSIGN_CERTIFICATE_ANNOTATION, MAX_SMALL_BLOB_BYTES } from '../../registry/media-types.ts';
import { withLegacyWitnesses } from '../../signatures/legacy-layer.ts';
import { toDigestTag, type Digest } from '../../subjects/reference.ts';
import type { SourceEntry } from '../candidate.ts';
import { parseProvenance, type Provenance } from '../slsa.ts';

// cosign's legacy attestations: tag `sha256-<hex>.att`, one DSSE envelope per layer
// (https://github.com/sigstore/cosign/blob/main/specs/ATTESTATION_SPEC.md).
const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
const MAX_LAYERS_READ = 32;

interface EnvelopeJson {
  payload?: string;
  payloadType?: string;
  signatures?: { sig?: string }[];
}

/** Provenance that `cosign attest` (legacy format) attached under the `.att` tag. */
export class CosignAttestationSource extends RegistryProvenanceSource {
  readonly name = 'cosign';
  protected async findIn(client: RegistryAccess, repository: string, digest: Digest): Promise<SourceEntry[]> {
    const tag = toDigestTag(digest, '.att');
    const fetched = await client.findTagged(repository, tag);
    if (!fetched) return [];
    const layers = parseImageManifest(fetched.bytes, tag).layers.filter(
      (layer) => layer.mediaType === DSSE_ENVELOPE,
    );
    const entries: SourceEntry[] = [];
    for (const layer of layers.slice(0, MAX_LAYERS_READ)) {
      // Anyone who can push may append a layer: one that cannot be read must not hide the others.
      let envelope: EnvelopeJson;
      let payload: Buffer;
      let provenance: Provenance;
      try {
        const blob = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
        envelope = JSON.parse(blob.toString('utf8')) as EnvelopeJson;
        payload = Buffer.from(envelope.payload ?? '', 'base64');
        provenance = parseProvenance(payload);
      } catch (err) {
        entries.push({
          source: 'cosign',
          digest,
          unreadable: `${tag} layer ${layer.digest}: ${describeCause(err)}`,
        });
        continue;
      }
      const annotations = layer.annotations ?? {};
      const certificate = annotations[COSIGN_CERTIFICATE_ANNOTATION];
      const bundle = withLegacyWitnesses(
        toDSSEBundle({
          artifact: payload,
          artifactType: envelope.payloadType ?? '',
          signature: Buffer.from(envelope.signatures?.[0]?.sig ?? '', 'base64'),
          ...(certificate
            ? { certificate: pem.toDER(certificate), certificateChain: false }
            : { keyHint: 'provenance-key' }),
        }),
        annotations,
        true,
      );
      const verdict = await this.verifier.signerOf(bundle);
      entries.push({
        source: 'cosign',
        digest,
        provenance,
        ...('signer' in verdict
          ? { signer: verdict.signer }
          : { signer: { kind: 'unsigned' }, signatureError: verdict.error }),
      });
    }
    return entries;
  }
}
