import {
  ANNOTATION_BUNDLE_CONTENT,
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  ANNOTATION_CREATED,
  EMPTY_CONFIG_BYTES,
  OCI_EMPTY,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_V03,
} from '../registry/media-types.ts';
import { ReferrersIndex, listReferrers } from '../registry/referrers.ts';
import { mapLimit } from '../util/concurrency.ts';
import { isFresh, pause, settleDelayMs, type SettleClock } from '../registry/settle.ts';
import { toSignedRecord, type PublisherOptions, type SettledReads } from './format-writer.ts';
import {
  isBlobRace,
  type FetchedManifest,
  type Registries,
  type RegistryAccess,
} from '../registry/access.ts';
import { OurBundles, byAge, type OurBundle } from './our-bundles.ts';
import { toRepositoryName, type Digest } from '../subjects/reference.ts';
import { sha256Digest } from '../util/digest.ts';
import type { PublishRecord } from './target.ts';
import type { SignTarget } from '../subjects/sign-target.ts';

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

/** Subjects whose duplicates are looked for at once after the run's writes. */
const DEDUPE_AT_ONCE = 8;

interface AttachedBundle {
  readonly client: RegistryAccess;
  readonly repository: string;
  readonly subject: Digest;
  readonly statement: Buffer;
  readonly predicateType: string;
  readonly manifestDigest: Digest;
  /** How the registry lists it: its referrers API, or the fallback tag we wrote. */
  readonly via: 'api' | 'tag';
  readonly writtenAt: number;
  /**
   * Found right before our push, attached by a concurrent run of this signer: not ours to withdraw, but
   * that run may withdraw it in favour of a third, so settle() finds which one remains for read-back.
   */
  readonly adopted?: boolean;
}

/** The record of a bundle of ours already attached, with its JSON for the bundle files. */
function toExistingRecord(reference: string, found: OurBundle): PublishRecord {
  return toSignedRecord(
    { format: 'bundle', reference, manifestDigest: found.fetched.digest, added: false },
    found.bundle,
    found.json,
  );
}

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
  private readonly registries: Registries;
  private readonly now: () => Date;
  private readonly referrers = new ReferrersIndex();
  /** Bundles attached this run, by reference, for settle() to keep one of each. */
  private readonly attached = new Map<string, AttachedBundle>();
  private readonly ours: OurBundles;
  /** When findExisting listed a reference's referrers and found none of ours, until publish() looks at it. */
  private readonly lookedAt = new Map<string, number>();

  constructor(options: PublisherOptions & { readonly now?: () => Date }) {
    this.registries = options.registries;
    this.ours = new OurBundles(options);
    this.now = options.now ?? (() => new Date());
  }

  /** Our bundle over this statement, if one is attached already: a re-run signs nothing again. */
  async findExisting(
    target: SignTarget,
    statement: Buffer,
    predicateType: string,
  ): Promise<PublishRecord | undefined> {
    const client = this.registries.client(target.storage.registry);
    const lookedAt = Date.now();
    const found = await this.findOurs(
      client,
      target.storage.repository,
      target.image.digest,
      statement,
      predicateType,
    );
    if (found) return toExistingRecord(referrersOf(target), found);
    this.lookedAt.set(referrersOf(target), lookedAt);
    return undefined;
  }

  async publish(target: SignTarget, bundle: SignedBundle): Promise<PublishRecord> {
    const { repository } = target.storage;
    const { digest } = target.image;
    const client = this.registries.client(target.storage.registry);
    const reference = referrersOf(target);
    const lookedAt = this.lookedAt.get(reference) ?? 0;
    // Read once: kept for every target of a large release, it was 0.4 MiB per 2,500 manifests.
    this.lookedAt.delete(reference);
    // Signing with a log upload takes long: a concurrent run of ours may have attached the same
    // statement since findExisting looked. Through the referrers API, which lists pushes at once, looking
    // again here leaves settle() few duplicates to rank by age; the fallback tag's own order ranks them
    // reliably, so there the extra read is not worth its request.
    if (!isFresh(lookedAt)) {
      const listed = (await this.referrers.listFromApi(client, repository, digest)) ?? [];
      const [found] = await this.ours.among(client, repository, digest, bundle, listed, 1);
      if (found) {
        const { statement, predicateType } = bundle;
        const attached = { client, repository, subject: digest, statement, predicateType };
        this.attached.set(reference, {
          ...attached,
          manifestDigest: found.fetched.digest,
          via: 'api',
          writtenAt: Date.now(),
          adopted: true,
        });
        return toExistingRecord(reference, found);
      }
    }

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
        // cosign v3.1.3 repeats the artifactType in the config descriptor; kept for a byte-identical layout.
        config: {
          mediaType: OCI_EMPTY,
          size: config.size,
          digest: config.digest,
          artifactType: SIGSTORE_BUNDLE_V03,
        },
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
    const via = await this.referrers.add(
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
      { indexedByRegistry: pushed.indexedSubject === digest },
    );
    const { statement, predicateType } = bundle;
    const attached = { client, repository, subject: digest, statement, predicateType };
    this.attached.set(reference, { ...attached, manifestDigest, via, writtenAt: Date.now() });
    return { format: 'bundle', reference, manifestDigest, added: true };
  }

  /**
   * After the run's writes: no concurrent writer dropped our referrers, and of the bundles this signer
   * attached over one statement exactly one remains. Concurrent runs with one key each find none before
   * signing and attach one each; every run ranks the duplicates alike and withdraws its own unless it
   * ranks first, so one remains and none is lost. Returns the referrer that
   * remains, by reference, for read-back. `clock` paces the pauses (tests play the concurrent runs themselves).
   */
  async settle(clock?: SettleClock): Promise<SettledReads> {
    const lists = await this.referrers.settle(clock);
    const kept = new Map<string, FetchedManifest>();
    let withdrawn = 0;
    await mapLimit([...this.attached], DEDUPE_AT_ONCE, async ([reference, attached]) => {
      const { client, repository, subject } = attached;
      // The referrers API lists at once what concurrent runs push: give them the same pause to land.
      const due = attached.writtenAt + (clock?.delayMs() ?? settleDelayMs()) - Date.now();
      if (attached.via === 'api' && due > 0) await (clock?.sleep(due) ?? pause(due));
      const listed =
        lists.get(`${client.registry}/${repository}@${subject}`) ??
        (await listReferrers(client, repository, subject));
      // Alone in the list: nothing to rank, and read-back reads it anyway.
      if (listed.every((entry) => entry.digest === attached.manifestDigest)) return;
      const ours = await this.ours.among(client, repository, subject, attached, listed);
      // The fallback tag only ever appends, so every run sees the same first; the API's order is the
      // registry's own, so there the bundles' age decides.
      const [keeper] = attached.via === 'tag' ? ours : ours.sort(byAge);
      if (!keeper) return;
      kept.set(reference, keeper.fetched);
      if (attached.adopted || keeper.fetched.digest === attached.manifestDigest) return;
      if (await this.referrers.withdraw(client, repository, subject, attached.manifestDigest, attached.via))
        withdrawn++;
    });
    // A withdrawal is a write to a shared list like any other: checked the same way.
    if (withdrawn > 0) await this.referrers.settle(clock);
    return kept;
  }

  /** A bundle already attached that signs the same statement with our signer, if any. */
  private async findOurs(
    client: RegistryAccess,
    repository: string,
    subject: Digest,
    statement: Buffer,
    predicateType: string,
  ): Promise<OurBundle | undefined> {
    const listed = await this.referrers.list(client, repository, subject);
    const [found] = await this.ours.among(
      client,
      repository,
      subject,
      { statement, predicateType },
      listed,
      1,
    );
    return found;
  }
}
