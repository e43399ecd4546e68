import { X509Certificate, createPrivateKey, randomUUID, sign } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';

export interface TokenIssuer {
  /** A token for the harness's own requests, granting `scope`. */
  mint(scope: string): string;
  /** Answers a token request (`GET …?service=…&scope=…` with basic credentials). */
  answer(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * A token server for distribution's `auth: token`: grants the scopes asked for to the one user, as an
 * ES256 JWT whose x5c certificate is the registry's rootcertbundle (`signing.cert`).
 */
export function createTokenIssuer(
  user: { readonly username: string; readonly password: string },
  signing: { readonly cert: string; readonly key: string },
): TokenIssuer {
  const signingKey = createPrivateKey(readFileSync(signing.key));
  const certDer = new X509Certificate(readFileSync(signing.cert)).raw.toString('base64');
  const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const mint = (scopes: string[]): string => {
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.map((scope) => {
      const [type = '', name = '', actions = ''] = scope.split(':');
      return { type, name, actions: actions.split(',') };
    });
    const claims = {
      iss: 'test-token-issuer',
      sub: user.username,
      aud: 'test-registry',
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const input = `${b64url({ typ: 'JWT', alg: 'ES256', x5c: [certDer] })}.${b64url(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key: signingKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  };
  const expected = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  return {
    mint: (scope) => mint([scope]),
    answer(req, res) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
        return;
      }
      const token = mint(url.searchParams.getAll('scope'));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token, access_token: token, expires_in: 300 }));
    },
  };
}
