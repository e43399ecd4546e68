import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import type { RegistryAccess } from '../registry/access.ts';
import type { FetchedManifest } from '../registry/access.ts';
import { parseImageManifest, type Descriptor } from '../registry/manifest.ts';
import {
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  ANNOTATION_CREATED,
  MAX_SMALL_BLOB_BYTES,
  OCI_EMPTY,
  SIGSTORE_BUNDLE_PREFIX,
} from '../registry/media-types.ts';
import type { SignatureVerification } from '../sigstore/trust.ts';
import type { PublisherOptions } from './format-writer.ts';
import type { Digest } from '../subjects/reference.ts';
import { mapLimit } from '../util/concurrency.ts';

/** Referrers examined for a duplicate before giving up looking (a digest rarely has more). */
const MAX_REFERRERS_EXAMINED = 64;
/** Referrers read at once when looking for ours among them. */
const REFERRERS_READ_AT_ONCE = 4;

/** A bundle of ours found attached, and when it says it was made. */
export interface OurBundle {
  readonly fetched: FetchedManifest;
  readonly created: string;
  readonly bundle: Bundle;
  readonly json: string;
}

/**
 * Oldest first, by the `created` annotation (RFC 3339, so code-unit order is time order; locale order is
 * not: it puts `~` before digits), one without it last, then by digest.
 */
export function byAge(a: OurBundle, b: OurBundle): number {
  const [createdA, createdB] = [a.created || '~', b.created || '~'];
  if (createdA !== createdB) return createdA < createdB ? -1 : 1;
  return a.fetched.digest < b.fetched.digest ? -1 : 1;
}

/**
 * Recognises this signer's bundles among a digest's referrers: the same statement, and a bundle that
 * passes the verification a verifier does (a look-alike anyone can push does not count). Used before
 * signing (a re-run signs nothing again), right before a push, and after the run's writes (duplicates of
 * concurrent runs with one key).
 */
export class OurBundles {
  private readonly verification: SignatureVerification;
  private readonly requireLogEntry: boolean;
  /** Referrers found not to be ours (another signer's, another statement), by registry/repository@digest. */
  private readonly notOurs = new Set<string>();

  constructor({ verification, requireLogEntry }: Pick<PublisherOptions, 'verification' | 'requireLogEntry'>) {
    this.verification = verification;
    this.requireLogEntry = requireLogEntry;
  }

  /**
   * The listed bundles that sign this statement and verify as this signer's, in list order, up to `wanted`
   * of them. A referrer is content-addressed: one found not ours is never fetched again this run (the
   * same list is looked at before signing, before the push and after the run's writes).
   */
  async among(
    client: RegistryAccess,
    repository: string,
    subject: Digest,
    signed: { readonly statement: Buffer; readonly predicateType: string },
    listed: readonly Descriptor[],
    wanted = MAX_REFERRERS_EXAMINED,
  ): Promise<OurBundle[]> {
    const { statement } = signed;
    const key = (digest: Digest): string => `${client.registry}/${repository}@${digest}`;
    const unknown = listed
      .filter(mayBeSignBundle(signed.predicateType))
      .slice(0, MAX_REFERRERS_EXAMINED)
      .filter((entry) => !this.notOurs.has(key(entry.digest)));
    const judged = await mapLimit(unknown, REFERRERS_READ_AT_ONCE, async (entry) => {
      const ours = await this.readIfOurs(client, repository, subject, statement, entry.digest);
      if (!ours) this.notOurs.add(key(entry.digest));
      return ours;
    });
    return judged.filter((found): found is OurBundle => found !== undefined).slice(0, wanted);
  }

  private async readIfOurs(
    client: RegistryAccess,
    repository: string,
    subject: Digest,
    statement: Buffer,
    digest: Digest,
  ): Promise<OurBundle | undefined> {
    const fetched = await client.getManifest(repository, digest);
    if (!fetched) return undefined;
    const manifest = parseImageManifest(fetched.bytes, `${repository}@${digest}`);
    const layer = manifest.layers[0];
    if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX))
      return undefined;
    if (manifest.subject?.digest !== subject) return undefined;
    const json = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
    const bundle = this.signingSameStatement(json, statement);
    if (!bundle) return undefined;
    return {
      fetched,
      created: manifest.annotations?.[ANNOTATION_CREATED] ?? '',
      bundle,
      json: json.toString('utf8'),
    };
  }

  /** The bundle, if it signs the same statement and passes the verification a verifier does (not just a look-alike). */
  private signingSameStatement(json: Buffer, statement: Buffer): Bundle | undefined {
    try {
      const bundle = bundleFromJSON(JSON.parse(json.toString('utf8')));
      if (bundle.content.$case !== 'dsseEnvelope') return undefined;
      if (!bundle.content.dsseEnvelope.payload.equals(statement)) return undefined;
      if (this.requireLogEntry && bundle.verificationMaterial.tlogEntries.length === 0) return undefined;
      this.verification.verify(bundle);
      return bundle;
    } catch {
      return undefined;
    }
  }
}

/** Index entries are hints (tools write artifactType differently); rule out only what surely is not a sign bundle. */
function mayBeSignBundle(predicateType: string): (entry: Descriptor) => boolean {
  return (entry) => {
    if (
      entry.artifactType &&
      !entry.artifactType.startsWith(SIGSTORE_BUNDLE_PREFIX) &&
      entry.artifactType !== OCI_EMPTY
    )
      return false;
    const listedType = entry.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE];
    return listedType === undefined || listedType === predicateType;
  };
}
