import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ReleaseApi } from '../../../src/files/release-api.ts';
import { startFakeReleases, type FakeReleases } from '../../harness/github-releases.ts';

const TOKEN = 'ghs_assetDownloadToken0123456789';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('ReleaseApi', () => {
  describe("when an asset's content redirects to storage on another origin", () => {
    const seenByStorage: IncomingHttpHeaders[] = [];
    const storage = createServer((req, res) => {
      seenByStorage.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('{"bundle":1}');
    });
    let storageUrl = '';
    const api = createServer((_req, res) => {
      res.writeHead(302, { location: `${storageUrl}/asset?sig=abc` }).end();
    });
    let apiUrl = '';
    before(async () => {
      storageUrl = await listen(storage);
      apiUrl = await listen(api);
    });
    after(() => {
      storage.close();
      api.close();
    });

    it('follows it without the token', async () => {
      const client = new ReleaseApi({ apiUrl, repository: 'acme/app', token: TOKEN });
      const content = await client.assetContent({
        id: 1,
        name: 'a.sigstore.json',
        size: 12,
        digest: null,
        url: `${apiUrl}/repos/acme/app/releases/assets/1`,
        browserDownloadUrl: '',
      });
      assert.equal(content?.toString(), '{"bundle":1}');
      assert.equal(seenByStorage.length, 1);
      assert.equal(seenByStorage[0]?.authorization, undefined);
    });
  });
});

describe('ReleaseApi.draftByTag', () => {
  let releases: FakeReleases;
  before(async () => {
    // One release a page: each release costs one request, so the bound is visible.
    releases = await startFakeReleases(1);
    releases.createRelease('v0.9.0', { draft: true });
    for (let minor = 0; minor < 6; minor++) releases.createRelease(`v1.${minor}.0`);
    releases.createRelease('v2.0.0', { draft: true });
    releases.createRelease('v2.1.0');
  });
  after(async () => {
    await releases?.api.stop();
  });
  const client = () => new ReleaseApi({ apiUrl: releases.api.url, repository: 'acme/app', token: TOKEN });

  it('finds the draft of the tag among the newest releases', async () => {
    const draft = await client().draftByTag('v2.0.0');
    assert.equal(draft?.id, 8);
    assert.match(draft?.uploadUrl ?? '', /\/releases\/8\/assets\{\?name,label\}$/);
  });

  it('ignores a published release of the tag: get-release-by-tag finds those', async () => {
    assert.equal(await client().draftByTag('v2.1.0'), undefined);
  });

  it('reads at most five pages, newest first, and then gives up', async () => {
    const before = releases.operations.length;
    assert.equal(await client().draftByTag('v0.9.0'), undefined);
    assert.deepEqual(
      releases.operations.slice(before),
      Array.from({ length: 5 }, () => 'repos/list-releases'),
    );
    assert.deepEqual(releases.specErrors, []);
  });
});
