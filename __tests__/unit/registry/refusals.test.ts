import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBlobRace, type RegistryAccess } from '../../../src/registry/access.ts';
import { RegistryAccessBoundary } from '../../../src/registry/access-boundary.ts';
import { RegistryClient } from '../../../src/registry/client.ts';
import type { HttpSend } from '../../../src/registry/http.ts';
import { RetryBudget } from '../../../src/registry/retry.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { answer, createClient, failsWith, fakeNetwork, REGISTRY } from './fake-http.ts';

const BLOB = sha256Digest(Buffer.from('blob'));
const NO_CREDENTIAL_HINT = 'No credential was found for registry.example: set registry-password.';

/** A registry that lets anyone in at /v2/ and answers every other request with `status`. */
const answering = (status: number) =>
  fakeNetwork((url) => (url.pathname === '/v2/' ? answer(200, '{}') : answer(status, '{"errors":[]}'))).http;

function clientWithoutCredential(http: HttpSend): RegistryAccess {
  // As the pool hands it out: failures reach callers as SignerErrors.
  return new RegistryAccessBoundary(
    new RegistryClient({
      registry: REGISTRY,
      allowHttp: false,
      allowInsecure: false,
      credential: async () => undefined,
      maskSecret: () => undefined,
      missingCredentialHint: NO_CREDENTIAL_HINT,
      retry: new RetryBudget({ budgetMs: 0, requestTimeoutMs: 1_000, onRetry: () => undefined }),
      http,
    }),
  );
}

describe('RegistryClient: what the user is told when the registry refuses a request', () => {
  for (const status of [401, 403]) {
    it(`HTTP ${status} with a credential sent: REGISTRY_AUTH, naming the inputs to check`, async () => {
      await assert.rejects(
        createClient(answering(status)).getBlob('acme/app', BLOB, 1_000),
        failsWith(
          'REGISTRY_AUTH',
          `Registry ${REGISTRY} refused access`,
          "'registry-password'",
          'write:packages',
        ),
      );
    });

    it(`HTTP ${status} with no credential at all: REGISTRY_AUTH with the hint to provide one`, async () => {
      await assert.rejects(
        clientWithoutCredential(answering(status)).getBlob('acme/app', BLOB, 1_000),
        (err: unknown) =>
          failsWith('REGISTRY_AUTH', NO_CREDENTIAL_HINT)(err) &&
          !(err as Error).message.includes('write:packages'),
      );
    });
  }

  it('HTTP 404: MANIFEST_NOT_FOUND', async () => {
    await assert.rejects(
      createClient(answering(404)).getBlob('acme/app', BLOB, 1_000),
      failsWith('MANIFEST_NOT_FOUND', `Registry ${REGISTRY}:`),
    );
  });

  it('HTTP 400: REGISTRY_PROTOCOL, the request was rejected (no retry setting can help)', async () => {
    await assert.rejects(
      createClient(answering(400)).getBlob('acme/app', BLOB, 1_000),
      (err: unknown) =>
        failsWith('REGISTRY_PROTOCOL', `Registry ${REGISTRY} rejected a request: `)(err) &&
        !(err as Error).message.includes('retry-budget-seconds'),
    );
  });

  for (const code of ['MANIFEST_BLOB_UNKNOWN', 'BLOB_UNKNOWN', 'DIGEST_INVALID']) {
    it(`a manifest refused with 400 ${code}: PUBLISH_CONFLICT, which publishers take for another round`, async () => {
      const refusing = fakeNetwork((url) =>
        url.pathname === '/v2/' ? answer(200, '{}') : answer(400, JSON.stringify({ errors: [{ code }] })),
      ).http;
      const err = await createClient(refusing)
        .putManifest(
          'acme/app',
          'sha256-abc.sig',
          Buffer.from('{}'),
          'application/vnd.oci.image.manifest.v1+json',
        )
        .catch((caught: unknown) => caught);
      assert.ok(failsWith('PUBLISH_CONFLICT', `Registry ${REGISTRY}`, 'another signer')(err));
      assert.equal(isBlobRace(err), true);
    });
  }

  it('a manifest refused with 400 MANIFEST_INVALID is no race: REGISTRY_PROTOCOL', async () => {
    const refusing = fakeNetwork((url) =>
      url.pathname === '/v2/'
        ? answer(200, '{}')
        : answer(400, JSON.stringify({ errors: [{ code: 'MANIFEST_INVALID' }] })),
    ).http;
    const err = await createClient(refusing)
      .putManifest(
        'acme/app',
        'sha256-abc.sig',
        Buffer.from('{}'),
        'application/vnd.oci.image.manifest.v1+json',
      )
      .catch((caught: unknown) => caught);
    assert.ok(failsWith('REGISTRY_PROTOCOL', 'MANIFEST_INVALID')(err));
    assert.equal(isBlobRace(err), false);
  });
});
