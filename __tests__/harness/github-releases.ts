import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { components } from '@octokit/openapi-types';
import { startFakeGitHubApi, type FakeGitHubApi } from './provenance.ts';
import { readBody } from './request-body.ts';

// GitHub's release endpoints on loopback, answering in the shapes of GitHub's OpenAPI description
// (@octokit/openapi-types: components.schemas.release and release-asset), so the stand-in cannot drift
// from the real API's fields without failing the typecheck. Requests are checked as GitHub checks them.
type Release = components['schemas']['release'];
type ReleaseAsset = components['schemas']['release-asset'];

export interface FakeReleases {
  readonly api: FakeGitHubApi;
  /** Assets by release tag: name → bytes. */
  assetsOf(tag: string): Map<string, Buffer>;
  createRelease(tag: string): void;
  /** The upload_url origin the API hands out (default: its own, as GHES does). */
  uploadOrigin: string | undefined;
  /** Each upload's Authorization header and URL. */
  readonly uploads: { url: string; authorization: string | undefined }[];
  /** Answer every release request with this status (403: a token without contents: write). */
  refuseWith: number | undefined;
  /** Leave `digest` null, as on assets uploaded before GitHub computed digests. */
  withoutDigests: boolean;
}

const USER = null;

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): true {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body));
  return true;
}

export async function startFakeReleases(pageSize = 100): Promise<FakeReleases> {
  const releases = new Map<string, { id: number; assets: Map<string, { id: number; bytes: Buffer }> }>();
  let nextId = 1;
  let base = '';
  const state: FakeReleases = {
    api: undefined as unknown as FakeGitHubApi,
    assetsOf: (tag) => new Map([...(releases.get(tag)?.assets ?? new Map())].map(([n, a]) => [n, a.bytes])),
    createRelease: (tag) => void releases.set(tag, { id: nextId++, assets: new Map() }),
    uploadOrigin: undefined,
    uploads: [],
    refuseWith: undefined,
    withoutDigests: false,
  };
  const toAsset = (tag: string, name: string, asset: { id: number; bytes: Buffer }): ReleaseAsset => ({
    url: `${base}/repos/acme/app/releases/assets/${asset.id}`,
    browser_download_url: `https://github.com/acme/app/releases/download/${tag}/${name}`,
    id: asset.id,
    node_id: `RA_${asset.id}`,
    name,
    label: null,
    state: 'uploaded',
    content_type: 'application/json',
    size: asset.bytes.length,
    digest: state.withoutDigests ? null : `sha256:${createHash('sha256').update(asset.bytes).digest('hex')}`,
    download_count: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    uploader: USER,
  });
  const toRelease = (tag: string, id: number): Release => ({
    url: `${base}/repos/acme/app/releases/${id}`,
    html_url: `https://github.com/acme/app/releases/tag/${tag}`,
    assets_url: `${base}/repos/acme/app/releases/${id}/assets`,
    upload_url: `${state.uploadOrigin ?? base}/uploads/repos/acme/app/releases/${id}/assets{?name,label}`,
    tarball_url: null,
    zipball_url: null,
    id,
    node_id: `RE_${id}`,
    tag_name: tag,
    target_commitish: 'main',
    name: tag,
    draft: false,
    prerelease: false,
    immutable: false,
    created_at: '2026-01-01T00:00:00Z',
    published_at: '2026-01-01T00:00:00Z',
    updated_at: null,
    author: { login: 'acme', id: 1 } as Release['author'],
    assets: [],
  });
  const byId = (id: number) => [...releases].find(([, release]) => release.id === id);
  const byAssetId = (id: number) =>
    [...releases]
      .flatMap(([tag, r]) => [...r.assets].map(([name, a]) => ({ tag, r, name, a })))
      .find((x) => x.a.id === id);

  const routes = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    const path = decodeURIComponent(url.pathname);
    if (!/^\/(uploads\/)?repos\/acme\/app\/releases\//.test(path)) return false;
    if (state.refuseWith)
      return json(res, state.refuseWith, { message: 'Resource not accessible by integration' });
    let match = /^\/repos\/acme\/app\/releases\/tags\/(.+)$/.exec(path);
    if (match && req.method === 'GET') {
      const release = releases.get(match[1] ?? '');
      return release
        ? json(res, 200, toRelease(match[1] ?? '', release.id))
        : json(res, 404, { message: 'Not Found' });
    }
    match = /^\/repos\/acme\/app\/releases\/(\d+)\/assets$/.exec(path);
    if (match && req.method === 'GET') {
      const found = byId(Number(match[1]));
      if (!found) return json(res, 404, { message: 'Not Found' });
      const [tag, release] = found;
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), pageSize);
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = [...release.assets].map(([name, asset]) => toAsset(tag, name, asset));
      const next: Record<string, string> =
        page * perPage < all.length
          ? { link: `<${base}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` }
          : {};
      return json(res, 200, all.slice((page - 1) * perPage, page * perPage), next);
    }
    match = /^\/repos\/acme\/app\/releases\/assets\/(\d+)$/.exec(path);
    if (match && (req.method === 'DELETE' || req.method === 'GET')) {
      const found = byAssetId(Number(match[1]));
      if (!found) return json(res, 404, { message: 'Not Found' });
      if (req.method === 'DELETE') {
        found.r.assets.delete(found.name);
        res.writeHead(204).end();
        return true;
      }
      if (req.headers.accept !== 'application/octet-stream')
        return json(res, 200, toAsset(found.tag, found.name, found.a));
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(found.a.bytes);
      return true;
    }
    match = /^\/uploads\/repos\/acme\/app\/releases\/(\d+)\/assets$/.exec(path);
    if (match && req.method === 'POST') {
      state.uploads.push({ url: url.href, authorization: req.headers.authorization });
      const name = url.searchParams.get('name');
      const found = byId(Number(match[1]));
      if (!found) return json(res, 404, { message: 'Not Found' });
      if (!name || !req.headers['content-type']) return json(res, 422, { message: 'Validation Failed' });
      void readBody(req).then((bytes) => {
        const [tag, release] = found;
        if (release.assets.has(name))
          return json(res, 422, {
            message: 'Validation Failed',
            errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }],
          });
        const asset = { id: nextId++, bytes };
        release.assets.set(name, asset);
        return json(res, 201, toAsset(tag, name, asset));
      });
      return true;
    }
    return json(res, 404, { message: 'Not Found' });
  };
  const api = await startFakeGitHubApi(100, routes);
  base = api.url;
  return Object.assign(state, { api });
}
