import { createServer, type IncomingMessage } from 'node:http';

/** What the proxy does to traffic between the action and a registry. */
export interface FaultPlan {
  /** Flip the last byte of every blob body served (a storage backend that corrupts what it keeps). */
  readonly corruptBlobReads?: boolean;
}

export interface FaultProxy {
  /** `127.0.0.1:<port>`: use it as the registry host in image references. */
  readonly host: string;
  readonly requests: string[];
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

/** An HTTP proxy in front of a plain-HTTP test registry, doing to the traffic what the plan says. */
export async function startFaultProxy(upstream: string, plan: FaultPlan): Promise<FaultProxy> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      requests.push(`${req.method} ${req.url}`);
      const body = await readBody(req);
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
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
