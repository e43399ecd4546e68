import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpResponse } from '../../../src/registry/http.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import {
  answer,
  createClient,
  createDirectClient,
  failsWith,
  fakeNetwork,
  type SentRequest,
} from './fake-http.ts';

const BLOB = Buffer.from('{"critical":{"type":"cosign container image signature"}}');
const DIGEST = sha256Digest(BLOB);
const OTHER = Buffer.from('another signature');
const REPO_URL = 'https://registry.example/v2/acme/app';
const OCTETS = { 'content-type': 'application/octet-stream' };

/**
 * A registry's blob endpoints: `head` answers HEAD, `post` the POST to /blobs/uploads/ (with or without
 * ?digest=), `put` the PUT to the upload session at /upload/session (Location of a 202 POST).
 */
function blobRegistry(handlers: {
  head?: (digest: string) => HttpResponse;
  post?: (singlePost: boolean) => HttpResponse;
  put?: () => HttpResponse;
}) {
  return fakeNetwork((url, method) => {
    if (url.pathname === '/v2/') return answer(200, '{}');
    if (method === 'HEAD')
      return (handlers.head ?? (() => answer(404)))(url.pathname.split('/').at(-1) ?? '');
    if (method === 'POST')
      return (handlers.post ?? (() => answer(202, '', { location: '/upload/session?_state=s1' })))(
        url.searchParams.has('digest'),
      );
    if (method === 'PUT' && url.pathname === '/upload/session')
      return (handlers.put ?? (() => answer(201)))();
    return answer(500, '{"errors":[{"code":"UNEXPECTED"}]}');
  });
}

/** The requests of an upload, as `METHOD path?query`, the ping left out. */
const trail = (requests: SentRequest[]) =>
  requests
    .filter((request) => !request.url.endsWith('/v2/'))
    .map((request) => `${request.method} ${request.url.replace('https://registry.example', '')}`);

describe('RegistryClient.putBlob', () => {
  it('uploads nothing when the registry already has the blob', async () => {
    const network = blobRegistry({ head: () => answer(200) });
    assert.deepEqual(await createClient(network.http).putBlob('acme/app', BLOB), {
      digest: DIGEST,
      size: BLOB.length,
    });
    assert.deepEqual(trail(network.requests), [`HEAD /v2/acme/app/blobs/${DIGEST}`]);
  });

  it('stores a blob in one POST where the registry takes it that way (201)', async () => {
    const network = blobRegistry({ post: () => answer(201) });
    assert.deepEqual(await createClient(network.http).putBlob('acme/app', BLOB), {
      digest: DIGEST,
      size: BLOB.length,
    });
    assert.deepEqual(trail(network.requests), [
      `HEAD /v2/acme/app/blobs/${DIGEST}`,
      `POST /v2/acme/app/blobs/uploads/?digest=${DIGEST}`,
    ]);
    assert.deepEqual(network.requests.at(-1)?.headers, OCTETS);
    assert.deepEqual(network.requests.at(-1)?.body, BLOB);
  });

  it('keeps using single POSTs once the registry took one', async () => {
    const network = blobRegistry({ post: () => answer(201) });
    const client = createClient(network.http);
    await client.putBlob('acme/app', BLOB);
    await client.putBlob('acme/app', OTHER);
    assert.equal(
      trail(network.requests).at(-1),
      `POST /v2/acme/app/blobs/uploads/?digest=${sha256Digest(OTHER)}`,
    );
  });

  it('finishes the session a single POST opened (202) with a PUT of the blob to its Location', async () => {
    const network = blobRegistry({});
    await createClient(network.http).putBlob('acme/app', BLOB);
    assert.deepEqual(trail(network.requests), [
      `HEAD /v2/acme/app/blobs/${DIGEST}`,
      `POST /v2/acme/app/blobs/uploads/?digest=${DIGEST}`,
      `PUT /upload/session?_state=s1&digest=${encodeURIComponent(DIGEST)}`,
    ]);
    assert.deepEqual(network.requests.at(-1)?.headers, OCTETS);
    assert.deepEqual(network.requests.at(-1)?.body, BLOB);
  });

  it('opens sessions with a plain POST from then on, the blob going in the PUT alone', async () => {
    const network = blobRegistry({});
    const client = createClient(network.http);
    await client.putBlob('acme/app', BLOB);
    await client.putBlob('acme/app', OTHER);
    const other = sha256Digest(OTHER);
    assert.deepEqual(trail(network.requests).slice(3), [
      `HEAD /v2/acme/app/blobs/${other}`,
      'POST /v2/acme/app/blobs/uploads/',
      `PUT /upload/session?_state=s1&digest=${encodeURIComponent(other)}`,
    ]);
    assert.equal(network.requests.at(-2)?.body, undefined);
  });

  for (const refusal of [400, 404, 405, 415]) {
    it(`falls back to a two-step upload when the single POST is refused (HTTP ${refusal}), and stays with it`, async () => {
      const network = blobRegistry({
        post: (singlePost) =>
          singlePost
            ? answer(refusal, '{"errors":[]}')
            : answer(202, '', { location: '/upload/session?_state=s1' }),
      });
      const client = createClient(network.http);
      await client.putBlob('acme/app', BLOB);
      await client.putBlob('acme/app', OTHER);
      assert.deepEqual(trail(network.requests), [
        `HEAD /v2/acme/app/blobs/${DIGEST}`,
        `POST /v2/acme/app/blobs/uploads/?digest=${DIGEST}`,
        'POST /v2/acme/app/blobs/uploads/',
        `PUT /upload/session?_state=s1&digest=${encodeURIComponent(DIGEST)}`,
        `HEAD /v2/acme/app/blobs/${sha256Digest(OTHER)}`,
        'POST /v2/acme/app/blobs/uploads/',
        `PUT /upload/session?_state=s1&digest=${encodeURIComponent(sha256Digest(OTHER))}`,
      ]);
    });
  }

  it('accepts 204 as the end of an upload session', async () => {
    const network = blobRegistry({ put: () => answer(204) });
    assert.deepEqual(await createClient(network.http).putBlob('acme/app', BLOB), {
      digest: DIGEST,
      size: BLOB.length,
    });
  });

  for (const [status, code] of [
    [401, 'REGISTRY_AUTH'],
    [403, 'REGISTRY_AUTH'],
  ] as const) {
    it(`fails at once when the single POST is refused access (HTTP ${status})`, async () => {
      const network = blobRegistry({ post: () => answer(status, '{"errors":[{"code":"DENIED"}]}') });
      await assert.rejects(
        createClient(network.http).putBlob('acme/app', BLOB),
        failsWith(code, `upload blob acme/app@${DIGEST}: HTTP ${status} DENIED`),
      );
      // No new round, and no two-step upload either: neither can change a refusal.
      const requests = trail(network.requests);
      assert.equal(requests.filter((request) => request.startsWith('HEAD')).length, 1);
      assert.ok(!requests.includes('POST /v2/acme/app/blobs/uploads/'), requests.join('\n'));
    });
  }

  it('fails a single POST answered 500 without falling back to the two-step upload', async () => {
    const network = blobRegistry({ post: () => answer(500, '{"errors":[]}') });
    await assert.rejects(
      createClient(network.http).putBlob('acme/app', BLOB),
      failsWith('REGISTRY_UNAVAILABLE', 'HTTP 500'),
    );
    assert.ok(!trail(network.requests).includes('POST /v2/acme/app/blobs/uploads/'));
  });

  it('fails when the HEAD is refused, naming it', async () => {
    const network = blobRegistry({ head: () => answer(403, '{"errors":[{"code":"DENIED"}]}') });
    await assert.rejects(
      createClient(network.http).putBlob('acme/app', BLOB),
      failsWith('REGISTRY_AUTH', `HEAD blob acme/app@${DIGEST}: HTTP 403`),
    );
  });

  it('starts over, up to four rounds, while the registry is unavailable; the HEAD each round finds what arrived', async () => {
    const network = blobRegistry({ post: () => answer(503, '{"errors":[{"code":"UNAVAILABLE"}]}') });
    await assert.rejects(
      createClient(network.http).putBlob('acme/app', BLOB),
      failsWith('REGISTRY_UNAVAILABLE', 'HTTP 503 UNAVAILABLE'),
    );
    const rounds = trail(network.requests);
    assert.equal(rounds.filter((request) => request.startsWith('POST')).length, 4);
    assert.equal(rounds.filter((request) => request.startsWith('HEAD')).length, 4);
  });

  it('stops starting over once a HEAD finds the blob arrived after all', async () => {
    let posts = 0;
    const network = blobRegistry({
      head: () => answer(posts > 0 ? 200 : 404),
      post: () => {
        posts++;
        return answer(502, '{"errors":[]}');
      },
    });
    assert.deepEqual(await createClient(network.http).putBlob('acme/app', BLOB), {
      digest: DIGEST,
      size: BLOB.length,
    });
    assert.equal(posts, 1);
  });

  it('starts over when the upload session was lost (404 on its PUT)', async () => {
    let puts = 0;
    const network = blobRegistry({
      put: () => (++puts === 1 ? answer(404, '{"errors":[{"code":"BLOB_UPLOAD_UNKNOWN"}]}') : answer(201)),
    });
    await createClient(network.http).putBlob('acme/app', BLOB);
    assert.equal(puts, 2);
  });

  it('fails at once on an error no new round can help (a refused digest)', async () => {
    const network = blobRegistry({ put: () => answer(400, '{"errors":[{"code":"DIGEST_INVALID"}]}') });
    await assert.rejects(
      createClient(network.http).putBlob('acme/app', BLOB),
      failsWith('REGISTRY_PROTOCOL', 'HTTP 400 DIGEST_INVALID'),
    );
    assert.equal(trail(network.requests).filter((request) => request.startsWith('PUT')).length, 1);
  });

  it('fails when the session answer has no Location, before sending the blob', async () => {
    const network = blobRegistry({ post: () => answer(202) });
    await assert.rejects(
      createClient(network.http).putBlob('acme/app', BLOB),
      failsWith('REGISTRY_PROTOCOL', "the upload session's Location is not used: there is no Location"),
    );
    assert.ok(!network.requests.some((request) => request.method === 'PUT'));
  });

  it('fails when the session is not finished with 201 or 204', async () => {
    const network = blobRegistry({ put: () => answer(202) });
    await assert.rejects(
      createClient(network.http).putBlob('acme/app', BLOB),
      failsWith('REGISTRY_PROTOCOL', 'HTTP 202'),
    );
  });

  describe('when the blob is unique (made this moment)', () => {
    it('asks no HEAD first', async () => {
      const network = blobRegistry({ post: () => answer(201) });
      await createClient(network.http).putBlob('acme/app', BLOB, { unique: true });
      assert.deepEqual(trail(network.requests), [`POST /v2/acme/app/blobs/uploads/?digest=${DIGEST}`]);
    });

    it('still asks the HEAD before starting over', async () => {
      let posts = 0;
      const network = blobRegistry({
        post: () => (++posts === 1 ? answer(503, '{"errors":[]}') : answer(201)),
      });
      await createClient(network.http).putBlob('acme/app', BLOB, { unique: true });
      assert.deepEqual(trail(network.requests), [
        `POST /v2/acme/app/blobs/uploads/?digest=${DIGEST}`,
        `HEAD /v2/acme/app/blobs/${DIGEST}`,
        `POST /v2/acme/app/blobs/uploads/?digest=${DIGEST}`,
      ]);
    });

    it('is not remembered once uploaded: put again (a repair), it is looked for with a HEAD, not sent twice', async () => {
      const stored = new Set<string>();
      const network = blobRegistry({
        head: (digest) => answer(stored.has(digest) ? 200 : 404),
        post: () => {
          stored.add(DIGEST);
          return answer(201);
        },
      });
      const client = createClient(network.http);
      await client.putBlob('acme/app', BLOB, { unique: true });
      assert.deepEqual(await client.putBlob('acme/app', BLOB), { digest: DIGEST, size: BLOB.length });
      assert.deepEqual(trail(network.requests), [
        `POST /v2/acme/app/blobs/uploads/?digest=${DIGEST}`,
        `HEAD /v2/acme/app/blobs/${DIGEST}`,
      ]);
    });
  });

  describe('the same blob twice in a run', () => {
    it('is uploaded once, however many callers ask at the same time', async () => {
      const network = blobRegistry({ post: () => answer(201) });
      const client = createClient(network.http);
      const [first, second] = await Promise.all([
        client.putBlob('acme/app', BLOB),
        client.putBlob('acme/app', BLOB),
      ]);
      await client.putBlob('acme/app', BLOB);
      assert.deepEqual(first, second);
      assert.equal(trail(network.requests).length, 2);
    });

    it('is uploaded again into another repository', async () => {
      const network = blobRegistry({ post: () => answer(201) });
      const client = createClient(network.http);
      await client.putBlob('acme/app', BLOB);
      await client.putBlob('acme/other', BLOB);
      assert.equal(trail(network.requests).at(-1), `POST /v2/acme/other/blobs/uploads/?digest=${DIGEST}`);
    });

    it('is tried again after a failed upload', async () => {
      let refuse = true;
      const network = blobRegistry({ post: () => (refuse ? answer(403, '{"errors":[]}') : answer(201)) });
      const client = createClient(network.http);
      await assert.rejects(client.putBlob('acme/app', BLOB));
      refuse = false;
      assert.deepEqual(await client.putBlob('acme/app', BLOB), { digest: DIGEST, size: BLOB.length });
    });
  });
});

describe('RegistryClient.getBlob', () => {
  it('GETs the blob by digest', async () => {
    const served = fakeNetwork((url) => (url.pathname === '/v2/' ? answer(200, '{}') : answer(200, BLOB)));
    assert.deepEqual(await createClient(served.http).getBlob('acme/app', DIGEST, BLOB.length), BLOB);
    assert.deepEqual(served.requests.at(-1), {
      method: 'GET',
      url: `${REPO_URL}/blobs/${DIGEST}`,
      headers: {},
    });
  });

  it('refuses a blob over the size the caller allows', async () => {
    const served = fakeNetwork((url) => (url.pathname === '/v2/' ? answer(200, '{}') : answer(200, BLOB)));
    await assert.rejects(
      createClient(served.http).getBlob('acme/app', DIGEST, BLOB.length - 1),
      failsWith('REGISTRY_PROTOCOL', `Registry registry.example: GET blob acme/app@${DIGEST} is more than`),
    );
  });
});

describe('RegistryClient.connect', () => {
  it('pings the registry once, whoever asks first', async () => {
    const network = fakeNetwork(() => answer(200, '{}'));
    const client = createDirectClient(network.http);
    await client.connect();
    await client.connect();
    await client.getBlob('acme/app', sha256Digest(Buffer.from('{}')), 10);
    assert.deepEqual(
      network.requests.map((request) => request.url),
      ['https://registry.example/v2/', `${REPO_URL}/blobs/${sha256Digest(Buffer.from('{}'))}`],
    );
  });
});

describe('RegistryClient: token scopes of the blob verbs', () => {
  it('reads blobs with a pull token and uploads them with a pull,push token', async () => {
    const network = fakeNetwork((url, method) => {
      if (url.pathname === '/token')
        return answer(200, JSON.stringify({ token: url.searchParams.get('scope') ?? '' }));
      if (url.pathname === '/v2/')
        return answer(401, '', { 'www-authenticate': 'Bearer realm="https://registry.example/token"' });
      if (method === 'HEAD') return answer(404);
      if (method === 'POST') return answer(201);
      return answer(200, BLOB);
    });
    const client = createClient(network.http);
    await client.putBlob('acme/app', BLOB);
    await client.getBlob('acme/app', DIGEST, BLOB.length);
    assert.deepEqual(
      network.requests
        .filter((request) => request.url.includes('/acme/app/'))
        .map((request) => `${request.method} ${request.headers.authorization}`),
      [
        'HEAD Bearer repository:acme/app:pull',
        'POST Bearer repository:acme/app:pull,push',
        'GET Bearer repository:acme/app:pull',
      ],
    );
  });
});

describe('RegistryClient: token scopes of a two-step upload', () => {
  it('opens and finishes the session with a pull,push token', async () => {
    const network = fakeNetwork((url, method) => {
      if (url.pathname === '/token')
        return answer(200, JSON.stringify({ token: url.searchParams.get('scope') ?? '' }));
      if (url.pathname === '/v2/')
        return answer(401, '', { 'www-authenticate': 'Bearer realm="https://registry.example/token"' });
      if (method === 'HEAD') return answer(404);
      if (method === 'POST' && url.searchParams.has('digest')) return answer(405);
      if (method === 'POST') return answer(202, '', { location: '/v2/acme/app/blobs/uploads/s1' });
      return answer(201);
    });
    await createClient(network.http).putBlob('acme/app', BLOB);
    assert.deepEqual(
      network.requests
        .filter((request) => request.url.includes('/acme/app/') && request.method !== 'HEAD')
        .map((request) => `${request.method} ${request.headers.authorization}`),
      [
        'POST Bearer repository:acme/app:pull,push',
        'POST Bearer repository:acme/app:pull,push',
        'PUT Bearer repository:acme/app:pull,push',
      ],
    );
  });
});
