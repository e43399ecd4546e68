import type { IncomingHttpHeaders } from 'node:http';
import { concatOwned } from '../util/owned-buffer.ts';
import { createDispatcher } from '../util/proxy-dispatcher.ts';

/** What the registry client needs of an HTTP answer. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** The whole body, refused beyond `maxBytes` (untrusted peers can send anything). */
  bytes(maxBytes: number, what: string): Promise<Buffer>;
  /** Drops the body; a small one is read to its end so the connection stays open for reuse. */
  discard(): Promise<void>;
}

export interface HttpRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  /** Limit on the wait for the answer's headers, and again between pieces of its body. */
  readonly timeoutMs: number;
}

export type HttpSend = (url: URL, init: HttpRequest) => Promise<HttpResponse>;

/** Bodies up to this size are read to the end rather than dropped with their connection. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

/**
 * HTTP through undici's request API: far less work per request than fetch (no WHATWG streams or
 * Headers objects), which counts when a release makes thousands of small requests. Connections are
 * kept alive per origin. With `allowInsecure`, any certificate is accepted. HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY are honoured (proxy-dispatcher.ts).
 */
export function createHttpSend(allowInsecure: boolean): HttpSend {
  const dispatcher = createDispatcher({ allowInsecure, keepAliveTimeoutMs: 30_000 });
  return async (url, init) => {
    const answer = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: (init.method ?? 'GET') as 'GET',
      headers: init.headers ?? {},
      body: init.body ?? null,
      headersTimeout: init.timeoutMs,
      bodyTimeout: init.timeoutMs,
      // undici closes the connection after a HEAD, in case a server sends a body with it; registries do
      // not (Go clients such as cosign keep the connection), and a blob check per repository would
      // otherwise cost a new connection each, a TLS handshake on a real registry.
      ...(init.method === 'HEAD' ? { reset: false } : {}),
    });
    const headers = toHeaderLookup(answer.headers);
    const { body } = answer;
    return {
      status: answer.statusCode,
      headers,
      text: () => body.text(),
      json: () => body.json(),
      discard: () => body.dump({ limit: DRAIN_LIMIT_BYTES }).catch(() => undefined),
      async bytes(maxBytes, what) {
        const declared = Number(headers.get('content-length') ?? '0');
        if (declared > maxBytes) {
          // undici reports an unread body's destruction as an error event: unheard, it would end the run.
          body.on('error', () => undefined).destroy();
          throw new Error(`${what} is ${declared} bytes, more than the ${maxBytes} allowed`);
        }
        const chunks: Buffer[] = [];
        let total = 0;
        for await (const chunk of body as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > maxBytes) {
            body.destroy();
            throw new Error(`${what} is more than the ${maxBytes} bytes allowed`);
          }
          chunks.push(chunk);
        }
        // Signature lists are kept until read-back: not as slices of a shared slab.
        return concatOwned(chunks, total);
      },
    };
  };
}

function toHeaderLookup(headers: IncomingHttpHeaders): HttpResponse['headers'] {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
