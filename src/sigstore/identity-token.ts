import { SignerError, describeCause } from '../errors.ts';

/** Where the OIDC token comes from: the `identity-token` input, else the runner (audience `sigstore`). */
export interface IdentityTokenSource {
  readonly given?: string;
  readonly fromRunner: (audience: string) => Promise<string>;
  readonly runnerCanIssue: boolean;
}

const PERMISSION_FIX = [
  'Keyless signing needs an OIDC token from the runner. Add to the job (or the workflow):',
  '  permissions:',
  '    id-token: write',
  "or pass 'identity-token' when running outside GitHub Actions, or sign with 'key'.",
].join('\n');

/** Reads the token once for the run; a missing `id-token: write` permission says which lines to add. */
export async function readIdentityToken(
  source: IdentityTokenSource,
  mask: (secret: string) => void,
): Promise<string> {
  if (source.given) return source.given;
  if (!source.runnerCanIssue) throw new SignerError('IDENTITY_TOKEN', PERMISSION_FIX);
  let token: string;
  try {
    token = await source.fromRunner('sigstore');
  } catch (err) {
    throw new SignerError(
      'IDENTITY_TOKEN',
      `The runner refused an OIDC token (${describeCause(err)}).\n${PERMISSION_FIX}`,
      err,
    );
  }
  mask(token);
  return token;
}

interface TokenClaims {
  exp?: number;
  iss?: string;
  sub?: string;
}

/** The claims of a JWT, unverified: only to tell an expired token early and name the identity. */
export function readTokenClaims(token: string): TokenClaims {
  const payload = token.split('.')[1];
  if (!payload)
    throw new SignerError(
      'IDENTITY_TOKEN',
      'The OIDC identity token is not a JWT (header.payload.signature).',
    );
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    throw new SignerError('IDENTITY_TOKEN', 'The OIDC identity token is not a JWT: its payload is not JSON.');
  }
}

export function checkTokenFresh(claims: TokenClaims, now: Date = new Date()): void {
  if (claims.exp !== undefined && claims.exp * 1000 <= now.getTime()) {
    throw new SignerError(
      'IDENTITY_TOKEN',
      `The OIDC identity token expired at ${new Date(claims.exp * 1000).toISOString()}. Request a fresh one (runner tokens last minutes; sign right after fetching it).`,
    );
  }
}
