import { BlockList, isIP } from 'node:net';

/** Whether a token realm may receive the registry's credentials, and why not. */
export type RealmDecision =
  { readonly allowed: true; readonly url: URL } | { readonly allowed: false; readonly reason: string };

/**
 * Checks a bearer challenge's realm before any request (and so any credential) goes there. The rule is
 * go-containerregistry's `validateRealmURL` (pkg/v1/remote/transport/bearer.go), which crane and cosign v3 apply:
 * - https is always acceptable; plain http only when the registry itself is plain http;
 * - an IP-literal host that is loopback, private, link-local or unspecified is refused;
 * - the registry's own address is always acceptable (GHCR's realm is https://ghcr.io/token).
 * Where this differs, it is stricter:
 * - "own address" is the registry's origin (scheme, host and port), not its host:port under any scheme;
 *   a loopback or private address on any other port is another service, and is refused;
 * - the realm's domain (its last two labels) must be the registry's: Docker Hub's registry-1.docker.io
 *   sends auth.docker.io, GitLab's registry.gitlab.com sends gitlab.com; a realm elsewhere would collect
 *   credentials for another party;
 * - `localhost` names and IPv4-mapped IPv6 addresses count as what they name.
 * DNS names that resolve to private addresses are out of scope, as they are for go-containerregistry.
 */
export function checkRealm(realm: string, registryOrigin: string): RealmDecision {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return { allowed: false, reason: 'it is not a URL' };
  }
  const registry = new URL(registryOrigin);
  if (url.username || url.password) return { allowed: false, reason: 'it carries a user name or password' };
  if (url.origin === registry.origin) return { allowed: true, url };
  if (url.protocol === 'http:' && registry.protocol !== 'http:')
    return { allowed: false, reason: 'it is plain HTTP while the registry is served over HTTPS' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { allowed: false, reason: `its scheme ${url.protocol} is neither https nor http` };
  if (isInternalAddress(url.hostname))
    return {
      allowed: false,
      reason: "it is a loopback, private or link-local address that is not the registry's own origin",
    };
  if (toEffectiveDomain(url.hostname) !== toEffectiveDomain(registry.hostname))
    return {
      allowed: false,
      reason: `it is not in the registry's domain ${toEffectiveDomain(registry.hostname)}`,
    };
  return { allowed: true, url };
}

/** Addresses inside the machine or its network: loopback, RFC 1918 / ULA, link-local, unspecified. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 24],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff02::', 16],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

/**
 * A URL hostname (already normalised by the URL parser: `0x7f.1` reads as `127.0.0.1`, IPv6 in brackets)
 * that names an internal address. `localhost` names loopback by definition (RFC 6761), so it counts too.
 */
export function isInternalAddress(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const value = (parseInt(mapped[1] ?? '0', 16) << 16) | parseInt(mapped[2] ?? '0', 16);
    return INTERNAL.check([24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.'), 'ipv4');
  }
  const family = isIP(host);
  if (family === 4) return INTERNAL.check(host, 'ipv4');
  if (family === 6) return INTERNAL.check(host, 'ipv6');
  return false;
}

/** The last two labels of a DNS name (`registry-1.docker.io` → `docker.io`); an IP address stands for itself. */
function toEffectiveDomain(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || isIP(host) !== 0) return host;
  return host.split('.').slice(-2).join('.');
}
