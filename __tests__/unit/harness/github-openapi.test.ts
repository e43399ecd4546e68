import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadGitHubSpec } from '../../harness/github-openapi.ts';
import { startFakeReleases, type FakeReleases } from '../../harness/github-releases.ts';

const API = 'http://127.0.0.1:1';
const spec = loadGitHubSpec();
/** A release asset as GitHub's description has it: every required field, an asset of no known uploader. */
const ASSET = {
  url: `${API}/repos/acme/app/releases/assets/1`,
  browser_download_url: 'https://github.com/acme/app/releases/download/v1/a.json',
  id: 1,
  node_id: 'RA_1',
  name: 'a.json',
  label: null,
  state: 'uploaded',
  content_type: 'application/json',
  size: 2,
  digest: null,
  download_count: 0,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  uploader: null,
};

describe("GitHub's OpenAPI description as the stand-in's judge", () => {
  describe('when a request follows it', () => {
    it('names the operation and finds nothing wrong', () => {
      const upload = spec.checkRequest({
        method: 'POST',
        url: new URL(`${API}/uploads/repos/acme/app/releases/7/assets?name=checksums.txt.sigstore.json`),
        contentType: 'application/json',
        body: Buffer.from('{}'),
      });
      assert.deepEqual(upload, { operationId: 'repos/upload-release-asset', errors: [] });
      const list = spec.checkRequest({
        method: 'GET',
        url: new URL(`${API}/repos/acme/app/releases?per_page=100&page=2`),
        contentType: undefined,
      });
      assert.deepEqual(list, { operationId: 'repos/list-releases', errors: [] });
    });
  });

  describe('when a request breaks it', () => {
    it('flags an upload without the required name query', () => {
      const verdict = spec.checkRequest({
        method: 'POST',
        url: new URL(`${API}/uploads/repos/acme/app/releases/7/assets?label=bundle`),
        contentType: 'application/json',
        body: Buffer.from('{}'),
      });
      assert.equal(verdict.operationId, 'repos/upload-release-asset');
      assert.match(verdict.errors.join('\n'), /required query parameter 'name' is missing/);
    });

    it('flags an upload without a Content-Type', () => {
      const verdict = spec.checkRequest({
        method: 'POST',
        url: new URL(`${API}/uploads/repos/acme/app/releases/7/assets?name=a.json`),
        contentType: undefined,
        body: Buffer.from('{}'),
      });
      assert.match(verdict.errors.join('\n'), /needs a Content-Type/);
    });

    it('flags a method GitHub does not have on the path', () => {
      const verdict = spec.checkRequest({
        method: 'PUT',
        url: new URL(`${API}/repos/acme/app/releases/assets/3`),
        contentType: undefined,
      });
      assert.equal(verdict.operationId, undefined);
      assert.match(verdict.errors.join('\n'), /PUT .*no such method/);
    });

    it('flags a query parameter GitHub does not take and one of the wrong type', () => {
      const verdict = spec.checkRequest({
        method: 'GET',
        url: new URL(`${API}/repos/acme/app/releases/7/assets?per_page=all&draft=true`),
        contentType: undefined,
      });
      assert.match(verdict.errors.join('\n'), /'per_page'="all" .*must be integer/);
      assert.match(verdict.errors.join('\n'), /no query parameter 'draft'/);
    });

    it('flags a path parameter of the wrong type', () => {
      const verdict = spec.checkRequest({
        method: 'DELETE',
        url: new URL(`${API}/repos/acme/app/releases/assets/latest`),
        contentType: undefined,
      });
      assert.match(verdict.errors.join('\n'), /'asset_id'="latest" .*must be integer/);
    });
  });

  describe('when an answer breaks it', () => {
    it('flags a release without the fields GitHub always sends', () => {
      const errors = spec.checkResponse(
        'repos/get-release-by-tag',
        200,
        'application/json',
        JSON.stringify({ id: 1, tag_name: 'v1' }),
      );
      assert.match(errors.join('\n'), /must have required property 'upload_url'/);
    });

    it('checks the formats the description names (date-time)', () => {
      const errors = spec.checkResponse(
        'repos/list-release-assets',
        200,
        'application/json',
        JSON.stringify([{ ...ASSET, created_at: 'yesterday' }]),
      );
      assert.deepEqual(
        spec.checkResponse('repos/list-release-assets', 200, 'application/json', JSON.stringify([ASSET])),
        [],
      );
      assert.match(errors.join('\n'), /\/0\/created_at must match format "date-time"/);
    });

    it("flags asset bytes served in place of GitHub's redirect to storage", () => {
      const errors = spec.checkResponse('repos/get-release-asset', 200, 'application/octet-stream', 'x');
      assert.match(
        errors.join('\n'),
        /content type 'application\/octet-stream' is not one of application\/json/,
      );
    });

    it('takes a basic error for a status the operation does not list (403)', () => {
      assert.deepEqual(
        spec.checkResponse('repos/get-release-by-tag', 403, 'application/json', '{"message":"denied"}'),
        [],
      );
      assert.notDeepEqual(
        spec.checkResponse('repos/get-release-by-tag', 403, 'application/json', '{"message":403}'),
        [],
      );
    });
  });

  describe('the release stand-in', () => {
    let releases: FakeReleases;
    before(async () => {
      releases = await startFakeReleases();
      releases.createRelease('v1.0.0');
    });
    after(async () => {
      await releases?.api.stop();
    });

    it('answers 500 to a request that breaks the description and records why', async () => {
      const response = await fetch(`${releases.api.url}/uploads/repos/acme/app/releases/1/assets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(response.status, 500);
      assert.match(releases.specErrors.join('\n'), /^request: .*'name' is missing/m);
      assert.equal(releases.assetsOf('v1.0.0').size, 0);
    });

    it('serves a request that follows it', async () => {
      const before = releases.specErrors.length;
      const response = await fetch(`${releases.api.url}/repos/acme/app/releases/tags/v1.0.0`);
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { tag_name: string }).tag_name, 'v1.0.0');
      assert.equal(releases.specErrors.length, before);
    });
  });
});
