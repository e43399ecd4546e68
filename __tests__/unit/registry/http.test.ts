import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHttpSend } from '../../../src/registry/http.ts';
import { listen, type Front, type TlsPair } from '../../harness/front.ts';

/** What the server saw of one request. */
interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** Which connection carried it, numbered from 1. */
  readonly connection: number;
}

/** A loopback server answering each path as `routes` says, recording every request. */
async function startServer(
  routes: Record<string, (response: ServerResponse) => void>,
  tls?: TlsPair,
): Promise<{ front: Front; seen: Seen[] }> {
  const seen: Seen[] = [];
  const connections = new WeakMap<object, number>();
  let opened = 0;
  const front = await listen((request, response) => {
    let connection = connections.get(request.socket);
    if (connection === undefined) {
      connection = ++opened;
      connections.set(request.socket, connection);
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        connection: connection ?? 0,
      });
      const route = routes[request.url ?? ''];
      if (route) route(response);
      else response.writeHead(404).end();
    });
  }, tls);
  return { front, seen };
}

/** A body sent in pieces without Content-Length, as a registry streaming a blob does. */
function chunked(text: string): (response: ServerResponse) => void {
  return (response) => {
    response.writeHead(200, { 'transfer-encoding': 'chunked' });
    for (const piece of text) response.write(piece);
    response.end();
  };
}

describe('createHttpSend: HTTP for the registry client', () => {
  let server: { front: Front; seen: Seen[] };
  const send = createHttpSend(false);
  const url = (path: string) => new URL(path, server.front.url);

  before(async () => {
    server = await startServer({
      '/json': (response) =>
        response
          .writeHead(201, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] })
          .end('{"answer":42}'),
      '/ten': (response) => response.writeHead(200, { 'content-length': '10' }).end('0123456789'),
      '/ten-chunked': chunked('0123456789'),
      '/small': (response) => response.writeHead(200).end('x'.repeat(1024)),
    });
  });
  after(() => server.front.stop());

  it('sends the method, headers and body it is given', async () => {
    const response = await send(url('/json'), {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json', authorization: 'Basic eDp5' },
      body: Buffer.from('{"schemaVersion":2}'),
      timeoutMs: 5_000,
    });
    await response.discard();
    const request = server.seen.at(-1);
    assert.equal(request?.method, 'PUT');
    assert.equal(request?.headers['content-type'], 'application/vnd.oci.image.manifest.v1+json');
    assert.equal(request?.headers.authorization, 'Basic eDp5');
    assert.equal(request?.body, '{"schemaVersion":2}');
  });

  it('sends a GET without a body when given no method', async () => {
    await (await send(url('/json'), { timeoutMs: 5_000 })).discard();
    assert.equal(server.seen.at(-1)?.method, 'GET');
    assert.equal(server.seen.at(-1)?.body, '');
  });

  it('gives the status, headers by any case (repeated ones joined), and the body as text or JSON', async () => {
    const response = await send(url('/json'), { timeoutMs: 5_000 });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('Content-Type'), 'application/json');
    assert.equal(response.headers.get('x-multi'), 'a, b');
    assert.equal(response.headers.get('x-absent'), null);
    assert.deepEqual(await response.json(), { answer: 42 });
    assert.equal(await (await send(url('/json'), { timeoutMs: 5_000 })).text(), '{"answer":42}');
  });

  describe('bytes(maxBytes): untrusted bodies are capped', () => {
    for (const path of ['/ten', '/ten-chunked']) {
      it(`reads a body of exactly maxBytes (${path})`, async () => {
        const response = await send(url(path), { timeoutMs: 5_000 });
        assert.equal((await response.bytes(10, 'GET blob')).toString(), '0123456789');
      });
    }

    // Signature lists are kept until read-back: a slice of a shared 64 KiB slab would keep it all alive.
    it('gives the body in memory of its own, not in a shared slab', async () => {
      const response = await send(url('/ten-chunked'), { timeoutMs: 5_000 });
      const bytes = await response.bytes(10, 'GET manifest acme/app:v1');
      assert.equal(bytes.toString(), '0123456789');
      assert.equal(bytes.buffer.byteLength, bytes.length);
    });

    it('refuses a body whose Content-Length is over the cap, before reading it, and stays up', async () => {
      // The body is dropped unread: undici reports that as an error event, which must not crash the run.
      const uncaught: unknown[] = [];
      const record = (err: unknown) => uncaught.push(err);
      process.on('uncaughtException', record);
      try {
        const response = await send(url('/ten'), { timeoutMs: 5_000 });
        await assert.rejects(response.bytes(9, 'GET blob acme/app@sha256:x'), {
          message: 'GET blob acme/app@sha256:x is 10 bytes, more than the 9 allowed',
        });
        await new Promise((resolveLater) => setTimeout(resolveLater, 50));
      } finally {
        process.off('uncaughtException', record);
      }
      assert.deepEqual(uncaught, []);
    });

    it('refuses a body without Content-Length once it grows past the cap', async () => {
      const response = await send(url('/ten-chunked'), { timeoutMs: 5_000 });
      await assert.rejects(response.bytes(9, 'GET manifest acme/app:v1'), {
        message: 'GET manifest acme/app:v1 is more than the 9 bytes allowed',
      });
    });
  });

  it('reads a small discarded body to its end, so the next request reuses the connection', async () => {
    const send = createHttpSend(false);
    await (await send(url('/small'), { timeoutMs: 5_000 })).discard();
    // The connection goes back to the pool once undici has seen the end of the answer.
    await new Promise((resolveLater) => setTimeout(resolveLater, 50));
    await (await send(url('/small'), { timeoutMs: 5_000 })).discard();
    const [first, second] = server.seen.slice(-2);
    assert.equal(second?.connection, first?.connection);
  });

  it('keeps the connection after a HEAD, as Go clients such as cosign do', async () => {
    const send = createHttpSend(false);
    await (await send(url('/ten'), { method: 'HEAD', timeoutMs: 5_000 })).discard();
    await new Promise((resolveLater) => setTimeout(resolveLater, 50));
    await (await send(url('/small'), { timeoutMs: 5_000 })).discard();
    const [head, next] = server.seen.slice(-2);
    assert.equal(head?.method, 'HEAD');
    assert.equal(next?.connection, head?.connection);
  });
});

describe('createHttpSend over HTTPS with a self-signed certificate', () => {
  let server: { front: Front; seen: Seen[] };

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'self-signed-'));
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    server = await startServer(
      { '/v2/': (response) => response.writeHead(200).end('{}') },
      { cert: readFileSync(cert), key: readFileSync(key) },
    );
  });
  after(() => server.front.stop());

  it('refuses the certificate unless allowInsecure', async () => {
    await assert.rejects(createHttpSend(false)(new URL('/v2/', server.front.url), { timeoutMs: 5_000 }));
    assert.equal(server.seen.length, 0);
  });

  it('accepts it with allowInsecure (allow-insecure-registry)', async () => {
    const response = await createHttpSend(true)(new URL('/v2/', server.front.url), { timeoutMs: 5_000 });
    assert.equal(response.status, 200);
    await response.discard();
  });
});
