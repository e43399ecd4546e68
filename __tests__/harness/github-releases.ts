import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { components } from '@octokit/openapi-types';
import { loadGitHubSpec, type GitHubSpec, type ReleaseOperationId } from './github-openapi.ts';
import { startFakeGitHubApi, type FakeGitHubApi } from './provenance.ts';
import { readBody } from './request-body.ts';

// GitHub's release endpoints on loopback. Every request is checked against GitHub's published OpenAPI
// description (@octokit/openapi, github-openapi.ts) before it is served, and every answer before it is
// sent: a mismatch answers 500 and is recorded in `specErrors`, which the tests assert is empty. The
// shapes are also typed from @octokit/openapi-types, so a drift shows at the typecheck as well.
type Release = components['schemas']['release'];
type ReleaseAsset = components['schemas']['release-asset'];
type SimpleUser = components['schemas']['simple-user'];

export interface FakeReleases {
  readonly api: FakeGitHubApi;
  /** Assets by release tag: name → bytes. */
  assetsOf(tag: string): Map<string, Buffer>;
  /** A published release, or a draft (which get-release-by-tag does not return, as on GitHub). */
  createRelease(tag: string, options?: { readonly draft?: boolean }): void;
  /** The upload_url origin the API hands out (default: its own, as GHES does). */
  uploadOrigin: string | undefined;
  /** Each upload's Authorization header and URL. */
  readonly uploads: { url: string; authorization: string | undefined }[];
  /** Answer every release request with this status (403: a token without contents: write). */
  refuseWith: number | undefined;
  /** Leave `digest` null, as on assets uploaded before GitHub computed digests. */
  withoutDigests: boolean;
  /** Where a request or an answer broke GitHub's OpenAPI description; empty when the stand-in is true to it. */
  readonly specErrors: string[];
  /** The operations served, by operationId, in order. */
  readonly operations: ReleaseOperationId[];
}

const BOT: SimpleUser = {
  login: 'github-actions[bot]',
  id: 41898282,
  node_id: 'MDM6Qm90NDE4OTgyODI=',
  avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
  gravatar_id: '',
  url: 'https://api.github.com/users/github-actions%5Bbot%5D',
  html_url: 'https://github.com/apps/github-actions',
  followers_url: 'https://api.github.com/users/github-actions%5Bbot%5D/followers',
  following_url: 'https://api.github.com/users/github-actions%5Bbot%5D/following{/other_user}',
  gists_url: 'https://api.github.com/users/github-actions%5Bbot%5D/gists{/gist_id}',
  starred_url: 'https://api.github.com/users/github-actions%5Bbot%5D/starred{/owner}{/repo}',
  subscriptions_url: 'https://api.github.com/users/github-actions%5Bbot%5D/subscriptions',
  organizations_url: 'https://api.github.com/users/github-actions%5Bbot%5D/orgs',
  repos_url: 'https://api.github.com/users/github-actions%5Bbot%5D/repos',
  events_url: 'https://api.github.com/users/github-actions%5Bbot%5D/events{/privacy}',
  received_events_url: 'https://api.github.com/users/github-actions%5Bbot%5D/received_events',
  type: 'Bot',
  site_admin: false,
};

/** Loaded once per test process: the description is 13 MB. */
let spec: GitHubSpec | undefined;

interface StoredAsset {
  readonly id: number;
  readonly bytes: Buffer;
  readonly contentType: string;
}
interface StoredRelease {
  readonly id: number;
  readonly tag: string;
  readonly draft: boolean;
  readonly assets: Map<string, StoredAsset>;
}

export async function startFakeReleases(pageSize = 100): Promise<FakeReleases> {
  spec ??= loadGitHubSpec();
  const judge = spec;
  const releases: StoredRelease[] = [];
  let nextId = 1;
  let base = '';
  const state: FakeReleases = {
    api: undefined as unknown as FakeGitHubApi,
    assetsOf: (tag) =>
      new Map(
        [...(releases.find((r) => r.tag === tag)?.assets ?? new Map<string, StoredAsset>())].map(([n, a]) => [
          n,
          a.bytes,
        ]),
      ),
    createRelease: (tag, options = {}) =>
      void releases.push({ id: nextId++, tag, draft: options.draft === true, assets: new Map() }),
    uploadOrigin: undefined,
    uploads: [],
    refuseWith: undefined,
    withoutDigests: false,
    specErrors: [],
    operations: [],
  };
  const toAsset = (release: StoredRelease, name: string, asset: StoredAsset): ReleaseAsset => ({
    url: `${base}/repos/acme/app/releases/assets/${asset.id}`,
    browser_download_url: `https://github.com/acme/app/releases/download/${release.draft ? `untagged-${release.id}` : release.tag}/${name}`,
    id: asset.id,
    node_id: `RA_${asset.id}`,
    name,
    label: null,
    state: 'uploaded',
    content_type: asset.contentType,
    size: asset.bytes.length,
    digest: state.withoutDigests ? null : `sha256:${createHash('sha256').update(asset.bytes).digest('hex')}`,
    download_count: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    uploader: BOT,
  });
  const toRelease = (release: StoredRelease): Release => ({
    url: `${base}/repos/acme/app/releases/${release.id}`,
    html_url: `https://github.com/acme/app/releases/${release.draft ? `untagged-${release.id}` : `tag/${release.tag}`}`,
    assets_url: `${base}/repos/acme/app/releases/${release.id}/assets`,
    upload_url: `${state.uploadOrigin ?? base}/uploads/repos/acme/app/releases/${release.id}/assets{?name,label}`,
    tarball_url: null,
    zipball_url: null,
    id: release.id,
    node_id: `RE_${release.id}`,
    tag_name: release.tag,
    target_commitish: 'main',
    name: release.tag,
    draft: release.draft,
    prerelease: false,
    immutable: false,
    created_at: '2026-01-01T00:00:00Z',
    published_at: release.draft ? null : '2026-01-01T00:00:00Z',
    updated_at: null,
    author: BOT,
    assets: [...release.assets].map(([name, asset]) => toAsset(release, name, asset)),
  });
  const byAssetId = (id: number) =>
    releases
      .flatMap((release) => [...release.assets].map(([name, asset]) => ({ release, name, asset })))
      .find((found) => found.asset.id === id);
  /** A page of `all` as GitHub pages lists: per_page (at most our page size), page, Link rel="next". */
  const paged = <T>(all: T[], url: URL): { items: T[]; headers: Record<string, string> } => {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), pageSize);
    const page = Number(url.searchParams.get('page') ?? 1);
    const headers: Record<string, string> =
      page * perPage < all.length
        ? { link: `<${base}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` }
        : {};
    return { items: all.slice((page - 1) * perPage, page * perPage), headers };
  };

  /** Sends an answer the description allows for `operation`; anything else becomes a recorded 500. */
  const reply = (
    operation: ReleaseOperationId,
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): true => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const contentType = body === undefined ? undefined : 'application/json; charset=utf-8';
    const errors = judge.checkResponse(operation, status, contentType, text);
    if (errors.length > 0) {
      state.specErrors.push(...errors.map((error) => `answer: ${error}`));
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"stand-in broke the spec"}');
      return true;
    }
    res.writeHead(status, { ...(contentType ? { 'content-type': contentType } : {}), ...headers }).end(text);
    return true;
  };

  const serve = (
    operation: ReleaseOperationId,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
  ): true => {
    state.operations.push(operation);
    const notFound = () => reply(operation, res, 404, { message: 'Not Found' });
    if (state.refuseWith)
      return reply(operation, res, state.refuseWith, { message: 'Resource not accessible by integration' });
    const path = decodeURIComponent(url.pathname).replace(/^\/uploads/, '');
    const idIn = (pattern: RegExp) => Number(pattern.exec(path)?.[1]);
    switch (operation) {
      case 'repos/get-release-by-tag': {
        const tag = path.slice('/repos/acme/app/releases/tags/'.length);
        const release = releases.find((r) => r.tag === tag && !r.draft);
        return release ? reply(operation, res, 200, toRelease(release)) : notFound();
      }
      case 'repos/list-releases': {
        const { items, headers } = paged([...releases].reverse().map(toRelease), url);
        return reply(operation, res, 200, items, headers);
      }
      case 'repos/list-release-assets': {
        const release = releases.find((r) => r.id === idIn(/\/releases\/(\d+)\/assets$/));
        if (!release) return notFound();
        const all = [...release.assets].map(([name, asset]) => toAsset(release, name, asset));
        const { items, headers } = paged(all, url);
        return reply(operation, res, 200, items, headers);
      }
      case 'repos/get-release-asset':
      case 'repos/delete-release-asset': {
        const found = byAssetId(idIn(/\/releases\/assets\/(\d+)$/));
        if (!found) return notFound();
        if (operation === 'repos/delete-release-asset') {
          found.release.assets.delete(found.name);
          return reply(operation, res, 204);
        }
        if (req.headers.accept !== 'application/octet-stream')
          return reply(operation, res, 200, toAsset(found.release, found.name, found.asset));
        // As GitHub does: the bytes come from storage elsewhere, through a redirect.
        return reply(operation, res, 302, undefined, { location: `${base}/storage/${found.asset.id}?sig=x` });
      }
      case 'repos/upload-release-asset': {
        state.uploads.push({ url: url.href, authorization: req.headers.authorization });
        const name = url.searchParams.get('name') ?? '';
        const release = releases.find((r) => r.id === idIn(/\/releases\/(\d+)\/assets$/));
        if (!release) return notFound();
        if (release.assets.has(name))
          return reply(operation, res, 422, {
            message: 'Validation Failed',
            errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }],
          });
        const asset = { id: nextId++, bytes: body, contentType: req.headers['content-type'] ?? '' };
        release.assets.set(name, asset);
        return reply(operation, res, 201, toAsset(release, name, asset));
      }
    }
  };

  const routes = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    const storage = /^\/storage\/(\d+)$/.exec(url.pathname);
    if (storage) {
      const found = byAssetId(Number(storage[1]));
      res
        .writeHead(found ? 200 : 404, { 'content-type': 'application/octet-stream' })
        .end(found?.asset.bytes);
      return true;
    }
    if (!/^\/(uploads\/)?repos\/acme\/app\/releases(\/|$)/.test(url.pathname)) return false;
    void readBody(req).then((body) => {
      const verdict = judge.checkRequest({
        method: req.method ?? '',
        url,
        contentType: req.headers['content-type'],
        body,
      });
      if (verdict.errors.length > 0 || !verdict.operationId) {
        state.specErrors.push(...verdict.errors.map((error) => `request: ${error}`));
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"message":"request broke the spec"}');
        return;
      }
      serve(verdict.operationId, req, res, url, body);
    });
    return true;
  };
  const api = await startFakeGitHubApi(100, routes);
  base = api.url;
  return Object.assign(state, { api });
}
