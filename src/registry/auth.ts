import { SignerError } from '../errors.ts';
import { toDisplayUrl } from '../util/redact.ts';
import { RegistryHttpError, toRegistryHttpError } from './http-error.ts';
import type { HttpSend } from './http.ts';
import { checkRealm } from './realm-policy.ts';

export interface BasicCredential {
  readonly username: string;
  readonly password: string;
}

/** A parsed `WWW-Authenticate` challenge (RFC 7235), as registries send it on 401. */
export interface Challenge {
  readonly scheme: 'basic' | 'bearer';
  readonly params: Readonly<Record<string, string>>;
}

export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] ?? '').toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of (match[2] ?? '').matchAll(
    /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g,
  )) {
    if (key) params[key.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
  }
  return { scheme, params };
}

function basicHeader(credential: BasicCredential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}

/** The wait for a token server's answer. */
const TOKEN_TIMEOUT_MS = 30_000;

export interface AuthorizerOptions {
  /** Host and optional port, as in image references: named in errors. */
  readonly registry: string;
  /** Looked up once, when the registry first asks for credentials. */
  readonly credential: () => Promise<BasicCredential | undefined>;
  /** Called with every derived secret (basic header, bearer token) the moment it exists. */
  readonly maskSecret: (value: string) => void;
  readonly http: HttpSend;
}

/**
 * Turns a registry's challenge into Authorization headers, one bearer token per scope, cached for the run.
 * Token flow: https://distribution.github.io/distribution/spec/auth/token/
 */
export class Authorizer {
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly options: AuthorizerOptions;
  private challenge: { readonly challenge: Challenge; readonly origin: string } | undefined;

  private credentialLookup: Promise<BasicCredential | undefined> | undefined;

  constructor(options: AuthorizerOptions) {
    this.options = options;
  }

  /** The credential for this registry, masked (and its basic-auth form) the moment it is known. */
  credential(): Promise<BasicCredential | undefined> {
    this.credentialLookup ??= this.options.credential().then((credential) => {
      if (credential) {
        this.options.maskSecret(credential.password);
        this.options.maskSecret(basicHeader(credential).slice('Basic '.length));
      }
      return credential;
    });
    return this.credentialLookup;
  }

  /**
   * Remembers the registry's challenge so later requests authorise up front. `origin` is the registry's
   * origin that sent it: challenges from anywhere else (a CDN, an upload Location) are never learnt.
   */
  learn(challenge: Challenge | undefined, origin: string): void {
    if (challenge) this.challenge = { challenge, origin };
  }

  get knowsChallenge(): boolean {
    return this.challenge !== undefined;
  }

  async header(scope: string): Promise<string | undefined> {
    if (!this.challenge) return undefined;
    const { challenge, origin } = this.challenge;
    if (challenge.scheme === 'basic') {
      const credential = await this.credential();
      return credential ? basicHeader(credential) : undefined;
    }
    let token = this.tokens.get(scope);
    if (!token) {
      token = this.fetchToken(challenge, origin, scope);
      this.tokens.set(scope, token);
      token.catch(() => this.tokens.delete(scope));
    }
    return `Bearer ${await token}`;
  }

  forget(scope: string): void {
    this.tokens.delete(scope);
  }

  private async fetchToken(challenge: Challenge, origin: string, scope: string): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm)
      throw new RegistryHttpError(
        'token challenge',
        401,
        [],
        'the registry sent a bearer challenge without a realm',
      );
    const decision = checkRealm(realm, origin);
    if (!decision.allowed)
      throw new SignerError(
        'REGISTRY_AUTH',
        `Registry ${this.options.registry} named ${toDisplayUrl(realm)} as its token realm, which is refused: ${decision.reason}. Nothing was sent there. If this registry is yours, serve its token endpoint on the registry's own origin (as GHCR does) or over HTTPS in the registry's domain; a realm anywhere else may be collecting credentials.`,
      );
    const url = new URL(decision.url);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = {};
    const credential = await this.credential();
    if (credential) headers.authorization = basicHeader(credential);
    const response = await this.options.http(url, { headers, timeoutMs: TOKEN_TIMEOUT_MS });
    if (response.status < 200 || response.status > 299)
      throw await toRegistryHttpError(`token for ${scope}`, response);
    const body = (await response.json()) as { token?: unknown; access_token?: unknown };
    const token = typeof body.token === 'string' ? body.token : body.access_token;
    if (typeof token !== 'string' || !token) {
      throw new RegistryHttpError(
        `token for ${scope}`,
        response.status,
        [],
        'the token server answered without a token',
      );
    }
    this.options.maskSecret(token);
    return token;
  }
}
