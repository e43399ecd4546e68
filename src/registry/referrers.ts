import { SignerError } from '../errors.ts';
import type { Digest } from '../subjects/reference.ts';
import type { RegistryAccess } from './access.ts';
import { parseImageIndex, type Descriptor } from './manifest.ts';
import { OCI_INDEX } from './media-types.ts';

/** Rounds of read, merge, write, confirm on the fallback tag before giving up to a concurrent writer. */
const MAX_MERGE_ROUNDS = 6;

/** The referrers tag schema: `sha256-<hex>`, no suffix (distribution-spec "Referrers Tag Schema"). */
export function toReferrersTag(digest: Digest): string {
  return digest.replace(':', '-');
}

/**
 * Lists the referrers of a digest: the registry's referrers API when it has one, else the fallback
 * tag. Entries are hints only: tools disagree on artifactType and annotations, so callers open each manifest.
 */
export async function listReferrers(
  client: RegistryAccess,
  repository: string,
  subject: Digest,
): Promise<readonly Descriptor[]> {
  const fromApi = await client.getReferrers(repository, subject);
  if (fromApi) return parseImageIndex(fromApi, `referrers of ${repository}@${subject}`).manifests;
  return (await readFallbackIndex(client, repository, subject)).manifests;
}

async function readFallbackIndex(
  client: RegistryAccess,
  repository: string,
  subject: Digest,
): Promise<{ manifests: readonly Descriptor[]; isIndex: boolean }> {
  const fetched = await client.getManifest(repository, toReferrersTag(subject));
  if (!fetched) return { manifests: [], isIndex: true };
  if (fetched.mediaType !== OCI_INDEX) return { manifests: [], isIndex: false };
  return {
    manifests: parseImageIndex(fetched.bytes, `${repository}:${toReferrersTag(subject)}`).manifests,
    isIndex: true,
  };
}

/**
 * Makes a pushed manifest findable as a referrer of `subject`. A registry with the referrers API
 * indexes it by itself; otherwise the fallback tag is read, merged (every other entry kept),
 * written and read again to confirm, since distribution 2.8 and GHCR ignore If-Match.
 * https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-manifests-with-subject
 */
export async function addReferrer(
  client: RegistryAccess,
  repository: string,
  subject: Digest,
  referrer: Descriptor,
): Promise<'api' | 'tag'> {
  const fromApi = await client.getReferrers(repository, subject);
  if (fromApi) {
    const listed = parseImageIndex(fromApi, `referrers of ${repository}@${subject}`).manifests;
    if (listed.some((entry) => entry.digest === referrer.digest)) return 'api';
  }
  const tag = toReferrersTag(subject);
  for (let round = 1; round <= MAX_MERGE_ROUNDS; round++) {
    const existing = await readFallbackIndex(client, repository, subject);
    if (!existing.isIndex) {
      throw new SignerError(
        'PUBLISH_CONFLICT',
        `${repository}:${tag} exists but is not an OCI index, so it cannot list referrers. Another tool uses that tag; remove it or sign with 'signature-format: legacy'.`,
      );
    }
    if (existing.manifests.some((entry) => entry.digest === referrer.digest)) return 'tag';
    const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...existing.manifests, referrer] };
    await client.putManifest(repository, tag, Buffer.from(JSON.stringify(index)), OCI_INDEX);
    const after = await readFallbackIndex(client, repository, subject);
    if (after.manifests.some((entry) => entry.digest === referrer.digest)) return 'tag';
  }
  throw new SignerError(
    'PUBLISH_CONFLICT',
    `${repository}:${tag}: another writer replaced the referrers list ${MAX_MERGE_ROUNDS} times in a row while we added ours. Run again; nothing of others was removed.`,
  );
}
