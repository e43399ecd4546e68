import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { MAX_SMALL_BLOB_BYTES, OCI_MANIFEST } from '../../../src/registry/media-types.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { answer, createClient, fakeNetwork } from './fake-http.ts';

/** Two well-formed manifests: a registry (or proxy) that swaps one for the other passes any JSON parse. */
const ASKED = Buffer.from(`{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","layers":[]}`);
const SERVED = Buffer.from(
  `{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","layers":[],"annotations":{"swapped":"yes"}}`,
);

/** A registry that answers every manifest and blob read with `body`, whatever digest was asked for. */
function servingEverywhere(body: Buffer) {
  return fakeNetwork((url) => {
    if (url.pathname === '/v2/') return answer(200, '{}');
    return answer(200, body, { 'content-type': OCI_MANIFEST });
  });
}

const protocolErrorNaming =
  (...mentions: string[]) =>
  (err: unknown) => {
    assert.ok(err instanceof SignerError, String(err));
    assert.equal(err.code, 'REGISTRY_PROTOCOL');
    for (const mention of mentions) assert.ok(err.message.includes(mention), err.message);
    return true;
  };

describe('RegistryClient: content read by digest is the content of that digest', () => {
  describe('when a manifest read by digest comes back as other, valid bytes', () => {
    it('refuses it with REGISTRY_PROTOCOL naming both digests', async () => {
      const asked = sha256Digest(ASKED);
      await assert.rejects(
        createClient(servingEverywhere(SERVED).http).getManifest('acme/app', asked),
        protocolErrorNaming(`acme/app@${asked}`, sha256Digest(SERVED)),
      );
    });

    it('accepts the bytes that match the digest', async () => {
      const fetched = await createClient(servingEverywhere(ASKED).http).getManifest(
        'acme/app',
        sha256Digest(ASKED),
      );
      assert.equal(fetched?.digest, sha256Digest(ASKED));
    });
  });

  describe('when a blob comes back as other, valid bytes', () => {
    it('refuses it with REGISTRY_PROTOCOL naming the blob', async () => {
      const asked = sha256Digest(ASKED);
      await assert.rejects(
        createClient(servingEverywhere(SERVED).http).getBlob('acme/app', asked, MAX_SMALL_BLOB_BYTES),
        protocolErrorNaming(`acme/app@${asked}`),
      );
    });

    it('accepts the bytes that match the digest', async () => {
      const blob = await createClient(servingEverywhere(ASKED).http).getBlob(
        'acme/app',
        sha256Digest(ASKED),
        MAX_SMALL_BLOB_BYTES,
      );
      assert.deepEqual(blob, ASKED);
    });
  });
});
