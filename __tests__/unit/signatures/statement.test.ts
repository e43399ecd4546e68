import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCosignSignStatement } from '../../../src/signatures/statement.ts';

const HEX = '02b79383add4aace013ed6b77e71432922c501348d2c04bbf993a4f310a8550f';

describe('toCosignSignStatement', () => {
  it("writes cosign v3's statement: the subject by digest alone, empty predicate", () => {
    assert.equal(
      toCosignSignStatement(`sha256:${HEX}`, {}).toString(),
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${HEX}"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
    );
  });

  // Kept until settle() has ranked the run's bundles: not as a slice that keeps a shared 64 KiB slab alive.
  it('holds its bytes in memory of its own, not in a shared slab', () => {
    const statement = toCosignSignStatement(`sha256:${HEX}`, {});
    assert.equal(statement.buffer.byteLength, statement.length);
  });

  it('puts signed annotations on the subject, sorted and escaped as Go does', () => {
    assert.equal(
      toCosignSignStatement(`sha256:${HEX}`, { zeta: 'a<b', alpha: 'x&y' }).toString(),
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${HEX}"},"annotations":{"alpha":"x\\u0026y","zeta":"a\\u003cb"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
    );
  });
});
