import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { SignerError, describeCause } from '../errors.ts';
import { parseImageManifest } from '../registry/manifest.ts';
import {
  COSIGN_SIMPLE_SIGNING,
  MAX_SMALL_BLOB_BYTES,
  SIGSTORE_BUNDLE_PREFIX,
} from '../registry/media-types.ts';
import type { FetchedManifest } from '../registry/client.ts';
import type { RegistryPool } from '../registry/pool.ts';
import type { SettledReads } from './format-writer.ts';
import type { SignatureVerification } from '../sigstore/trust.ts';
import { toDigestTag } from '../subjects/reference.ts';
import { toLegacyBundle } from './legacy-layer.ts';
import type { PublishRecord, SignTarget } from './target.ts';

interface SimpleSigningClaims {
  critical?: { image?: { 'docker-manifest-digest'?: string } };
}

interface InTotoStatement {
  subject?: { digest?: { sha256?: string } }[];
  predicateType?: string;
}

/**
 * Fetches what was written and verifies it as a verifier would: signature bytes from the registry,
 * checked with @sigstore/verify against the key, claims checked against the signed digest.
 */
export class ReadBack {
  private readonly registries: RegistryPool;
  private readonly verification: SignatureVerification;

  constructor(registries: RegistryPool, verification: SignatureVerification) {
    this.registries = registries;
    this.verification = verification;
  }

  async check(target: SignTarget, record: PublishRecord, settled: SettledReads = new Map()): Promise<void> {
    try {
      if (record.format === 'legacy') await this.checkLegacy(target, settled.get(record.reference));
      else await this.checkBundle(target, record, settled.get(record.reference));
    } catch (err) {
      const why = err instanceof SignerError || err instanceof Error ? describeCause(err) : String(err);
      throw new SignerError(
        'READBACK_MISMATCH',
        `The ${record.format} signature read back from ${record.reference} does not verify: ${why}. The registry did not keep what was written; run again, and check the registry or any proxy in between.`,
        err,
      );
    }
  }

  /** Any one layer of the `.sig` manifest that verifies suffices, as in `cosign verify`. */
  private async checkLegacy(target: SignTarget, settled: FetchedManifest | undefined): Promise<void> {
    const client = this.registries.client(target.storage.registry);
    const tag = toDigestTag(target.image.digest, '.sig');
    const fetched = settled ?? (await client.getManifest(target.storage.repository, tag));
    if (!fetched) throw new Error(`${tag} is missing`);
    const layers = parseImageManifest(fetched.bytes, tag).layers.filter(
      (layer) => layer.mediaType === COSIGN_SIMPLE_SIGNING,
    );
    const failures: string[] = [];
    for (const layer of layers) {
      try {
        const payload = await client.getBlob(target.storage.repository, layer.digest, MAX_SMALL_BLOB_BYTES);
        const claims = JSON.parse(payload.toString('utf8')) as SimpleSigningClaims;
        if (claims.critical?.image?.['docker-manifest-digest'] !== target.image.digest)
          throw new Error('the payload names another digest');
        this.verification.verify(
          toLegacyBundle(payload, layer.annotations ?? {}, this.verification.checksLog),
          payload,
        );
        return;
      } catch (err) {
        failures.push(describeCause(err));
      }
    }
    throw new Error(failures.length ? failures.join('; ') : 'no signature layer found');
  }

  /** `kept`: the bundle of ours that remains where concurrent runs attached duplicates (see settle()). */
  private async checkBundle(
    target: SignTarget,
    record: PublishRecord,
    kept: FetchedManifest | undefined,
  ): Promise<void> {
    const client = this.registries.client(target.storage.registry);
    const fetched = kept ?? (await client.getManifest(target.storage.repository, record.manifestDigest));
    if (!fetched) throw new Error(`referrer ${record.manifestDigest} is missing`);
    const manifest = parseImageManifest(fetched.bytes, record.reference);
    const layer = manifest.layers[0];
    if (manifest.subject?.digest !== target.image.digest)
      throw new Error('the referrer points at another manifest');
    if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX))
      throw new Error('the referrer holds no bundle');
    const json = await client.getBlob(target.storage.repository, layer.digest, MAX_SMALL_BLOB_BYTES);
    const bundle: Bundle = bundleFromJSON(JSON.parse(json.toString('utf8')));
    if (bundle.content.$case !== 'dsseEnvelope') throw new Error('the bundle is not a DSSE envelope');
    const statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8')) as InTotoStatement;
    const hex = target.image.digest.slice('sha256:'.length);
    if (!statement.subject?.some((subject) => subject.digest?.sha256 === hex))
      throw new Error('the statement names another digest');
    this.verification.verify(bundle);
  }
}
