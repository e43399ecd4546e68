import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { checkLocation, MAX_REDIRECTS } from '../../../src/registry/redirects.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { answer, BASIC, createClient, fakeNetwork } from './fake-http.ts';

const BLOB = Buffer.from('{"payload":"signature"}');
const DIGEST = sha256Digest(BLOB);
const BLOB_PATH = `/v2/acme/app/blobs/${DIGEST}`;
const CDN = 'https://cdn.example.net';

/** A registry asking for basic auth whose blob reads answer `redirect` for the blob path. */
function redirectingRegistry(redirect: (url: URL) => ReturnType<typeof answer>) {
  return fakeNetwork((url) => {
    if (url.origin === 'https://registry.example') {
      if (url.pathname === '/v2/') return answer(401, '', { 'www-authenticate': 'Basic realm="registry"' });
      if (url.pathname === BLOB_PATH) return redirect(url);
      return answer(404);
    }
    if (url.href.startsWith(`${CDN}/blob`)) return answer(200, BLOB);
    return answer(404);
  });
}

const isCode = (code: string) => (err: unknown) => err instanceof SignerError && err.code === code;

describe('redirects of reads', () => {
  describe('when a blob GET is answered 307 to a CDN on another origin', () => {
    it('follows it, sends the CDN no Authorization, and returns the blob', async () => {
      const network = redirectingRegistry(() => answer(307, '', { location: `${CDN}/blob?sig=abc` }));
      assert.deepEqual(await createClient(network.http).getBlob('acme/app', DIGEST, 1024), BLOB);
      const toRegistry = network.sent.find((sent) => sent.url.endsWith(BLOB_PATH));
      const toCdn = network.sent.filter((sent) => sent.url.startsWith(CDN));
      assert.equal(toRegistry?.authorization, BASIC);
      assert.deepEqual(toCdn, [{ method: 'GET', url: `${CDN}/blob?sig=abc` }]);
    });

    it('still checks the digest of what arrives', async () => {
      const network = fakeNetwork((url) => {
        if (url.pathname === BLOB_PATH) return answer(307, '', { location: `${CDN}/other` });
        if (url.origin === CDN) return answer(200, 'something else');
        return answer(200, '{}');
      });
      await assert.rejects(createClient(network.http).getBlob('acme/app', DIGEST, 1024), (err: unknown) => {
        assert.ok(isCode('REGISTRY_PROTOCOL')(err));
        assert.match((err as Error).message, /does not match its digest/);
        return true;
      });
    });
  });

  it('keeps Authorization on a hop that stays on the registry origin (a relative Location)', async () => {
    const network = redirectingRegistry((url) =>
      url.search ? answer(200, BLOB) : answer(302, '', { location: `${BLOB_PATH}?moved=1` }),
    );
    await createClient(network.http).getBlob('acme/app', DIGEST, 1024);
    const hops = network.sent.filter((sent) => sent.url.includes(BLOB_PATH));
    assert.deepEqual(
      hops.map((hop) => hop.authorization),
      [BASIC, BASIC],
    );
  });

  it('follows a HEAD too: a blob found behind a redirect is not uploaded again', async () => {
    const network = fakeNetwork((url) => {
      if (url.pathname === BLOB_PATH) return answer(308, '', { location: `${CDN}/blob` });
      return answer(200, '{}');
    });
    assert.deepEqual(await createClient(network.http).putBlob('acme/app', BLOB), {
      digest: DIGEST,
      size: BLOB.length,
    });
    assert.deepEqual(network.sent.at(-1), { method: 'HEAD', url: `${CDN}/blob` });
    assert.equal(
      network.sent.filter((request) => request.method !== 'HEAD' && request.method !== 'GET').length,
      0,
    );
  });

  it(`stops after ${MAX_REDIRECTS} hops with a clear error`, async () => {
    const network = fakeNetwork((url) => {
      if (url.pathname === '/v2/') return answer(200, '{}');
      return answer(302, '', { location: `${CDN}/hop?n=${network.sent.length}` });
    });
    await assert.rejects(createClient(network.http).getBlob('acme/app', DIGEST, 1024), (err: unknown) => {
      assert.ok(isCode('REGISTRY_PROTOCOL')(err));
      assert.match((err as Error).message, /registry\.example.*redirected.*more than the 5 followed/);
      return true;
    });
    assert.equal(
      network.sent.filter((sent) => sent.url !== 'https://registry.example/v2/').length,
      1 + MAX_REDIRECTS,
    );
  });

  it('refuses a step down from HTTPS to plain HTTP, and sends nothing there', async () => {
    const network = redirectingRegistry(() => answer(307, '', { location: 'http://cdn.example.net/blob' }));
    await assert.rejects(createClient(network.http).getBlob('acme/app', DIGEST, 1024), (err: unknown) => {
      assert.ok(isCode('REGISTRY_PROTOCOL')(err));
      assert.match((err as Error).message, /plain HTTP \(http:\/\/cdn\.example\.net\/blob\)/);
      return true;
    });
    assert.ok(network.sent.every((sent) => !sent.url.startsWith('http:')));
  });

  it('never follows a redirect of a write', async () => {
    const network = fakeNetwork((url, method) => {
      if (url.pathname === '/v2/') return answer(200, '{}');
      if (method === 'POST') return answer(202, '', { location: '/v2/acme/app/blobs/uploads/session' });
      if (method === 'PUT' && url.origin === 'https://registry.example')
        return answer(307, '', { location: `${CDN}/upload` });
      return answer(404);
    });
    await assert.rejects(createClient(network.http).putBlob('acme/app', BLOB, { unique: true }));
    assert.ok(network.sent.every((sent) => !sent.url.startsWith(CDN)));
  });
});

describe('checkLocation', () => {
  const from = new URL('https://registry.example/v2/acme/app/blobs/sha256:aa');
  const cases: [string, string | null, string | RegExp][] = [
    ['a relative path stays on the registry', '/v2/other', 'https://registry.example/v2/other'],
    ['another https origin', 'https://cdn.example.net/x?sig=1', 'https://cdn.example.net/x?sig=1'],
    ['no Location', null, /no Location/],
    ['plain HTTP from HTTPS', 'http://cdn.example.net/x', /plain HTTP/],
    ['another scheme', 'file:///etc/passwd', /neither https nor http/],
    ['not a URL', 'http://[::1', /not a URL/],
  ];
  for (const [name, location, expected] of cases) {
    it(name, () => {
      const decision = checkLocation(from, location);
      if (typeof expected === 'string')
        assert.equal('url' in decision ? decision.url.href : decision.refused, expected);
      else assert.match('refused' in decision ? decision.refused : decision.url.href, expected);
    });
  }

  it('lets a plain-HTTP registry redirect over plain HTTP', () => {
    assert.ok('url' in checkLocation(new URL('http://127.0.0.1:5000/v2/'), 'http://127.0.0.1:6000/blob'));
  });
});
