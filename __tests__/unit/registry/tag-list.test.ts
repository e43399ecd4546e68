import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import type { HttpResponse } from '../../../src/registry/http.ts';
import { RetryBudget } from '../../../src/registry/retry.ts';
import { listTags } from '../../../src/registry/tag-list.ts';
import { RegistryTransport } from '../../../src/registry/transport.ts';
import { answer, fakeNetwork } from './fake-http.ts';

/** A registry whose tag listing for acme/app answers page by page: `pages[path]` for `/tags/list…`. */
function listingRegistry(pages: Record<string, () => HttpResponse>) {
  return fakeNetwork((url) => {
    if (url.pathname === '/v2/') return answer(200, '{}');
    const page = pages[`${url.pathname}${url.search}`];
    return page ? page() : answer(500, 'no such page in this test');
  });
}

function transport(network: ReturnType<typeof fakeNetwork>): RegistryTransport {
  return new RegistryTransport({
    registry: 'registry.example',
    allowHttp: false,
    allowInsecure: false,
    credential: async () => undefined,
    maskSecret: () => undefined,
    missingCredentialHint: '',
    retry: new RetryBudget({ budgetMs: 0, requestTimeoutMs: 1_000, onRetry: () => undefined }),
    http: network.http,
  });
}

const FIRST = '/v2/acme/app/tags/list?n=1000';
const tagsPage =
  (tags: unknown, headers: Record<string, string> = {}) =>
  () =>
    answer(200, JSON.stringify({ name: 'acme/app', tags }), headers);
const listedPaths = (network: ReturnType<typeof fakeNetwork>) =>
  network.requests
    .filter((request) => request.url.includes('/tags/'))
    .map((request) => new URL(request.url).pathname + new URL(request.url).search);
const sorted = (tags: ReadonlySet<string> | undefined) => (tags ? [...tags].sort() : tags);

describe('listTags', () => {
  it('lists a repository in one page of up to 1000 tags', async () => {
    const network = listingRegistry({ [FIRST]: tagsPage(['v1', 'sha256-aaaa.sig']) });
    assert.deepEqual(sorted(await listTags(transport(network), 'acme/app')), ['sha256-aaaa.sig', 'v1']);
    assert.deepEqual(listedPaths(network), [FIRST]);
  });

  it('lists with GET and a pull token', async () => {
    const network = fakeNetwork((url) => {
      if (url.pathname === '/token')
        return answer(200, JSON.stringify({ token: url.searchParams.get('scope') ?? '' }));
      if (url.pathname === '/v2/')
        return answer(401, '', { 'www-authenticate': 'Bearer realm="https://registry.example/token"' });
      return tagsPage(['v1'])();
    });
    await listTags(transport(network), 'acme/app');
    assert.deepEqual(
      network.requests
        .filter((request) => request.url.includes('/tags/'))
        .map((request) => [request.method, request.headers.authorization]),
      [['GET', 'Bearer repository:acme/app:pull']],
    );
  });

  it('refuses a page over the manifest size cap, naming the listing', async () => {
    const network = listingRegistry({ [FIRST]: () => answer(200, Buffer.alloc(4 * 1024 * 1024 + 1, ' ')) });
    await assert.rejects(listTags(transport(network), 'acme/app'), (err: unknown) => {
      assert.ok(err instanceof SignerError && err.code === 'REGISTRY_PROTOCOL', String(err));
      assert.ok(err.message.includes('GET tags acme/app is more than'), err.message);
      return true;
    });
  });

  for (const [name, tags] of [
    ['null', null],
    ['absent', undefined],
  ] as const) {
    it(`reads tags: ${name} as no tags`, async () => {
      const network = listingRegistry({ [FIRST]: tagsPage(tags) });
      assert.deepEqual(sorted(await listTags(transport(network), 'acme/app')), []);
    });
  }

  it('takes a repository not made yet (404 on the first page) as one without tags', async () => {
    const network = listingRegistry({ [FIRST]: () => answer(404, '{"errors":[{"code":"NAME_UNKNOWN"}]}') });
    assert.deepEqual(sorted(await listTags(transport(network), 'acme/app')), []);
  });

  const unusable: [string, () => HttpResponse][] = [
    ['the registry refuses to list (403)', () => answer(403, '{"errors":[{"code":"DENIED"}]}')],
    ['the registry fails (500)', () => answer(500, '{"errors":[]}')],
    ['the answer is not JSON', () => answer(200, '<html>')],
    ['tags is not a list', tagsPage('v1')],
    ['a tag is not a string', tagsPage(['v1', 2])],
  ];
  for (const [name, page] of unusable) {
    it(`gives up, without failing, when ${name}`, async () => {
      const network = listingRegistry({ [FIRST]: page });
      assert.equal(await listTags(transport(network), 'acme/app'), undefined);
    });
  }

  describe('when the listing has more pages', () => {
    it('follows the Link header (rel="next")', async () => {
      const next = '/v2/acme/app/tags/list?last=v1&n=1000';
      const network = listingRegistry({
        [FIRST]: tagsPage(['v1'], { link: `<${next}>; rel="next"` }),
        [next]: tagsPage(['v2']),
      });
      assert.deepEqual(sorted(await listTags(transport(network), 'acme/app')), ['v1', 'v2']);
      assert.deepEqual(listedPaths(network), [FIRST, next]);
    });

    it('follows an unquoted rel=next with an absolute URL, on the registry', async () => {
      const next = '/v2/acme/app/tags/list?n=1000&last=v1';
      const network = listingRegistry({
        [FIRST]: tagsPage(['v1'], { link: `<https://registry.example${next}>;rel=next` }),
        [next]: tagsPage(['v2']),
      });
      assert.deepEqual(sorted(await listTags(transport(network), 'acme/app')), ['v1', 'v2']);
      assert.deepEqual(network.requests.at(-1)?.url, `https://registry.example${next}`);
    });

    it('follows a Link with spaces around its parameters', async () => {
      const next = '/v2/acme/app/tags/list?last=v1&n=1000';
      const network = listingRegistry({
        [FIRST]: tagsPage(['v1'], { link: `<${next}> ; rel="next"` }),
        [next]: tagsPage(['v2']),
      });
      assert.deepEqual(sorted(await listTags(transport(network), 'acme/app')), ['v1', 'v2']);
    });

    it('does not follow a Link into another repository', async () => {
      const network = listingRegistry({
        [FIRST]: tagsPage(['v1'], { link: '</v2/acme/other/tags/list?last=v1>; rel="next"' }),
      });
      assert.deepEqual(sorted(await listTags(transport(network), 'acme/app')), ['v1']);
      assert.deepEqual(listedPaths(network), [FIRST]);
    });

    it('does not follow a Link that is not rel="next"', async () => {
      const network = listingRegistry({
        [FIRST]: tagsPage(['v1'], { link: '</v2/acme/app/tags/list?last=a>; rel="prev"' }),
      });
      assert.deepEqual(sorted(await listTags(transport(network), 'acme/app')), ['v1']);
    });

    it('asks for the page after the last tag when a full page comes without a Link', async () => {
      const full = Array.from({ length: 1000 }, (_, n) => `t${String(n).padStart(4, '0')}`);
      full[999] = 'v1+build/x';
      const next = `/v2/acme/app/tags/list?n=1000&last=${encodeURIComponent('v1+build/x')}`;
      const network = listingRegistry({ [FIRST]: tagsPage(full), [next]: tagsPage(['zz']) });
      const tags = await listTags(transport(network), 'acme/app');
      assert.equal(tags?.size, 1001);
      assert.deepEqual(listedPaths(network), [FIRST, next]);
    });

    it('takes a page of fewer than 1000 tags without a Link as the last', async () => {
      const network = listingRegistry({ [FIRST]: tagsPage(Array.from({ length: 999 }, (_, n) => `t${n}`)) });
      assert.equal((await listTags(transport(network), 'acme/app'))?.size, 999);
      assert.deepEqual(listedPaths(network), [FIRST]);
    });

    it('gives up when a later page is missing (404)', async () => {
      const next = '/v2/acme/app/tags/list?last=v1&n=1000';
      const network = listingRegistry({
        [FIRST]: tagsPage(['v1'], { link: `<${next}>; rel="next"` }),
        [next]: () => answer(404, '{"errors":[]}'),
      });
      assert.equal(await listTags(transport(network), 'acme/app'), undefined);
    });

    it('reads ten pages, and gives up on a listing longer than that', async () => {
      const pageOf = (n: number, more: boolean) =>
        tagsPage([`t${n}`], more ? { link: `</v2/acme/app/tags/list?page=${n + 1}>; rel="next"` } : {});
      const pages = (count: number) =>
        Object.fromEntries(
          Array.from({ length: count }, (_, n) => [
            n === 0 ? FIRST : `/v2/acme/app/tags/list?page=${n}`,
            pageOf(n, true),
          ]),
        );
      const endless = listingRegistry(pages(11));
      assert.equal(await listTags(transport(endless), 'acme/app'), undefined);
      assert.equal(listedPaths(endless).length, 10);

      const tenPages = listingRegistry({ ...pages(9), '/v2/acme/app/tags/list?page=9': pageOf(9, false) });
      assert.equal((await listTags(transport(tenPages), 'acme/app'))?.size, 10);
    });
  });
});
