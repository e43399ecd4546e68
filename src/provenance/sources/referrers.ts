import type { RegistryAccess } from '../../registry/access.ts';
import type { ProvenanceVerifier } from './verify.ts';
import { RegistryProvenanceSource } from './registry-source.ts';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
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
import type { SourceEntry } from '../candidate.ts';
import { parseProvenance, type Provenance } from '../slsa.ts';

const MAX_REFERRERS_READ = 32;

/** Sigstore bundles attached as OCI referrers: `cosign attest` (v3), `actions/attest` with push-to-registry. */
export class ReferrerBundleSource extends RegistryProvenanceSource {
  readonly name = 'referrers';
  protected async findIn(client: RegistryAccess, repository: string, digest: Digest): Promise<SourceEntry[]> {
    // Index entries are hints (tools disagree on artifactType and annotations): open each manifest.
    // Our own signatures are referrers too; they are no provenance.
    const entries = (await listReferrers(client, repository, digest)).filter(
      (entry) => entry.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE] !== COSIGN_SIGN_PREDICATE,
    );
    const found: SourceEntry[] = [];
    for (const entry of entries.slice(0, MAX_REFERRERS_READ)) {
      // Anyone who can push may attach a referrer: one that cannot be read must not hide the others.
      let json: Buffer;
      try {
        const fetched = await client.getManifest(repository, entry.digest);
        if (!fetched) continue;
        const manifest = parseImageManifest(fetched.bytes, `${repository}@${entry.digest}`);
        const layer = manifest.layers[0];
        if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX)) continue;
        if (manifest.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE] === COSIGN_SIGN_PREDICATE) continue;
        json = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
      } catch (err) {
        found.push({
          source: 'referrers',
          digest,
          unreadable: `referrer ${entry.digest}: ${describeCause(err)}`,
        });
        continue;
      }
      found.push(await toCandidate('referrers', digest, json, this.verifier));
    }
    return found;
  }
}

/** A Sigstore bundle holding a DSSE statement, verified, as a candidate; unreadable when it is none. */
export async function toCandidate(
  source: 'referrers' | 'github',
  digest: string,
  json: Buffer | object,
  verifier: ProvenanceVerifier,
): Promise<SourceEntry> {
  let bundle: Bundle;
  let provenance: Provenance;
  try {
    bundle = bundleFromJSON(Buffer.isBuffer(json) ? JSON.parse(json.toString('utf8')) : json);
    if (bundle.content.$case !== 'dsseEnvelope')
      return { source, digest, unreadable: 'a Sigstore bundle that is not a DSSE attestation' };
    provenance = parseProvenance(bundle.content.dsseEnvelope.payload);
  } catch (err) {
    return { source, digest, unreadable: `unreadable bundle: ${describeCause(err)}` };
  }
  const verdict = await verifier.signerOf(bundle);
  return 'signer' in verdict
    ? { source, digest, provenance, signer: verdict.signer }
    : { source, digest, provenance, signer: { kind: 'unsigned' }, signatureError: verdict.error };
}
