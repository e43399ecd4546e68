import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { listen, startFront, type Front, type TlsPair } from './front.ts';
import { registryFetch, type TestRegistry } from './registry.ts';

/** What reached a listener: enough to tell whether a credential was sent there. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
}

/** A listener on another loopback port (a CDN, a token realm, a storage front) that records what reaches it. */
export interface RecordingListener extends Front {
  readonly seen: readonly SeenRequest[];
}

/** What a hostile front does between the action and the registry. */
export type HostilePlan =
  /** GHCR and Docker Hub: blob GETs answered with 307 to a CDN on another host. */
  | { readonly kind: 'redirect-blob-reads'; readonly cdn: string }
  /** Every request answered 401 with a bearer challenge naming this realm. */
  | { readonly kind: 'challenge'; readonly realm: string }
  /** The first upload session's Location rewritten to another origin; single-POST uploads refused, so there is one. */
  | { readonly kind: 'foreign-upload-location'; readonly origin: string };

/** The TLS pair of an HTTPS test registry, so fronts and listeners of ours are trusted like it. */
export function tlsOf(registry: TestRegistry): TlsPair {
  if (!registry.caFile || !registry.keyFile) throw new Error('the registry does not serve HTTPS');
  return { cert: readFileSync(registry.caFile), key: readFileSync(registry.keyFile) };
}

export async function startRecordingListener(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
  tls?: TlsPair,
): Promise<RecordingListener> {
  const seen: SeenRequest[] = [];
  const front = await listen((req, res) => {
    const { authorization } = req.headers;
    seen.push({ method: req.method ?? '', url: req.url ?? '', ...(authorization ? { authorization } : {}) });
    answer(req, res);
  }, tls);
  return { ...front, seen };
}

/** Answers 401 with a bearer challenge, as a registry (or something posing as one) does. */
export function challenge(realm: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) =>
    void res
      .writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="${realm}",service="hostile"`,
      })
      .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
}

/** A CDN for `registry`'s blobs, on another port: `GET /cdn/<repository>/<digest>` serves the blob. */
export function startBlobCdn(registry: TestRegistry, tls?: TlsPair): Promise<RecordingListener> {
  return startRecordingListener((req, res) => {
    const match = /^\/cdn\/(.+)\/(sha256:[0-9a-f]{64})/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    registryFetch(registry, `/v2/${match[1]}/blobs/${match[2]}`)
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, { 'content-type': 'application/octet-stream' });
        res.end(req.method === 'HEAD' ? undefined : body);
      })
      .catch((err: unknown) => res.writeHead(502).end(String(err)));
  }, tls);
}

/** A front of ours on the registry's scheme that misbehaves as `plan` says; everything else passes through. */
export function startHostileFront(registry: TestRegistry, plan: HostilePlan): Promise<Front> {
  const tls = registry.caFile ? tlsOf(registry) : undefined;
  const base = { upstream: registry.url, ...(tls ? { tls, upstreamCa: tls.cert } : {}) };
  switch (plan.kind) {
    case 'redirect-blob-reads':
      return startFront({
        ...base,
        intercept(req, res) {
          const match = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(req.url ?? '');
          // Only an authorised read is redirected, as GHCR does: the 401 that asks for credentials comes first.
          if (req.method !== 'GET' || !match || !req.headers.authorization) return false;
          res.writeHead(307, { location: `${plan.cdn}/cdn/${match[1]}/${match[2]}?expires=1` }).end();
          return true;
        },
      });
    case 'challenge': {
      const refuse = challenge(plan.realm);
      return startFront({
        ...base,
        intercept: (req, res) => (refuse(req, res), true),
      });
    }
    case 'foreign-upload-location': {
      let rewritten = false;
      return startFront({
        ...base,
        intercept(req, res) {
          if (req.method !== 'POST' || !/\/blobs\/uploads\/\?digest=/.test(req.url ?? '')) return false;
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end('{"errors":[{"code":"UNSUPPORTED","message":"single POST upload not supported"}]}');
          return true;
        },
        rewrite(req, status, headers) {
          if (rewritten || req.method !== 'POST' || status !== 202 || !headers.location) return headers;
          rewritten = true;
          return {
            ...headers,
            location: `${plan.origin}/upload${new URL(headers.location, base.upstream).pathname}`,
          };
        },
      });
    }
  }
}
