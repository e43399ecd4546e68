import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { OCI_MANIFEST } from '../../../src/registry/media-types.ts';
import { RetryBudget } from '../../../src/registry/retry.ts';
import { answer, BASIC, createClient, failsWith, fakeNetwork, immediateRetries } from './fake-http.ts';

const MANIFEST = Buffer.from(`{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","layers":[]}`);
const TOKEN_REALM = 'https://registry.example/token';
const UNAVAILABLE = '{"errors":[{"code":"UNAVAILABLE","message":"try later"}]}';
const SIG_TAG = `sha256-${'a'.repeat(64)}.sig`;

/**
 * A registry that wants `authorization` on every repository request, and answers the first authorised
 * one with 503, as a registry restarting behind its load balancer does.
 */
function flakyAuthenticatedRegistry(challenge: string, authorization: string) {
  let unavailableOnce = true;
  return fakeNetwork((url, _method, sent) => {
    if (url.href.startsWith(TOKEN_REALM)) return answer(200, '{"token":"scoped-token"}');
    if (url.pathname === '/v2/' || sent !== authorization)
      return answer(401, '', { 'www-authenticate': challenge });
    if (unavailableOnce) {
      unavailableOnce = false;
      return answer(503, UNAVAILABLE);
    }
    return answer(200, MANIFEST, { 'content-type': OCI_MANIFEST });
  });
}

/** A registry whose repository requests all meet `status`; its tag list names SIG_TAG. */
function failingRegistry(status: number, headers: Record<string, string> = {}) {
  return fakeNetwork((url) => {
    if (url.pathname === '/v2/') return answer(200, '{}');
    if (url.pathname.endsWith('/tags/list'))
      return answer(200, JSON.stringify({ name: 'acme/app', tags: [SIG_TAG] }));
    return answer(status, UNAVAILABLE, headers);
  });
}

/**
 * Settles on the next turn of the event loop. The fake network answers without timers, so a request that
 * does not wait has settled by then; one waiting on a (faked) Retry-After timer has not.
 */
const stillWaiting = (): Promise<string> =>
  new Promise((resolveLater) => setImmediate(() => resolveLater('still waiting')));

describe('RegistryClient retries', () => {
  describe('when an authorised request meets a 503 and is retried', () => {
    const schemes: [string, string, string][] = [
      ['basic', 'Basic realm="registry"', BASIC],
      ['bearer', `Bearer realm="${TOKEN_REALM}",service="registry"`, 'Bearer scoped-token'],
    ];
    for (const [scheme, challenge, authorization] of schemes) {
      it(`sends the ${scheme} Authorization again with the retry`, async () => {
        const network = flakyAuthenticatedRegistry(challenge, authorization);
        const fetched = await createClient(network.http, immediateRetries()).getManifest('acme/app', 'v1');
        assert.deepEqual(fetched?.bytes, MANIFEST);
        const manifestRequests = network.sent.filter((sent) => sent.url.includes('/manifests/'));
        assert.ok(manifestRequests.length >= 2, 'the 503 was retried');
        assert.deepEqual(
          manifestRequests.map((sent) => sent.authorization),
          manifestRequests.map(() => authorization),
        );
      });
    }
  });

  describe('when a 5xx outlives every retry', () => {
    // "No manifest" would let a publisher rebuild the .sig list or the referrers index without what is there.
    for (const status of [500, 502, 503, 504]) {
      it(`reports HTTP ${status} as REGISTRY_UNAVAILABLE, never as an absent manifest`, async () => {
        const network = failingRegistry(status);
        await assert.rejects(
          createClient(network.http, immediateRetries()).getManifest('acme/app', SIG_TAG),
          failsWith('REGISTRY_UNAVAILABLE', `HTTP ${status}`, "'retry-budget-seconds'"),
        );
        assert.ok(network.sent.filter((sent) => sent.url.includes('/manifests/')).length > 1);
      });
    }

    it('names no retry setting for a 501, which retrying cannot change', async () => {
      const network = failingRegistry(501);
      await assert.rejects(
        createClient(network.http, immediateRetries()).getManifest('acme/app', SIG_TAG),
        (err: unknown) =>
          failsWith('REGISTRY_UNAVAILABLE', 'HTTP 501')(err) &&
          !(err as Error).message.includes('retry-budget-seconds'),
      );
      assert.equal(network.sent.filter((sent) => sent.url.includes('/manifests/')).length, 1);
    });

    it('reports it from findTagged too, when the listing names the tag', async () => {
      const network = failingRegistry(503);
      await assert.rejects(
        createClient(network.http, immediateRetries()).findTagged('acme/app', SIG_TAG),
        failsWith('REGISTRY_UNAVAILABLE'),
      );
    });
  });

  describe('when Retry-After asks for more than the budget left', () => {
    // The budget's setTimeout is faked: a wait the budget should have refused never ends, and fails the test.
    afterEach(() => mock.timers.reset());

    it('RetryBudget declines at once, without waiting or announcing a retry', async () => {
      mock.timers.enable({ apis: ['setTimeout'] });
      const announced: string[] = [];
      const budget = new RetryBudget({
        budgetMs: 2_000,
        requestTimeoutMs: 1_000,
        onRetry: (message) => announced.push(message),
      });
      const decided = await Promise.race([
        budget.wait(1, 'GET manifest', 'HTTP 503', '3600'),
        stillWaiting(),
      ]);
      assert.equal(decided, false);
      assert.deepEqual(announced, []);
    });

    it('fails the request once, naming the wait asked for and the setting', async () => {
      mock.timers.enable({ apis: ['setTimeout'] });
      const network = failingRegistry(503, { 'retry-after': '3600' });
      const request = createClient(network.http, immediateRetries(2_000)).getManifest('acme/app', 'v1');
      await assert.rejects(
        Promise.race([request, stillWaiting()]),
        failsWith('REGISTRY_UNAVAILABLE', '3600 s', "'retry-budget-seconds'"),
      );
      assert.equal(network.sent.filter((sent) => sent.url.includes('/manifests/')).length, 1);
    });

    it('still honours a Retry-After the budget can pay', async () => {
      let unavailableOnce = true;
      const network = fakeNetwork((url) => {
        if (url.pathname === '/v2/') return answer(200, '{}');
        if (!unavailableOnce) return answer(200, MANIFEST, { 'content-type': OCI_MANIFEST });
        unavailableOnce = false;
        return answer(503, UNAVAILABLE, { 'retry-after': '0' });
      });
      assert.ok(await createClient(network.http, immediateRetries(2_000)).getManifest('acme/app', 'v1'));
    });
  });
});
