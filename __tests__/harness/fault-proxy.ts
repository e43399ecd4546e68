import { createServer } from 'node:http';
import { readBody } from './request-body.ts';

/** What the proxy does to traffic between the action and a registry. */
export interface FaultPlan {
  /** Flip the last byte of every blob body served (a storage backend that corrupts what it keeps). */
  readonly corruptBlobReads?: boolean;
  /** Share of requests that meet a fault: dropped, delayed, reset after the registry acted, 429 or 503. */
  readonly faultRate?: number;
  /** Refuse a blob carried in the upload's POST (`?digest=`), as registries without single-POST uploads may. */
  readonly refuseSinglePostUploads?: boolean;
  /** Hold every request this long before passing it on (a slow service). */
  readonly delayMs?: number;
  /** Seed for the fault choices, so a failing run can be replayed. */
  readonly seed?: number;
}

export interface FaultProxy {
  /** `127.0.0.1:<port>`: use it as the registry host in image references. */
  readonly host: string;
  readonly requests: string[];
  /** When the first request arrived (Date.now()), if one has. */
  readonly firstRequestAt: number | undefined;
  /** Faults injected, by kind. */
  readonly faults: Map<string, number>;
  stop(): Promise<void>;
}

/** mulberry32: a small seeded generator, so fault sequences repeat. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);
const FAULTS = ['drop-before', 'reset-after', 'delay', 'too-many-requests', 'unavailable'] as const;

/** An HTTP proxy in front of a plain-HTTP test registry, doing to the traffic what the plan says. */
export async function startFaultProxy(upstream: string, plan: FaultPlan): Promise<FaultProxy> {
  const requests: string[] = [];
  let firstRequestAt: number | undefined;
  const faults = new Map<string, number>();
  const random = seeded(plan.seed ?? 1);
  const count = (kind: string): void => void faults.set(kind, (faults.get(kind) ?? 0) + 1);

  const server = createServer((req, res) => {
    void (async () => {
      firstRequestAt ??= Date.now();
      requests.push(`${req.method} ${req.url}`);
      const body = await readBody(req);
      if (plan.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
      const fault =
        (plan.faultRate ?? 0) > random() ? FAULTS[Math.floor(random() * FAULTS.length)] : undefined;
      if (fault) count(fault);
      if (fault === 'drop-before') return void req.socket.destroy();
      if (
        plan.refuseSinglePostUploads &&
        req.method === 'POST' &&
        /\/blobs\/uploads\/\?digest=/.test(req.url ?? '')
      )
        return void res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"errors":[{"code":"UNSUPPORTED","message":"single POST upload not supported"}]}');
      if (fault === 'too-many-requests')
        return void res.writeHead(429, { 'retry-after': '0' }).end('{"errors":[{"code":"TOOMANYREQUESTS"}]}');
      if (fault === 'unavailable') return void res.writeHead(503).end('{"errors":[{"code":"UNAVAILABLE"}]}');
      if (fault === 'delay') await new Promise((r) => setTimeout(r, Math.floor(random() * 400)));
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([name, value]) => !HOP_BY_HOP.has(name) && typeof value === 'string',
        ),
      ) as Record<string, string>;
      const response = await fetch(new URL(req.url ?? '/', upstream), {
        method: req.method,
        headers,
        body: ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : body,
        redirect: 'manual',
      });
      let payload = Buffer.from(await response.arrayBuffer());
      // The registry acted; the answer is lost on the way back.
      if (fault === 'reset-after') return void req.socket.destroy();
      const isBlobRead = req.method === 'GET' && /\/blobs\/sha256:/.test(req.url ?? '');
      if (plan.corruptBlobReads && isBlobRead && payload.length > 0) {
        payload = Buffer.from(payload);
        payload[payload.length - 1] = (payload[payload.length - 1] ?? 0) ^ 0x01;
      }
      const outHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name))
          outHeaders[name] = name === 'location' ? value.replace(upstream, '') : value;
      });
      res.writeHead(response.status, outHeaders);
      res.end(req.method === 'HEAD' ? undefined : payload);
    })().catch((err: unknown) => res.writeHead(502).end(String(err)));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  return {
    host: `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    requests,
    get firstRequestAt() {
      return firstRequestAt;
    },
    faults,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
