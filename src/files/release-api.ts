import { GitHubApiError, apiHeaders, readCapped, send, withRetry } from '../github/rest.ts';
import type { Response } from 'undici';

// The release endpoints of GitHub's REST API (https://docs.github.com/rest/releases), with the fields we read.
// GitHub's OpenAPI description (components.schemas.release, release-asset) is the reference the test
// stand-in is typed against.

/** A release's JSON is small; the asset list is 100 entries a page. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** Pages of assets read at most: a release holds at most 1000 assets. */
const MAX_ASSET_PAGES = 10;
/** Pages of releases searched for a draft, newest first: a draft being prepared is among the newest. */
const MAX_RELEASE_PAGES = 5;
/** A bundle is a few kilobytes; an asset of its name larger than this is not ours and is replaced. */
const MAX_COMPARED_ASSET_BYTES = 1024 * 1024;

export interface Release {
  readonly id: number;
  readonly uploadUrl: string;
}

export interface ReleaseAsset {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  /** `sha256:<hex>` where GitHub computed it (assets uploaded since mid-2025); else null. */
  readonly digest: string | null;
  readonly url: string;
  readonly browserDownloadUrl: string;
}

export interface ReleaseApiOptions {
  readonly apiUrl: string;
  /** `owner/repo` */
  readonly repository: string;
  readonly token: string;
}

function toAsset(json: unknown): ReleaseAsset {
  const asset = json as Record<string, unknown> | null;
  if (typeof asset?.id !== 'number' || typeof asset.name !== 'string' || typeof asset.url !== 'string')
    throw new Error('a release asset without id, name or url');
  return {
    id: asset.id,
    name: asset.name,
    size: typeof asset.size === 'number' ? asset.size : -1,
    digest: typeof asset.digest === 'string' ? asset.digest : null,
    url: asset.url,
    browserDownloadUrl: typeof asset.browser_download_url === 'string' ? asset.browser_download_url : '',
  };
}

function toListedRelease(json: unknown): (Release & { tag: string; draft: boolean }) | undefined {
  const release = json as Record<string, unknown> | null;
  if (
    typeof release?.id !== 'number' ||
    typeof release.upload_url !== 'string' ||
    typeof release.tag_name !== 'string'
  )
    return undefined;
  return {
    id: release.id,
    uploadUrl: release.upload_url,
    tag: release.tag_name,
    draft: release.draft === true,
  };
}

async function readJson(response: Response): Promise<unknown> {
  return JSON.parse((await readCapped(response, MAX_ANSWER_BYTES)).toString('utf8')) as unknown;
}

/** The verbs; which release and what to do with its assets is release-publisher.ts's business. */
export class ReleaseApi {
  private readonly options: ReleaseApiOptions;

  constructor(options: ReleaseApiOptions) {
    this.options = options;
  }

  private repoUrl(path: string): URL {
    const [owner = '', repo = ''] = this.options.repository.split('/');
    return new URL(
      `${this.options.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}${path}`,
    );
  }

  /** GET /repos/{owner}/{repo}/releases/tags/{tag}; undefined on 404 (no published release for the tag). */
  async releaseByTag(tag: string): Promise<Release | undefined> {
    const url = this.repoUrl(`/releases/tags/${encodeURIComponent(tag)}`);
    const response = await withRetry(() => send(url, { headers: apiHeaders(this.options.token) }, [404]));
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    const release = (await readJson(response)) as { id?: unknown; upload_url?: unknown } | null;
    if (typeof release?.id !== 'number' || typeof release.upload_url !== 'string')
      throw new GitHubApiError(response.status, response.headers, 'a release without id or upload_url');
    return { id: release.id, uploadUrl: release.upload_url };
  }

  /**
   * A draft release for `tag`: GET /repos/{owner}/{repo}/releases (drafts are listed to tokens that can
   * push), newest first, at most MAX_RELEASE_PAGES pages. get-release-by-tag never returns a draft, and
   * goreleaser's `release.draft: true` makes one.
   */
  async draftByTag(tag: string): Promise<Release | undefined> {
    for (let page = 1; page <= MAX_RELEASE_PAGES; page++) {
      const url = this.repoUrl('/releases');
      url.searchParams.set('per_page', '100');
      url.searchParams.set('page', String(page));
      const response = await withRetry(() => send(url, { headers: apiHeaders(this.options.token) }));
      const json = await readJson(response);
      if (!Array.isArray(json)) throw new Error('the release list is not a JSON array');
      const draft = (json as unknown[]).map(toListedRelease).find((r) => r?.draft && r.tag === tag);
      if (draft) return { id: draft.id, uploadUrl: draft.uploadUrl };
      if (!/rel="next"/.test(response.headers.get('link') ?? '')) break;
    }
    return undefined;
  }

  /** GET /repos/{owner}/{repo}/releases/{release_id}/assets, every page (Link rel="next"). */
  async assets(releaseId: number): Promise<ReleaseAsset[]> {
    const assets: ReleaseAsset[] = [];
    for (let page = 1; page <= MAX_ASSET_PAGES; page++) {
      const url = this.repoUrl(`/releases/${releaseId}/assets`);
      url.searchParams.set('per_page', '100');
      url.searchParams.set('page', String(page));
      const response = await withRetry(() => send(url, { headers: apiHeaders(this.options.token) }));
      const json = await readJson(response);
      if (!Array.isArray(json)) throw new Error('the asset list is not a JSON array');
      assets.push(...json.map(toAsset));
      if (!/rel="next"/.test(response.headers.get('link') ?? '')) break;
    }
    return assets;
  }

  /**
   * An asset's bytes: GET its API url as application/octet-stream. GitHub answers with a redirect to
   * storage on another origin, which is followed without the token; undefined when larger than a bundle.
   */
  async assetContent(asset: ReleaseAsset): Promise<Buffer | undefined> {
    if (asset.size > MAX_COMPARED_ASSET_BYTES) return undefined;
    const headers = apiHeaders(this.options.token, 'application/octet-stream');
    let response = await withRetry(() =>
      send(new URL(asset.url), { headers, redirect: 'manual' }, [301, 302, 307]),
    );
    const location = response.headers.get('location');
    if (response.status >= 300 && location) {
      await response.body?.cancel();
      const target = new URL(location, asset.url);
      response = await withRetry(() => send(target, { headers: { 'user-agent': 'release-signer' } }));
    }
    try {
      return await readCapped(response, MAX_COMPARED_ASSET_BYTES);
    } catch {
      return undefined;
    }
  }

  /** DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}; an asset already gone is fine. */
  async deleteAsset(assetId: number): Promise<void> {
    const url = this.repoUrl(`/releases/assets/${assetId}`);
    const response = await withRetry(() =>
      send(url, { method: 'DELETE', headers: apiHeaders(this.options.token) }, [404]),
    );
    await response.body?.cancel();
  }

  /** POST to the release's upload URL (checked by the caller), `?name=`. 422: a same-named asset appeared. */
  async upload(uploadUrl: URL, name: string, bytes: Buffer): Promise<ReleaseAsset | 'exists'> {
    const url = new URL(uploadUrl);
    url.searchParams.set('name', name);
    const response = await withRetry(() =>
      send(
        url,
        {
          method: 'POST',
          headers: { ...apiHeaders(this.options.token), 'content-type': 'application/json' },
          body: new Uint8Array(bytes),
        },
        [422],
      ),
    );
    if (response.status === 422) {
      await response.body?.cancel();
      return 'exists';
    }
    return toAsset(await readJson(response));
  }
}
