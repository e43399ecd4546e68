import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { RegistryAccess } from '../../../src/registry/access.ts';
import { RegistryAccessBoundary } from '../../../src/registry/access-boundary.ts';
import { RegistryClient } from '../../../src/registry/client.ts';
import type { HttpResponse, HttpSend } from '../../../src/registry/http.ts';
import { RetryBudget } from '../../../src/registry/retry.ts';
import { FRESH_READ_MS } from '../../../src/registry/settle.ts';

const MANIFEST = Buffer.from(
  JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] }),
);

function answer(status: number, body: Buffer | string, headers: Record<string, string> = {}): HttpResponse {
  const bytes = Buffer.from(body);
  return {
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: async () => bytes.toString('utf8'),
    json: async () => JSON.parse(bytes.toString('utf8')) as unknown,
    bytes: async () => bytes,
    discard: async () => undefined,
  };
}

/** A registry with one repository holding `tags`; records every path asked for. */
function fakeRegistry(tags: string[]): { http: HttpSend; paths: string[] } {
  const paths: string[] = [];
  const http: HttpSend = async (url) => {
    paths.push(`${url.pathname}${url.search}`);
    if (url.pathname === '/v2/') return answer(200, '{}');
    if (url.pathname === '/v2/acme/app/tags/list')
      return answer(200, JSON.stringify({ name: 'acme/app', tags }));
    const tag = url.pathname.replace('/v2/acme/app/manifests/', '');
    if (tags.includes(tag))
      return answer(200, MANIFEST, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    return answer(404, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
  };
  return { http, paths };
}

function client(http: HttpSend): RegistryAccess {
  // As the pool hands it out: failures reach callers as SignerErrors.
  return new RegistryAccessBoundary(
    new RegistryClient({
      registry: 'registry.example',
      allowHttp: false,
      allowInsecure: false,
      credential: async () => undefined,
      missingCredentialHint: '',
      maskSecret: () => undefined,
      retry: new RetryBudget({ budgetMs: 0, requestTimeoutMs: 1_000, onRetry: () => undefined }),
      http,
    }),
  );
}

describe('findTagged: first reads of signature tags answered from a tag listing', () => {
  beforeEach(() => mock.timers.enable({ apis: ['Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('answers absent tags from one listing and reads present ones', async () => {
    const registry = fakeRegistry(['v1', 'sha256-aaaa.sig']);
    const subject = client(registry.http);
    assert.equal(await subject.findTagged('acme/app', 'sha256-bbbb.sig'), undefined);
    assert.equal(await subject.findTagged('acme/app', 'sha256-bbbb'), undefined);
    assert.ok(await subject.findTagged('acme/app', 'sha256-aaaa.sig'));
    assert.deepEqual(registry.paths, [
      '/v2/',
      '/v2/acme/app/tags/list?n=1000',
      '/v2/acme/app/manifests/sha256-aaaa.sig',
    ]);
  });

  it('lists again once the listing is older than the freshness bound', async () => {
    const registry = fakeRegistry([]);
    const subject = client(registry.http);
    await subject.findTagged('acme/app', 'sha256-aaaa.sig');
    mock.timers.tick(FRESH_READ_MS);
    await subject.findTagged('acme/app', 'sha256-bbbb.sig');
    mock.timers.tick(1);
    await subject.findTagged('acme/app', 'sha256-cccc.sig');
    assert.equal(registry.paths.filter((path) => path.includes('/tags/list')).length, 2);
  });

  it('reads tags one by one when the registry refuses to list them', async () => {
    const paths: string[] = [];
    const refusing: HttpSend = async (url) => {
      paths.push(url.pathname);
      if (url.pathname.endsWith('/tags/list')) return answer(403, '{"errors":[{"code":"DENIED"}]}');
      return url.pathname === '/v2/' ? answer(200, '{}') : answer(404, '{}');
    };
    const subject = client(refusing);
    assert.equal(await subject.findTagged('acme/app', 'sha256-aaaa.sig'), undefined);
    assert.deepEqual(paths.slice(-1), ['/v2/acme/app/manifests/sha256-aaaa.sig']);
  });
});
