import assert from 'node:assert/strict';
import type { BasicCredential } from '../../../src/registry/auth.ts';
import { SignerError } from '../../../src/errors.ts';
import type { RegistryAccess } from '../../../src/registry/access.ts';
import { RegistryAccessBoundary } from '../../../src/registry/access-boundary.ts';
import { RegistryClient } from '../../../src/registry/client.ts';
import type { HttpRequest, HttpResponse, HttpSend } from '../../../src/registry/http.ts';
import { RetryBudget } from '../../../src/registry/retry.ts';

export const REGISTRY = 'registry.example';
export const CREDENTIAL: BasicCredential = { username: 'release-bot', password: 'unit-password' };
export const BASIC = `Basic ${Buffer.from(`${CREDENTIAL.username}:${CREDENTIAL.password}`).toString('base64')}`;

export function answer(
  status: number,
  body: Buffer | string = '',
  headers: Record<string, string> = {},
): HttpResponse {
  const bytes = Buffer.from(body);
  return {
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: async () => bytes.toString('utf8'),
    json: async () => JSON.parse(bytes.toString('utf8')) as unknown,
    bytes: async (maxBytes, what) => {
      if (bytes.length > maxBytes) throw new Error(`${what} is more than the ${maxBytes} bytes allowed`);
      return bytes;
    },
    discard: async () => undefined,
  };
}

/** One request as the fake network saw it. */
export interface Sent {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
}

/** One request in full: what a registry would see of it. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/**
 * A network of fake hosts: `route` answers each request; every request is recorded in `sent`, and in
 * full (headers and body) in `requests`.
 */
export function fakeNetwork(
  route: (
    url: URL,
    method: string,
    authorization: string | undefined,
    init: HttpRequest,
  ) => HttpResponse | Promise<HttpResponse>,
): {
  http: HttpSend;
  sent: Sent[];
  requests: SentRequest[];
} {
  const sent: Sent[] = [];
  const requests: SentRequest[] = [];
  const http: HttpSend = async (url, init) => {
    const method = init.method ?? 'GET';
    const authorization = init.headers?.authorization;
    sent.push({ method, url: url.href, ...(authorization ? { authorization } : {}) });
    requests.push({
      method,
      url: url.href,
      headers: init.headers ?? {},
      ...(init.body ? { body: init.body } : {}),
    });
    return route(url, method, authorization, init);
  };
  return { http, sent, requests };
}

/** A budget that retries at once (no jitter), `budgetMs` of waiting in all. */
export function immediateRetries(budgetMs = 60_000): RetryBudget {
  return new RetryBudget({ budgetMs, requestTimeoutMs: 1_000, onRetry: () => undefined, random: () => 0 });
}

/** A client for https://registry.example holding CREDENTIAL, as the pool hands it out: failures reach callers as SignerErrors. */
export function createClient(http: HttpSend, retry?: RetryBudget): RegistryAccess {
  return new RegistryAccessBoundary(createDirectClient(http, retry));
}

/** The client itself, below the boundary (its connect(), its typed failures); no retries unless `retry` says so. */
export function createDirectClient(
  http: HttpSend,
  retry = new RetryBudget({ budgetMs: 0, requestTimeoutMs: 1_000, onRetry: () => undefined }),
): RegistryClient {
  return new RegistryClient({
    registry: REGISTRY,
    allowHttp: false,
    allowInsecure: false,
    credential: async () => CREDENTIAL,
    maskSecret: () => undefined,
    missingCredentialHint: '',
    retry,
    http,
  });
}

/** An assertion for assert.rejects: a SignerError with this code whose message mentions each text. */
export const failsWith =
  (code: string, ...mentions: string[]) =>
  (err: unknown): boolean => {
    assert.ok(err instanceof SignerError, String(err));
    assert.equal(err.code, code, err.message);
    for (const mention of mentions) assert.ok(err.message.includes(mention), err.message);
    return true;
  };
