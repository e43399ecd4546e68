import type { RegistryAccess } from '../../registry/access.ts';
import type { ProvenanceVerifier } from './verify.ts';
import { RegistryProvenanceSource } from './registry-source.ts';
import { bundleFromJSON } from '@sigstore/bundle';
import { describeCause } from '../../errors.ts';
import { parseImageManifest } from '../../registry/manifest.ts';
import {
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  MAX_SMALL_BLOB_BYTES,
  SIGSTORE_BUNDLE_PREFIX,
} from '../../registry/media-types.ts';
import { listReferrers } from '../../registry/referrers.ts';
import { COSIGN_SIGN_PREDICATE } from '../../signatures/statement.ts';
import type { Digest } from '../../subjects/reference.ts';
import type { ProvenanceCandidate } from '../candidate.ts';
import { parseProvenance } from '../slsa.ts';

const MAX_REFERRERS_READ = 32;

/** Sigstore bundles attached as OCI referrers: `cosign attest` (v3), `actions/attest` with push-to-registry. */
export class ReferrerBundleSource extends RegistryProvenanceSource {
  readonly name = 'referrers';
  protected async findIn(
    client: RegistryAccess,
    repository: string,
    digest: Digest,
  ): Promise<ProvenanceCandidate[]> {
    // Index entries are hints (tools disagree on artifactType and annotations): open each manifest.
    // Our own signatures are referrers too; they are no provenance.
    const entries = (await listReferrers(client, repository, digest)).filter(
      (entry) => entry.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE] !== COSIGN_SIGN_PREDICATE,
    );
    const candidates: ProvenanceCandidate[] = [];
    for (const entry of entries.slice(0, MAX_REFERRERS_READ)) {
      const fetched = await client.getManifest(repository, entry.digest);
      if (!fetched) continue;
      const manifest = parseImageManifest(fetched.bytes, `${repository}@${entry.digest}`);
      const layer = manifest.layers[0];
      if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX)) continue;
      if (manifest.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE] === COSIGN_SIGN_PREDICATE) continue;
      const json = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
      candidates.push(await toCandidate('referrers', digest, json, this.verifier));
    }
    return candidates;
  }
}

/** A Sigstore bundle holding a DSSE statement, verified, as a candidate. */
export async function toCandidate(
  source: 'referrers' | 'github',
  digest: string,
  json: Buffer | object,
  verifier: ProvenanceVerifier,
): Promise<ProvenanceCandidate> {
  const empty = { statementType: '', predicateType: '', subjectDigests: [] };
  try {
    const bundle = bundleFromJSON(Buffer.isBuffer(json) ? JSON.parse(json.toString('utf8')) : json);
    if (bundle.content.$case !== 'dsseEnvelope') {
      return {
        source,
        digest,
        provenance: empty,
        signer: { kind: 'unsigned' },
        signatureError: 'not a DSSE attestation',
      };
    }
    const provenance = parseProvenance(bundle.content.dsseEnvelope.payload);
    const verdict = await verifier.signerOf(bundle);
    return 'signer' in verdict
      ? { source, digest, provenance, signer: verdict.signer }
      : { source, digest, provenance, signer: { kind: 'unsigned' }, signatureError: verdict.error };
  } catch (err) {
    return {
      source,
      digest,
      provenance: empty,
      signer: { kind: 'unsigned' },
      signatureError: `unreadable bundle: ${describeCause(err)}`,
    };
  }
}
