import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpResponse } from '../../../src/registry/http.ts';
import { MAX_MANIFEST_BYTES } from '../../../src/registry/media-types.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { answer, createClient, failsWith, fakeNetwork } from './fake-http.ts';

const OCI_MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const MANIFEST = Buffer.from(`{"schemaVersion":2,"mediaType":"${OCI_MANIFEST_TYPE}","layers":[]}`);
const DIGEST = sha256Digest(MANIFEST);
const REPO_URL = 'https://registry.example/v2/acme/app';

/** A registry that lets anyone in at /v2/ and answers everything else with `respond`. */
function registryAnswering(respond: (url: URL, method: string) => HttpResponse) {
  return fakeNetwork((url, method) => (url.pathname === '/v2/' ? answer(200, '{}') : respond(url, method)));
}

describe('RegistryClient.getManifest', () => {
  it('asks for the manifest with every manifest and index type it can read', async () => {
    const network = registryAnswering(() => answer(200, MANIFEST, { 'content-type': OCI_MANIFEST_TYPE }));
    await createClient(network.http).getManifest('acme/app', 'v1');
    assert.deepEqual(network.requests.at(-1), {
      method: 'GET',
      url: `${REPO_URL}/manifests/v1`,
      headers: {
        accept: [
          'application/vnd.oci.image.manifest.v1+json',
          'application/vnd.oci.image.index.v1+json',
          'application/vnd.docker.distribution.manifest.v2+json',
          'application/vnd.docker.distribution.manifest.list.v2+json',
        ].join(', '),
      },
    });
  });

  it('returns the bytes as served, their digest and the media type the manifest states', async () => {
    const network = registryAnswering(() => answer(200, MANIFEST, { 'content-type': 'application/json' }));
    assert.deepEqual(await createClient(network.http).getManifest('acme/app', 'v1'), {
      digest: DIGEST,
      mediaType: OCI_MANIFEST_TYPE,
      bytes: MANIFEST,
    });
  });

  const mediaTypes: [string, string, Record<string, string>, string][] = [
    [
      'no mediaType field: the Content-Type',
      '{"schemaVersion":2}',
      { 'content-type': OCI_MANIFEST_TYPE },
      OCI_MANIFEST_TYPE,
    ],
    [
      'a mediaType that is no string: the Content-Type',
      '{"mediaType":7}',
      { 'content-type': OCI_MANIFEST_TYPE },
      OCI_MANIFEST_TYPE,
    ],
    ['bytes that are not JSON: the Content-Type', 'not json', { 'content-type': 'text/plain' }, 'text/plain'],
    ['neither: empty', '{"schemaVersion":2}', {}, ''],
  ];
  for (const [name, body, headers, expected] of mediaTypes) {
    it(`takes the media type from ${name}`, async () => {
      const network = registryAnswering(() => answer(200, body, headers));
      assert.equal((await createClient(network.http).getManifest('acme/app', 'v1'))?.mediaType, expected);
    });
  }

  it('answers undefined when the registry has no manifest under the reference', async () => {
    const network = registryAnswering(() => answer(404, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}'));
    assert.equal(await createClient(network.http).getManifest('acme/app', 'v9'), undefined);
  });

  it('fails on any other status, naming the operation', async () => {
    const network = registryAnswering(() =>
      answer(400, '{"errors":[{"code":"NAME_INVALID","message":"bad name"}]}'),
    );
    await assert.rejects(
      createClient(network.http).getManifest('acme/app', 'v1'),
      failsWith('REGISTRY_PROTOCOL', 'GET manifest acme/app:v1: HTTP 400 NAME_INVALID (bad name)'),
    );
  });

  it(`refuses a manifest over ${MAX_MANIFEST_BYTES} bytes`, async () => {
    const huge = Buffer.alloc(MAX_MANIFEST_BYTES + 1, ' ');
    const network = registryAnswering(() => answer(200, huge, { 'content-type': OCI_MANIFEST_TYPE }));
    await assert.rejects(
      createClient(network.http).getManifest('acme/app', 'v1'),
      failsWith('REGISTRY_PROTOCOL', 'Registry registry.example: GET manifest acme/app:v1 is more than'),
    );
  });

  it('reads a manifest of exactly the cap', async () => {
    const full = Buffer.concat([MANIFEST, Buffer.alloc(MAX_MANIFEST_BYTES - MANIFEST.length, ' ')]);
    const network = registryAnswering(() => answer(200, full));
    assert.equal(
      (await createClient(network.http).getManifest('acme/app', 'v1'))?.bytes.length,
      MAX_MANIFEST_BYTES,
    );
  });

  it('takes content read by tag as served, whatever its digest', async () => {
    const network = registryAnswering(() => answer(200, MANIFEST));
    assert.equal(
      (await createClient(network.http).getManifest('acme/app', 'sha256-abc.sig'))?.digest,
      DIGEST,
    );
  });
});

describe('RegistryClient.putManifest', () => {
  it('PUTs the bytes with their media type and returns their digest', async () => {
    const network = registryAnswering(() => answer(201));
    const pushed = await createClient(network.http).putManifest(
      'acme/app',
      'sha256-abc.sig',
      MANIFEST,
      OCI_MANIFEST_TYPE,
    );
    assert.deepEqual(pushed, { digest: DIGEST });
    assert.deepEqual(network.requests.at(-1), {
      method: 'PUT',
      url: `${REPO_URL}/manifests/sha256-abc.sig`,
      headers: { 'content-type': OCI_MANIFEST_TYPE },
      body: MANIFEST,
    });
  });

  it('accepts 200 as well as 201', async () => {
    const network = registryAnswering(() => answer(200));
    assert.deepEqual(
      await createClient(network.http).putManifest('acme/app', 'v1', MANIFEST, OCI_MANIFEST_TYPE),
      {
        digest: DIGEST,
      },
    );
  });

  it('accepts a Docker-Content-Digest that is the digest sent', async () => {
    const network = registryAnswering(() => answer(201, '', { 'docker-content-digest': DIGEST }));
    assert.deepEqual(
      await createClient(network.http).putManifest('acme/app', 'v1', MANIFEST, OCI_MANIFEST_TYPE),
      {
        digest: DIGEST,
      },
    );
  });

  it('refuses a registry that says it stored other bytes, naming both digests', async () => {
    const stored = sha256Digest(Buffer.from('rewritten'));
    const network = registryAnswering(() => answer(201, '', { 'docker-content-digest': stored }));
    await assert.rejects(
      createClient(network.http).putManifest('acme/app', 'v1', MANIFEST, OCI_MANIFEST_TYPE),
      failsWith('REGISTRY_PROTOCOL', `stored acme/app:v1 as ${stored}, but we sent ${DIGEST}`),
    );
  });

  it('reports the subject the registry says it indexed (OCI-Subject)', async () => {
    const subject = `sha256:${'e'.repeat(64)}`;
    const network = registryAnswering(() => answer(201, '', { 'oci-subject': subject }));
    assert.deepEqual(
      await createClient(network.http).putManifest('acme/app', DIGEST, MANIFEST, OCI_MANIFEST_TYPE),
      {
        digest: DIGEST,
        indexedSubject: subject,
      },
    );
  });

  it('fails on a refused manifest with the registry error', async () => {
    const network = registryAnswering(() => answer(400, '{"errors":[{"code":"MANIFEST_INVALID"}]}'));
    await assert.rejects(
      createClient(network.http).putManifest('acme/app', 'v1', MANIFEST, OCI_MANIFEST_TYPE),
      failsWith('REGISTRY_PROTOCOL', 'PUT manifest acme/app:v1: HTTP 400 MANIFEST_INVALID'),
    );
  });

  it('fails on 202, which stores nothing yet', async () => {
    const network = registryAnswering(() => answer(202));
    await assert.rejects(
      createClient(network.http).putManifest('acme/app', 'v1', MANIFEST, OCI_MANIFEST_TYPE),
      failsWith('REGISTRY_PROTOCOL', 'HTTP 202'),
    );
  });
});

describe('RegistryClient.deleteManifest', () => {
  const outcomes: [number, boolean][] = [
    [202, true],
    [200, true],
    // Already gone: what the caller wanted.
    [404, true],
    // The registry keeps manifests (405, or distribution's 400 UNSUPPORTED): the caller lives with that.
    [405, false],
    [400, false],
  ];
  for (const [status, deleted] of outcomes) {
    it(`answers ${deleted} on HTTP ${status}`, async () => {
      const network = registryAnswering(() => answer(status, '{"errors":[{"code":"UNSUPPORTED"}]}'));
      assert.equal(await createClient(network.http).deleteManifest('acme/app', DIGEST), deleted);
      assert.deepEqual(network.requests.at(-1), {
        method: 'DELETE',
        url: `${REPO_URL}/manifests/${DIGEST}`,
        headers: {},
      });
    });
  }

  it('fails when the registry refuses access', async () => {
    const network = registryAnswering(() => answer(403, '{"errors":[{"code":"DENIED"}]}'));
    await assert.rejects(
      createClient(network.http).deleteManifest('acme/app', DIGEST),
      failsWith('REGISTRY_AUTH', `DELETE manifest acme/app@${DIGEST}: HTTP 403 DENIED`),
    );
  });
});

describe('RegistryClient: token scopes', () => {
  it('asks for a pull token to read and a pull,push token to write or delete', async () => {
    const network = fakeNetwork((url, method) => {
      if (url.pathname === '/token')
        return answer(200, JSON.stringify({ token: `t-${url.searchParams.get('scope')}` }));
      if (url.pathname === '/v2/')
        return answer(401, '', {
          'www-authenticate': 'Bearer realm="https://registry.example/token",service="reg"',
        });
      return answer(method === 'PUT' ? 201 : 200, MANIFEST);
    });
    const client = createClient(network.http);
    await client.getManifest('acme/app', 'v1');
    await client.putManifest('acme/app', 'v1', MANIFEST, OCI_MANIFEST_TYPE);
    await client.deleteManifest('acme/app', DIGEST);
    const scopes = network.requests
      .filter((request) => request.url.startsWith('https://registry.example/token'))
      .map((request) => new URL(request.url).searchParams.get('scope'));
    assert.deepEqual(scopes, ['repository:acme/app:pull', 'repository:acme/app:pull,push']);
    assert.deepEqual(
      network.requests
        .filter((request) => request.url.includes('/manifests/'))
        .map((r) => [r.method, r.headers.authorization]),
      [
        ['GET', 'Bearer t-repository:acme/app:pull'],
        ['PUT', 'Bearer t-repository:acme/app:pull,push'],
        ['DELETE', 'Bearer t-repository:acme/app:pull,push'],
      ],
    );
  });
});
