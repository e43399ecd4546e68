import { SignerError } from '../errors.ts';
import { toDigestTag, type Digest } from '../subjects/reference.ts';
import type { RegistryAccess } from './access.ts';
import { parseImageIndex, type Descriptor } from './manifest.ts';
import { OCI_INDEX } from './media-types.ts';
import { noteWriteWindow, RecentReads, settle, type SettleClock, type SettleEntry } from './settle.ts';

/**
 * Lists the referrers of a digest: the registry's referrers API when it has one, else the fallback
 * tag. Entries are hints only: tools disagree on artifactType and annotations, so callers open each manifest.
 */
export async function listReferrers(
  client: RegistryAccess,
  repository: string,
  subject: Digest,
): Promise<readonly Descriptor[]> {
  return (
    (await readFromApi(client, repository, subject)) ??
    (await readFallbackIndex(client, repository, subject, 'first')).manifests
  );
}

/** The referrers API's list, or undefined when the registry has no such API. */
async function readFromApi(
  client: RegistryAccess,
  repository: string,
  subject: Digest,
): Promise<readonly Descriptor[] | undefined> {
  const fromApi = await client.getReferrers(repository, subject);
  return fromApi ? parseImageIndex(fromApi, `referrers of ${repository}@${subject}`).manifests : undefined;
}

async function readFallbackIndex(
  client: RegistryAccess,
  repository: string,
  subject: Digest,
  read: 'first' | 'again' = 'again',
): Promise<{ manifests: readonly Descriptor[]; isIndex: boolean }> {
  const tag = toDigestTag(subject, '');
  const fetched =
    read === 'first' ? await client.findTagged(repository, tag) : await client.getManifest(repository, tag);
  if (!fetched) return { manifests: [], isIndex: true };
  if (fetched.mediaType !== OCI_INDEX) return { manifests: [], isIndex: false };
  return {
    manifests: parseImageIndex(fetched.bytes, `${repository}:${toDigestTag(subject, '')}`).manifests,
    isIndex: true,
  };
}

/**
 * A list as settle() keeps it for the look for duplicates that follows: a list of one entry, the usual
 * case, as that entry's media type, digest and size (its digest tells whether it is ours); a longer list
 * whole, hints and all. A large release kept thousands of one-entry lists with their annotations to the
 * end of the check (issue 18).
 */
function toKeptList(manifests: readonly Descriptor[]): readonly Descriptor[] {
  const [only] = manifests;
  if (manifests.length !== 1 || !only) return manifests;
  return [{ mediaType: only.mediaType, digest: only.digest, size: only.size }];
}

/**
 * Makes pushed manifests findable as referrers of their subjects. A registry with the referrers API indexes
 * them by itself; otherwise the fallback tag is read, merged (every other entry kept) and written. Since
 * distribution 2.8 and GHCR ignore If-Match, settle() checks afterwards that no concurrent writer dropped
 * our entries, and merges them again if one did.
 * https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-manifests-with-subject
 */
export class ReferrersIndex {
  private readonly appended = new Map<
    string,
    {
      client: RegistryAccess;
      repository: string;
      subject: Digest;
      referrer: Descriptor;
      writtenAt: number;
      /** Taken out again (a duplicate): settle() makes sure it stays out instead of in. */
      withdrawn?: boolean;
    }
  >();

  /** What list() read from the fallback tag, for the add that follows it. */
  private readonly recentReads = new RecentReads<{ manifests: readonly Descriptor[]; isIndex: boolean }>();

  /** listReferrers, remembering a fallback read for the add that follows (settle() covers what changes between). */
  async list(client: RegistryAccess, repository: string, subject: Digest): Promise<readonly Descriptor[]> {
    const fromApi = await readFromApi(client, repository, subject);
    if (fromApi) return fromApi;
    const fallback = await this.recentReads.read(`${client.registry}/${repository}@${subject}`, () =>
      readFallbackIndex(client, repository, subject, 'first'),
    );
    return fallback.manifests;
  }

  /** The referrers API's list, or undefined when the registry has none (nothing is read then). */
  listFromApi(
    client: RegistryAccess,
    repository: string,
    subject: Digest,
  ): Promise<readonly Descriptor[] | undefined> {
    return readFromApi(client, repository, subject);
  }

  /**
   * `indexedByRegistry`: the registry answered the push with OCI-Subject naming the subject, which the
   * spec makes its word that the referrers API lists it; otherwise that is checked by asking the API.
   */
  async add(
    client: RegistryAccess,
    repository: string,
    subject: Digest,
    referrer: Descriptor,
    { indexedByRegistry = false }: { indexedByRegistry?: boolean } = {},
  ): Promise<'api' | 'tag'> {
    if (indexedByRegistry) return 'api';
    const fromApi = await readFromApi(client, repository, subject);
    if (fromApi?.some((entry) => entry.digest === referrer.digest)) return 'api';
    const tag = toDigestTag(subject, '');
    const key = `${client.registry}/${repository}@${subject}`;
    // The read list() made serves while it is fresh; whether a concurrent writer drops our entry is
    // settle()'s to check.
    const takenAt = Date.now();
    const existing = this.recentReads.take(key) ?? (await readFallbackIndex(client, repository, subject));
    if (!existing.isIndex) {
      throw new SignerError(
        'PUBLISH_CONFLICT',
        `${repository}:${tag} exists but is not an OCI index, so it cannot list referrers. Another tool uses that tag; remove it or sign with 'signature-format: legacy'.`,
      );
    }
    const appendedKey = `${client.registry}/${repository}@${referrer.digest}`;
    const appended = { client, repository, subject, referrer, writtenAt: Date.now() };
    this.appended.set(appendedKey, appended);
    if (existing.manifests.some((entry) => entry.digest === referrer.digest)) return 'tag';
    const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...existing.manifests, referrer] };
    await client.putManifest(repository, tag, Buffer.from(JSON.stringify(index)), OCI_INDEX);
    noteWriteWindow(takenAt);
    this.appended.set(appendedKey, { ...appended, writtenAt: Date.now() });
    return 'tag';
  }

  /**
   * Takes our referrer out again (a duplicate of another run's, see BundleReferrerPublisher). Through the
   * API the manifest is the entry, so it is deleted; false if the registry keeps manifests. In the fallback
   * tag only the entry goes: deleting the manifest could leave a concurrent writer's stale copy of the list
   * pointing at nothing, which verifiers trip over; unlisted, it is found by nobody.
   */
  async withdraw(
    client: RegistryAccess,
    repository: string,
    subject: Digest,
    referrer: Digest,
    via: 'api' | 'tag',
  ): Promise<boolean> {
    if (via === 'api') return client.deleteManifest(repository, referrer);
    const appendedKey = `${client.registry}/${repository}@${referrer}`;
    const appended = this.appended.get(appendedKey);
    if (appended) this.appended.set(appendedKey, { ...appended, withdrawn: true, writtenAt: Date.now() });
    await this.removeFromTag(client, repository, subject, referrer);
    return true;
  }

  private async removeFromTag(
    client: RegistryAccess,
    repository: string,
    subject: Digest,
    referrer: Digest,
  ): Promise<void> {
    const { manifests, isIndex } = await readFallbackIndex(client, repository, subject);
    if (!isIndex || !manifests.some((entry) => entry.digest === referrer)) return;
    const index = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: manifests.filter((entry) => entry.digest !== referrer),
    };
    await client.putManifest(
      repository,
      toDigestTag(subject, ''),
      Buffer.from(JSON.stringify(index)),
      OCI_INDEX,
    );
  }

  /**
   * After the run's writes: make sure no concurrent writer dropped our entries since (or put a withdrawn
   * one back). Returns the fallback lists as last read, by `registry/repository@subject` (see toKeptList).
   */
  async settle(clock?: SettleClock): Promise<ReadonlyMap<string, readonly Descriptor[]>> {
    const lastReads = new Map<string, readonly Descriptor[]>();
    const entries = (): SettleEntry[] =>
      [...this.appended.values()].map(({ client, repository, subject, referrer, writtenAt, withdrawn }) => ({
        writtenAt,
        check: async () => {
          const { manifests } = await readFallbackIndex(client, repository, subject);
          lastReads.set(`${client.registry}/${repository}@${subject}`, toKeptList(manifests));
          const listed = manifests.some((entry) => entry.digest === referrer.digest);
          if (listed === Boolean(withdrawn)) return 'missing';
          return manifests.length > 1 ? 'shared' : 'alone';
        },
        repair: async () =>
          withdrawn
            ? this.removeFromTag(client, repository, subject, referrer.digest)
            : void (await this.add(client, repository, subject, referrer)),
      }));
    await settle(entries, clock);
    return lastReads;
  }
}
