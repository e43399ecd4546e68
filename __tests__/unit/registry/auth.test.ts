import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenge } from '../../../src/registry/auth.ts';

describe('parseChallenge', () => {
  it('reads a bearer challenge with quoted parameters', () => {
    assert.deepEqual(
      parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"'),
      {
        scheme: 'bearer',
        params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:a/b:pull' },
      },
    );
  });

  it('reads a basic challenge', () => {
    assert.deepEqual(parseChallenge('Basic realm="test-realm"'), {
      scheme: 'basic',
      params: { realm: 'test-realm' },
    });
  });

  it('ignores schemes it cannot answer', () => {
    assert.equal(parseChallenge('Negotiate abc'), undefined);
    assert.equal(parseChallenge(null), undefined);
  });
});
