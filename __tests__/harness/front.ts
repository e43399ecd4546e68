import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';

/** A certificate and its key, PEM. */
export interface TlsPair {
  readonly cert: Buffer;
  readonly key: Buffer;
}

export interface FrontOptions {
  /** Base URL of what stands behind the front (`http://…` or `https://…`). */
  readonly upstream: string;
  /** Trust for an https upstream with a self-signed certificate. */
  readonly upstreamCa?: Buffer;
  /** Serve HTTPS with this pair instead of plain HTTP. */
  readonly tls?: TlsPair;
  /** Listen on this loopback port; any free one when absent. */
  readonly port?: number;
  /** Answers a request itself and returns true, or returns false to pass it on. */
  readonly intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Changes the upstream's answer headers on their way back. */
  readonly rewrite?: (
    req: IncomingMessage,
    status: number,
    headers: IncomingHttpHeaders,
  ) => IncomingHttpHeaders;
}

export interface Front {
  /** `127.0.0.1:<port>`, as written in image references. */
  readonly host: string;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A streaming reverse proxy of our own on loopback, in front of a test registry. The Host header goes
 * through unchanged, so the registry writes the front's address into its upload Locations.
 */
export async function startFront(options: FrontOptions): Promise<Front> {
  const handler: RequestListener = (req, res) => {
    if (options.intercept?.(req, res)) return;
    const target = new URL(req.url ?? '/', options.upstream);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(
      target,
      { method: req.method, headers: req.headers, ...(options.upstreamCa ? { ca: options.upstreamCa } : {}) },
      (answer) => {
        const status = answer.statusCode ?? 502;
        res.writeHead(
          status,
          options.rewrite ? options.rewrite(req, status, answer.headers) : answer.headers,
        );
        answer.pipe(res);
      },
    );
    outgoing.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(outgoing);
  };
  return listen(handler, options.tls, options.port);
}

/** Serves `handler` on loopback (HTTPS with `tls`), on `port` or a free one. */
export async function listen(handler: RequestListener, tls?: TlsPair, port = 0): Promise<Front> {
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolveListen);
  });
  const address = server.address();
  const host = `127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    host,
    url: `${tls ? 'https' : 'http'}://${host}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
