import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { answer, BASIC, createClient, fakeNetwork } from './fake-http.ts';

const MANIFEST = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}');
const STORAGE = 'https://storage.example.net';

/** A registry on https://registry.example that challenges with `challenge` and serves one manifest. */
function challengingRegistry(
  challenge: string,
  realms: Record<string, () => ReturnType<typeof answer>> = {},
) {
  return fakeNetwork((url) => {
    const realm = realms[`${url.origin}${url.pathname}`];
    if (realm) return realm();
    if (url.origin !== 'https://registry.example') return answer(404);
    if (url.pathname === '/v2/') return answer(401, '', { 'www-authenticate': challenge });
    return answer(200, MANIFEST, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
  });
}

const refusal =
  (code: string, ...mentions: string[]) =>
  (err: unknown) => {
    assert.ok(err instanceof SignerError, String(err));
    assert.equal(err.code, code);
    for (const mention of mentions) assert.ok(err.message.includes(mention), err.message);
    return true;
  };

describe('credentials go only to the registry origin', () => {
  describe('when the bearer realm is refused', () => {
    const refused: [string, string][] = [
      ['a plain HTTP realm for an HTTPS registry', 'http://registry.example/token'],
      ['a loopback realm', 'https://127.0.0.1:8443/token'],
      ['a realm in another domain', 'https://auth.attacker.example.net/token'],
    ];
    for (const [name, realm] of refused) {
      it(`names ${name} and sends it nothing`, async () => {
        const network = challengingRegistry(`Bearer realm="${realm}",service="registry"`, {
          [realm]: () => answer(200, '{"token":"t"}'),
        });
        await assert.rejects(
          createClient(network.http).getManifest('acme/app', 'v1'),
          refusal('REGISTRY_AUTH', 'registry.example', realm),
        );
        assert.deepEqual(
          network.sent.filter((sent) => sent.url.startsWith(realm)),
          [],
        );
      });
    }
  });

  it('gets a token from a realm on the registry origin with the credential', async () => {
    const realm = 'https://registry.example/token';
    const network = challengingRegistry(`Bearer realm="${realm}",service="registry"`, {
      [realm]: () => answer(200, '{"token":"scoped-token"}'),
    });
    assert.ok(await createClient(network.http).getManifest('acme/app', 'v1'));
    const tokenRequest = network.sent.find((sent) => sent.url.startsWith(realm));
    assert.equal(tokenRequest?.authorization, BASIC);
    assert.equal(network.sent.at(-1)?.authorization, 'Bearer scoped-token');
  });

  describe('when an upload Location is on another origin that answers 401', () => {
    const uploadingRegistry = () =>
      fakeNetwork((url, method) => {
        if (url.origin === STORAGE)
          return answer(401, '', { 'www-authenticate': `Bearer realm="${STORAGE}/token",service="storage"` });
        if (url.pathname === '/v2/') return answer(401, '', { 'www-authenticate': 'Basic realm="registry"' });
        if (method === 'POST' && url.search.includes('digest=')) return answer(400);
        if (method === 'POST')
          return answer(202, '', { location: `${STORAGE}/upload/session-1?state=opaque` });
        return answer(200, MANIFEST, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      });

    it('sends it no Authorization and fails the upload naming that origin', async () => {
      const network = uploadingRegistry();
      await assert.rejects(
        createClient(network.http).putBlob('acme/app', Buffer.from('blob'), { unique: true }),
        refusal('REGISTRY_AUTH', 'registry.example', STORAGE, 'HTTP 401'),
      );
      const toStorage = network.sent.filter((sent) => sent.url.startsWith(STORAGE));
      assert.deepEqual(
        toStorage.map((sent) => [sent.method, sent.authorization]),
        [['PUT', undefined]],
      );
    });

    it("keeps the registry's own challenge for the requests that follow", async () => {
      const network = uploadingRegistry();
      const client = createClient(network.http);
      await assert.rejects(client.putBlob('acme/app', Buffer.from('blob'), { unique: true }));
      assert.ok(await client.getManifest('acme/app', 'v1'));
      assert.equal(network.sent.at(-1)?.authorization, BASIC);
      assert.ok(!network.sent.some((sent) => sent.url.startsWith(`${STORAGE}/token`)));
    });
  });

  it('refuses an upload Location that steps down to plain HTTP, before sending the blob', async () => {
    const network = fakeNetwork((url, method) => {
      if (url.pathname === '/v2/') return answer(200, '{}');
      if (method === 'POST' && url.search.includes('digest=')) return answer(400);
      if (method === 'POST') return answer(202, '', { location: 'http://registry.example/upload/1' });
      return answer(201);
    });
    await assert.rejects(
      createClient(network.http).putBlob('acme/app', Buffer.from('blob'), { unique: true }),
      refusal('REGISTRY_PROTOCOL', 'plain HTTP'),
    );
    assert.ok(!network.sent.some((sent) => sent.method === 'PUT'));
  });
});
