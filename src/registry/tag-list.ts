import { MAX_MANIFEST_BYTES } from './media-types.ts';
import type { RegistryTransport } from './transport.ts';

/** Tags asked for per page of a listing, and the pages read before the listing is not worth it any more. */
const TAGS_PER_PAGE = 1000;
const MAX_TAG_PAGES = 10;

/**
 * All tags of a repository (distribution-spec "Listing Tags"), or undefined when the registry does not
 * list them in a few pages or refuses to: the caller then asks for tags one by one.
 */
export async function listTags(
  transport: RegistryTransport,
  repository: string,
): Promise<ReadonlySet<string> | undefined> {
  const tags = new Set<string>();
  const operation = `GET tags ${repository}`;
  let path: string | undefined = `/tags/list?n=${TAGS_PER_PAGE}`;
  for (let page = 1; path && page <= MAX_TAG_PAGES; page++) {
    const response = await transport.send({ method: 'GET', repository, access: 'pull', path, operation });
    // A repository not made yet has no tags.
    if (response.status === 404 && page === 1) {
      await response.discard();
      return tags;
    }
    if (response.status !== 200) {
      await response.discard();
      return undefined;
    }
    const listed = parseTagList(await transport.bounded(response, MAX_MANIFEST_BYTES, operation));
    if (!listed) return undefined;
    for (const tag of listed) tags.add(tag);
    // Some registries (go-containerregistry's) page on `n` and `last` without a Link header.
    const last = listed.at(-1);
    path =
      nextPage(response.headers.get('link'), repository) ??
      (listed.length >= TAGS_PER_PAGE && last
        ? `/tags/list?n=${TAGS_PER_PAGE}&last=${encodeURIComponent(last)}`
        : undefined);
  }
  return path ? undefined : tags;
}

function parseTagList(bytes: Buffer): readonly string[] | undefined {
  try {
    const tags = (JSON.parse(bytes.toString('utf8')) as { tags?: unknown }).tags;
    if (tags === null || tags === undefined) return [];
    return Array.isArray(tags) && tags.every((tag) => typeof tag === 'string') ? tags : undefined;
  } catch {
    return undefined;
  }
}

/** The next page of a listing from its Link header (`</v2/<name>/tags/list?last=…&n=…>; rel="next"`). */
function nextPage(link: string | null, repository: string): string | undefined {
  const target = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
  if (!target) return undefined;
  const url = new URL(target, 'http://registry.invalid');
  const prefix = `/v2/${repository}`;
  return url.pathname.startsWith(prefix) ? `${url.pathname.slice(prefix.length)}${url.search}` : undefined;
}
