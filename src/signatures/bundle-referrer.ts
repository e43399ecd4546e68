import type { RegistryAccess } from '../registry/access.ts';
import { parseImageManifest, type Descriptor } from '../registry/manifest.ts';
import {
  ANNOTATION_BUNDLE_CONTENT,
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  ANNOTATION_CREATED,
  EMPTY_CONFIG_BYTES,
  MAX_SMALL_BLOB_BYTES,
  OCI_EMPTY,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_PREFIX,
  SIGSTORE_BUNDLE_V03,
} from '../registry/media-types.ts';
import type { RegistryPool } from '../registry/pool.ts';
import { ReferrersIndex } from '../registry/referrers.ts';
import { bundleFromJSON } from '@sigstore/bundle';
import { isBlobRace } from '../registry/http-error.ts';
import type { SignatureVerification } from '../sigstore/trust.ts';
import { toRepositoryName, type Digest } from '../subjects/reference.ts';
import { sha256Digest } from '../util/digest.ts';
import type { PublishRecord, SignTarget } from './target.ts';

/** A DSSE bundle ready to attach: its JSON, and the statement it signs. */
export interface SignedBundle {
  readonly json: Buffer;
  readonly statement: Buffer;
  readonly predicateType: string;
}

/**
 * Where the bundle is found: among the referrers of the signed manifest (in the signature repository).
 * Unlike the referrer manifest's own digest, a dry run can predict it.
 */
function referrersOf(target: SignTarget): string {
  return `${toRepositoryName(target.storage)}@${target.image.digest}`;
}

/** Another signer uploading the shared empty config at the same moment can make the push fail once: upload it again. */
async function pushWithBlobRetry<T>(push: () => Promise<T>, reupload: () => Promise<unknown>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await push();
    } catch (err) {
      if (!isBlobRace(err) || attempt >= 4) throw err;
      await reupload();
    }
  }
}

/** Referrers examined for a duplicate before giving up looking (a digest rarely has more). */
const MAX_REFERRERS_EXAMINED = 64;

/** RFC 3339 in seconds, as cosign writes `org.opencontainers.image.created`. */
function toCreated(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/**
 * The Sigstore bundle as an OCI 1.1 referrer of the signed manifest, laid out as cosign v3 writes it
 * (https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md; checked against cosign v3.1.3's output).
 */
export class BundleReferrerPublisher {
  readonly format = 'bundle';
  private readonly registries: RegistryPool;
  private readonly verification: SignatureVerification;
  private readonly requireLogEntry: boolean;
  private readonly now: () => Date;
  private readonly referrers = new ReferrersIndex();

  /** With `requireLogEntry`, a bundle of ours without a tlog entry does not count as already there. */
  constructor(
    registries: RegistryPool,
    verification: SignatureVerification,
    requireLogEntry: boolean,
    now: () => Date = () => new Date(),
  ) {
    this.registries = registries;
    this.verification = verification;
    this.requireLogEntry = requireLogEntry;
    this.now = now;
  }

  /** Our bundle over this statement, if one is attached already: a re-run signs nothing again. */
  async findExisting(
    target: SignTarget,
    statement: Buffer,
    predicateType: string,
  ): Promise<PublishRecord | undefined> {
    const client = this.registries.client(target.storage.registry);
    const found = await this.findOurs(
      client,
      target.storage.repository,
      target.image.digest,
      statement,
      predicateType,
    );
    if (!found) return undefined;
    return {
      format: 'bundle',
      reference: referrersOf(target),
      manifestDigest: found,
      added: false,
    };
  }

  async publish(target: SignTarget, bundle: SignedBundle): Promise<PublishRecord> {
    const { repository } = target.storage;
    const { digest } = target.image;
    const client = this.registries.client(target.storage.registry);

    const [config, layer] = await Promise.all([
      client.putBlob(repository, EMPTY_CONFIG_BYTES),
      client.putBlob(repository, bundle.json, { unique: true }),
    ]);
    const annotations = {
      [ANNOTATION_BUNDLE_CONTENT]: 'dsse-envelope',
      [ANNOTATION_BUNDLE_PREDICATE_TYPE]: bundle.predicateType,
      [ANNOTATION_CREATED]: toCreated(this.now()),
    };
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_EMPTY, size: config.size, digest: config.digest },
        layers: [{ mediaType: SIGSTORE_BUNDLE_V03, size: layer.size, digest: layer.digest }],
        annotations,
        subject: { mediaType: target.mediaType, size: target.size, digest },
        artifactType: SIGSTORE_BUNDLE_V03,
      }),
    );
    const manifestDigest = sha256Digest(manifest);
    const pushed = await pushWithBlobRetry(
      () => client.putManifest(repository, manifestDigest, manifest, OCI_MANIFEST),
      () => client.putBlob(repository, EMPTY_CONFIG_BYTES),
    );
    await this.referrers.add(
      client,
      repository,
      digest,
      {
        mediaType: OCI_MANIFEST,
        digest: manifestDigest,
        size: manifest.length,
        artifactType: SIGSTORE_BUNDLE_V03,
        annotations,
      },
      pushed.indexedSubject === digest,
    );
    return { format: 'bundle', reference: referrersOf(target), manifestDigest, added: true };
  }

  /** After the run's writes: make sure no concurrent writer dropped our referrers from the fallback tag. */
  settle(): Promise<void> {
    return this.referrers.settle();
  }

  /** A bundle already attached that signs the same statement with our signer, if any. */
  private async findOurs(
    client: RegistryAccess,
    repository: string,
    subject: Digest,
    statement: Buffer,
    predicateType: string,
  ): Promise<Digest | undefined> {
    const candidates = (await this.referrers.list(client, repository, subject)).filter(
      mayBeSignBundle(predicateType),
    );
    for (const entry of candidates.slice(0, MAX_REFERRERS_EXAMINED)) {
      const fetched = await client.getManifest(repository, entry.digest);
      if (!fetched) continue;
      const manifest = parseImageManifest(fetched.bytes, `${repository}@${entry.digest}`);
      const layer = manifest.layers[0];
      if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX)) continue;
      if (manifest.subject?.digest !== subject) continue;
      const json = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
      if (this.signsSameStatement(json, statement)) return entry.digest;
    }
    return undefined;
  }

  /** The same statement, and a bundle that passes the verification a verifier does (not just a look-alike). */
  private signsSameStatement(json: Buffer, statement: Buffer): boolean {
    try {
      const bundle = bundleFromJSON(JSON.parse(json.toString('utf8')));
      if (bundle.content.$case !== 'dsseEnvelope') return false;
      if (!bundle.content.dsseEnvelope.payload.equals(statement)) return false;
      if (this.requireLogEntry && bundle.verificationMaterial.tlogEntries.length === 0) return false;
      this.verification.verify(bundle);
      return true;
    } catch {
      return false;
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
