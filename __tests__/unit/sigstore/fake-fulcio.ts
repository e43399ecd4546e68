import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { fulcioHandler, initializeCA } from '@sigstore/mock';
import { readBody } from '../../harness/request-body.ts';

/**
 * Fulcio's v2 signingCert endpoint on loopback (@sigstore/mock's CA, no CT log): certifies the token's
 * `sub` as a URI SAN and its `iss` in both issuer extensions. `refuseWith` makes it answer like a Fulcio
 * that rejects the request, without the retries a 5xx would cost.
 */
export interface FakeFulcio {
  readonly url: string;
  /** Bodies of the certificate requests received. */
  readonly requests: string[];
  refuseWith(answer: { status: number; body: string } | undefined): void;
  stop(): Promise<void>;
}

export async function startFakeFulcio(): Promise<FakeFulcio> {
  const ca = await initializeCA(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
  const { path, fn } = fulcioHandler(ca, { strict: true });
  const requests: string[] = [];
  let refusal: { status: number; body: string } | undefined;
  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      if (req.method !== 'POST' || req.url !== path) return void res.writeHead(404).end();
      requests.push(body.toString('utf8'));
      if (refusal) return void res.writeHead(refusal.status).end(refusal.body);
      const { statusCode, response, contentType } = await fn(body.toString('utf8'));
      res.writeHead(statusCode, { 'content-type': contentType ?? 'text/plain' }).end(response);
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    requests,
    refuseWith: (answer) => {
      refusal = answer;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
