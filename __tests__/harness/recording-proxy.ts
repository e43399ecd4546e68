import { createServer } from 'node:http';
import { registryFetch, type TestRegistry } from './registry.ts';
import { readBody } from './request-body.ts';

/** One request as the action sent it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The Authorization header, if any was sent. */
  readonly authorization?: string;
}

export interface RecordingProxy {
  /** `127.0.0.1:<port>` (plain HTTP): use it as the registry host in image references. */
  readonly host: string;
  readonly requests: readonly RecordedRequest[];
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

/**
 * A plain-HTTP front for a test registry (TLS and basic auth included) that records every request's
 * Authorization header, so a test can prove which requests carried credentials. Headers pass unchanged.
 */
export async function startRecordingProxy(upstream: TestRegistry): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const authorization = req.headers.authorization;
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        ...(authorization ? { authorization } : {}),
      });
      const body = await readBody(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([name, value]) => !HOP_BY_HOP.has(name) && typeof value === 'string',
        ),
      ) as Record<string, string>;
      const response = await registryFetch({ url: upstream.url, caFile: upstream.caFile }, req.url ?? '/', {
        method: req.method ?? 'GET',
        headers,
        ...(['GET', 'HEAD'].includes(req.method ?? 'GET') ? {} : { body }),
      });
      const payload = Buffer.from(await response.arrayBuffer());
      const outHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) outHeaders[name] = value;
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
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
