import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proxyConfigured } from '../../../src/util/proxy-dispatcher.ts';

describe('proxyConfigured', () => {
  it('is true when either case of HTTPS_PROXY or HTTP_PROXY names a proxy', () => {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'])
      assert.equal(proxyConfigured({ [name]: 'http://proxy.internal:3128' }), true, name);
  });

  it('is false with no proxy, an empty one, or NO_PROXY alone (nothing to route around)', () => {
    assert.equal(proxyConfigured({}), false);
    assert.equal(proxyConfigured({ HTTPS_PROXY: '', http_proxy: '' }), false);
    assert.equal(proxyConfigured({ NO_PROXY: 'registry.internal', no_proxy: '*' }), false);
  });
});
