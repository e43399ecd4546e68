import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ReleaseApi } from '../../../src/files/release-api.ts';

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
