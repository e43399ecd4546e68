import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import type { HttpResponse } from '../../../src/registry/http.ts';
import { answer, createClient, fakeNetwork } from './fake-http.ts';

const SUBJECT = `sha256:${'a'.repeat(64)}` as const;
const OTHER_SUBJECT = `sha256:${'b'.repeat(64)}` as const;
const OCI_INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
const LISTING = Buffer.from(`{"schemaVersion":2,"mediaType":"${OCI_INDEX_TYPE}","manifests":[]}`);

/** A registry answering every referrers request with `respond`. */
function referrersAnswering(respond: () => HttpResponse) {
  return fakeNetwork((url) => (url.pathname === '/v2/' ? answer(200, '{}') : respond()));
}

const referrersRequests = (network: ReturnType<typeof fakeNetwork>) =>
  network.requests.filter((request) => request.url.includes('/referrers/'));

describe('RegistryClient.getReferrers', () => {
  it('asks the referrers API for an OCI index of the digest', async () => {
    const network = referrersAnswering(() => answer(200, LISTING, { 'content-type': OCI_INDEX_TYPE }));
    assert.deepEqual(await createClient(network.http).getReferrers('acme/app', SUBJECT), LISTING);
    assert.deepEqual(network.requests.at(-1), {
      method: 'GET',
      url: `https://registry.example/v2/acme/app/referrers/${SUBJECT}`,
      headers: { accept: OCI_INDEX_TYPE },
    });
  });

  it('takes an index whose Content-Type carries parameters', async () => {
    const network = referrersAnswering(() =>
      answer(200, LISTING, { 'content-type': `${OCI_INDEX_TYPE}; charset=utf-8` }),
    );
    assert.deepEqual(await createClient(network.http).getReferrers('acme/app', SUBJECT), LISTING);
  });

  it('answers undefined for a 200 that is not an OCI index (a proxy page, or no Content-Type)', async () => {
    for (const headers of [{ 'content-type': 'text/html' }, {}] as Record<string, string>[]) {
      const network = referrersAnswering(() => answer(200, '<html>', headers));
      assert.equal(await createClient(network.http).getReferrers('acme/app', SUBJECT), undefined);
    }
  });

  describe('when the router answers a plain 404 (the API does not exist, as on distribution 2.8)', () => {
    for (const headers of [{ 'content-type': 'text/plain; charset=utf-8' }, {}] as Record<string, string>[]) {
      it(`answers undefined and never asks again this run (${headers['content-type'] ?? 'no Content-Type'})`, async () => {
        const network = referrersAnswering(() => answer(404, '404 page not found\n', headers));
        const client = createClient(network.http);
        assert.equal(await client.getReferrers('acme/app', SUBJECT), undefined);
        assert.equal(await client.getReferrers('acme/other', OTHER_SUBJECT), undefined);
        assert.equal(referrersRequests(network).length, 1);
      });
    }
  });

  it('takes a 404 as no listing, whatever its Content-Type says', async () => {
    const network = referrersAnswering(() => answer(404, LISTING, { 'content-type': OCI_INDEX_TYPE }));
    assert.equal(await createClient(network.http).getReferrers('acme/app', SUBJECT), undefined);
  });

  it('asks again after a JSON 404, which only speaks of one repository (NAME_UNKNOWN)', async () => {
    const network = referrersAnswering(() =>
      answer(404, '{"errors":[{"code":"NAME_UNKNOWN"}]}', { 'content-type': 'application/json' }),
    );
    const client = createClient(network.http);
    assert.equal(await client.getReferrers('acme/app', SUBJECT), undefined);
    assert.equal(await client.getReferrers('acme/other', OTHER_SUBJECT), undefined);
    assert.equal(referrersRequests(network).length, 2);
  });

  it('asks again after another status that is no failure of access or of the registry (400)', async () => {
    const network = referrersAnswering(() => answer(400, 'bad request'));
    const client = createClient(network.http);
    assert.equal(await client.getReferrers('acme/app', SUBJECT), undefined);
    assert.equal(await client.getReferrers('acme/app', SUBJECT), undefined);
    assert.equal(referrersRequests(network).length, 2);
  });

  const failures: [number, string][] = [
    [401, 'REGISTRY_AUTH'],
    [403, 'REGISTRY_AUTH'],
    [500, 'REGISTRY_UNAVAILABLE'],
    [501, 'REGISTRY_UNAVAILABLE'],
  ];
  for (const [status, code] of failures) {
    it(`fails on HTTP ${status} rather than take the registry for one without the API`, async () => {
      const network = referrersAnswering(() => answer(status, '{"errors":[{"code":"DENIED"}]}'));
      await assert.rejects(createClient(network.http).getReferrers('acme/app', SUBJECT), (err: unknown) => {
        assert.ok(err instanceof SignerError, String(err));
        assert.equal(err.code, code);
        assert.ok(err.message.includes(`GET referrers acme/app@${SUBJECT}: HTTP ${status}`), err.message);
        return true;
      });
    });
  }

  it('refuses a listing over the manifest size cap', async () => {
    const huge = Buffer.alloc(4 * 1024 * 1024 + 1, ' ');
    const network = referrersAnswering(() => answer(200, huge, { 'content-type': OCI_INDEX_TYPE }));
    await assert.rejects(createClient(network.http).getReferrers('acme/app', SUBJECT), {
      code: 'REGISTRY_PROTOCOL',
    });
  });
});
