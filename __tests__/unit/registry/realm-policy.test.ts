import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRealm, isInternalAddress } from '../../../src/registry/realm-policy.ts';

const INTERNAL = /loopback, private or link-local address that is not the registry's own origin/;

describe('checkRealm: where a registry may send us for a token', () => {
  const cases: [realm: string, registryOrigin: string, refusedBecause?: RegExp][] = [
    // The registries users meet.
    ['https://ghcr.io/token', 'https://ghcr.io'],
    ['https://auth.docker.io/token', 'https://registry-1.docker.io'],
    ['https://gitlab.com/jwt/auth', 'https://registry.gitlab.com'],
    // A fully qualified name (trailing dot) is the same host.
    ['https://auth.docker.io./token', 'https://registry-1.docker.io'],
    ['https://quay.io/v2/auth', 'https://quay.io'],
    ['https://acme.azurecr.io/oauth2/token', 'https://acme.azurecr.io'],
    // The registry's own origin is always fine, loopback and plain HTTP included.
    ['http://127.0.0.1:5000/token', 'http://127.0.0.1:5000'],
    ['https://127.0.0.1:5000/token', 'https://127.0.0.1:5000'],
    ['http://localhost:5000/token', 'http://localhost:5000'],
    // Scheme.
    ['http://auth.docker.io/token', 'https://registry-1.docker.io', /plain HTTP/],
    ['http://ghcr.io/token', 'https://ghcr.io', /plain HTTP/],
    ['http://auth.example.com/token', 'http://registry.example.com'],
    ['ftp://ghcr.io/token', 'https://ghcr.io', /neither https nor http/],
    ['file:///etc/passwd', 'https://ghcr.io', /neither https nor http/],
    // Internal addresses on any other port or host.
    ['https://127.0.0.1:5001/token', 'https://127.0.0.1:5000', INTERNAL],
    ['http://127.0.0.1:5001/token', 'http://127.0.0.1:5000', INTERNAL],
    ['https://127.0.0.1:5000/token', 'http://127.0.0.1:5000', INTERNAL],
    ['https://10.1.2.3/token', 'https://registry.example.com', INTERNAL],
    ['https://172.20.0.1/token', 'https://registry.example.com', INTERNAL],
    ['https://192.168.1.1/token', 'https://registry.example.com', INTERNAL],
    ['https://169.254.169.254/latest/meta-data', 'https://registry.example.com', INTERNAL],
    ['https://0.0.0.0/token', 'https://registry.example.com', INTERNAL],
    ['https://[::1]:5001/token', 'https://[::1]:5000', INTERNAL],
    ['https://[fd00:ec2::254]/token', 'https://registry.example.com', INTERNAL],
    ['https://[fe80::1]/token', 'https://registry.example.com', INTERNAL],
    ['https://[::ffff:127.0.0.1]/token', 'https://registry.example.com', INTERNAL],
    ['https://0x7f.1/token', 'https://registry.example.com', INTERNAL],
    ['https://localhost:5001/token', 'https://localhost:5000', INTERNAL],
    // Another party's domain.
    ['https://evil.example.net/token', 'https://ghcr.io', /domain ghcr\.io/],
    ['https://ghcr.io.evil.net/token', 'https://ghcr.io', /domain/],
    ['https://8.8.8.8/token', 'https://registry.example.com', /domain/],
    ['https://203.0.113.9:8443/token', 'https://203.0.113.9:5000'],
    // An IP address is its own domain: sharing the last two numbers is not sharing a domain.
    ['https://198.51.113.9/token', 'https://203.0.113.9:5000', /domain 203\.0\.113\.9/],
    // Shapes that are never right.
    ['https://user:pw@ghcr.io/token', 'https://ghcr.io', /user name or password/],
    ['https://token@ghcr.io/token', 'https://ghcr.io', /user name or password/],
    ['https://:pw@ghcr.io/token', 'https://ghcr.io', /user name or password/],
    ['not a url', 'https://ghcr.io', /not a URL/],
  ];
  for (const [realm, registryOrigin, refusedBecause] of cases) {
    it(`${refusedBecause ? 'refuses' : 'allows'} ${realm} for ${registryOrigin}`, () => {
      const decision = checkRealm(realm, registryOrigin);
      if (!refusedBecause) assert.deepEqual(decision.allowed, true, JSON.stringify(decision));
      else assert.match(decision.allowed ? 'allowed' : decision.reason, refusedBecause);
    });
  }
});

describe('isInternalAddress', () => {
  it('tells internal addresses from public ones and from names', () => {
    assert.deepEqual(
      ['127.0.0.53', '[::1]', '100.64.0.1', '8.8.8.8', '[2001:db8::1]', 'ghcr.io', 'app.localhost'].map(
        isInternalAddress,
      ),
      [true, true, false, false, false, false, true],
    );
  });

  it('reads ::ffff:a:b as an IPv4 address only when that is the whole address', () => {
    assert.deepEqual(
      ['[::ffff:7f00:1]', '[::ffff:a00:1]', '[1::ffff:7f00:1]', '[::ffff:7f00:1:0]'].map(isInternalAddress),
      [true, true, false, false],
    );
  });
});
