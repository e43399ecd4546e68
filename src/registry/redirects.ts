import { SignerError } from '../errors.ts';
import { toDisplayUrl } from '../util/redact.ts';
import type { HttpResponse } from './http.ts';

/** Hops a read follows: a CDN needs one; a longer chain is a loop or a trap, and ends in a clear error. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Where a registry sends us next, or why we do not go. */
export type LocationDecision = { readonly url: URL } | { readonly refused: string };

/**
 * Checks a Location a registry hands out (a redirect, an upload session) before anything goes there. It
 * resolves against the URL that answered. A hop from HTTPS to plain HTTP is refused rather than followed
 * without credentials: what travels in clear text can be read and changed on the way, and a manifest read
 * by tag has no digest to catch the change.
 */
export function checkLocation(from: URL, location: string | null): LocationDecision {
  if (!location) return { refused: 'there is no Location' };
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return { refused: 'the Location is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { refused: `it is a ${url.protocol} URL, neither https nor http` };
  if (from.protocol === 'https:' && url.protocol === 'http:')
    return { refused: `it steps down from HTTPS to plain HTTP (${toDisplayUrl(url)})` };
  return { url };
}

/** A read's final answer and the URL that gave it, which may be on another origin after redirects. */
export interface Answer {
  readonly response: HttpResponse;
  readonly url: URL;
}

/**
 * Sends a request; a GET or HEAD follows redirects (GHCR and Docker Hub answer blob GETs with 307 to a CDN
 * on another host). `send` decides per hop what goes with it: credentials only to the registry's origin.
 * Other methods are never followed: a write carries a body and credentials meant for the registry alone.
 */
export async function sendFollowing(
  request: {
    readonly method: string;
    readonly url: URL;
    readonly registry: string;
    readonly operation: string;
  },
  send: (url: URL) => Promise<HttpResponse>,
): Promise<Answer> {
  let url = request.url;
  let response = await send(url);
  if (request.method !== 'GET' && request.method !== 'HEAD') return { response, url };
  for (let hops = 1; REDIRECT_STATUSES.has(response.status); hops++) {
    const status = response.status;
    const next = checkLocation(url, response.headers.get('location'));
    await response.discard();
    if ('refused' in next) throw notFollowed(request, status, next.refused);
    if (hops > MAX_REDIRECTS)
      throw notFollowed(request, status, `that was hop ${hops}, more than the ${MAX_REDIRECTS} followed`);
    url = next.url;
    response = await send(url);
  }
  return { response, url };
}

function notFollowed(
  request: { readonly registry: string; readonly operation: string },
  status: number,
  reason: string,
): SignerError {
  return new SignerError(
    'REGISTRY_PROTOCOL',
    `Registry ${request.registry}: ${request.operation} was redirected (HTTP ${status}) and not followed: ${reason}. If the registry or a proxy in front of it is yours, have it redirect reads to an https URL, once.`,
  );
}
