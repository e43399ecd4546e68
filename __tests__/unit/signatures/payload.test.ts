import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toSimpleSigningPayload } from '../../../src/signatures/payload.ts';
import { parseImageRef } from '../../../src/subjects/reference.ts';

const DIGEST = 'sha256:02b79383add4aace013ed6b77e71432922c501348d2c04bbf993a4f310a8550f';
const IMAGE = { registry: '127.0.0.1:5000', repository: 'demo/app', digest: DIGEST } as const;

describe('toSimpleSigningPayload', () => {
  it('writes the bytes cosign writes, with optional null when there are no annotations', () => {
    assert.equal(
      toSimpleSigningPayload(IMAGE, {}).toString(),
      `{"critical":{"identity":{"docker-reference":"127.0.0.1:5000/demo/app"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":null}`,
    );
  });

  it('sorts annotations and escapes HTML characters as Go does', () => {
    const payload = toSimpleSigningPayload(IMAGE, { zeta: 'a<b', alpha: 'x&y' }).toString();
    assert.ok(payload.endsWith(`"optional":{"alpha":"x\\u0026y","zeta":"a\\u003cb"}}`), payload);
  });

  // Kept until settle() has checked the run's appends: a slice of Node's shared 64 KiB slab would keep
  // the whole slab alive, one per manifest of a large release.
  it('holds its bytes in memory of its own, not in a shared slab', () => {
    const payload = toSimpleSigningPayload(IMAGE, {});
    assert.equal(payload.buffer.byteLength, payload.length);
  });

  describe('when the image was named with a tag as well as its digest', () => {
    // containers/image compares docker-reference with the repository it pulls from (matchRepository):
    // a tag in it makes every policy that matches the repository refuse the signature.
    it('names the repository alone in docker-reference', () => {
      const tagged = parseImageRef(`127.0.0.1:5000/demo/app:v1.2.3@${DIGEST}`, 'test');
      const payload = JSON.parse(toSimpleSigningPayload(tagged, {}).toString()) as {
        critical: { identity: { 'docker-reference': string } };
      };
      assert.equal(payload.critical.identity['docker-reference'], '127.0.0.1:5000/demo/app');
    });
  });
});
