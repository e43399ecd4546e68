import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Headers } from 'undici';
import { GitHubApiError, apiHeaders, readCapped, send, withRetry } from '../../../src/github/rest.ts';

/** A GitHub API on loopback: answers each request with the next queued answer, records what it saw. */
interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

describe('GitHub REST calls', () => {
  let server: Server;
  let base: URL;
  const seen: IncomingHttpHeaders[] = [];
  let answers: Answer[] = [];

  before(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const answer = answers.shift() ?? { status: 200, body: '{}' };
      res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const address = server.address();
    base = new URL(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  });
  beforeEach(() => {
    seen.length = 0;
    answers = [];
  });

  async function failure(promise: Promise<unknown>): Promise<GitHubApiError> {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof GitHubApiError, String(err));
      return err;
    }
    assert.fail('resolved');
  }

  describe('apiHeaders, as the API receives them', () => {
    it('are versioned JSON requests named release-signer, with the token as a bearer', async () => {
      await send(new URL('/repos/acme/app/releases', base), { headers: apiHeaders('ghs_token') });
      const [headers] = seen;
      assert.equal(headers?.accept, 'application/vnd.github+json');
      assert.equal(headers?.['x-github-api-version'], '2022-11-28');
      assert.equal(headers?.['user-agent'], 'release-signer');
      assert.equal(headers?.authorization, 'Bearer ghs_token');
    });

    it('carry no authorization without a token, and the accept type asked for', async () => {
      await send(new URL('/asset', base), { headers: apiHeaders('', 'application/octet-stream') });
      assert.equal(seen[0]?.authorization, undefined);
      assert.equal(seen[0]?.accept, 'application/octet-stream');
    });
  });

  describe('send', () => {
    it('returns a 2xx answer, and an expected status', async () => {
      answers = [{ status: 201, body: 'created' }, { status: 404 }];
      assert.equal((await send(base, {})).status, 201);
      assert.equal((await send(base, {}, [404])).status, 404);
    });

    it('turns another status into an error carrying it and its headers', async () => {
      answers = [{ status: 404, headers: { 'x-github-request-id': 'AB:CD' }, body: 'not found' }];
      const error = await failure(send(base, {}, [410]));
      assert.equal(error.status, 404);
      assert.equal(error.message, 'HTTP 404');
      assert.equal(error.headers.get('x-github-request-id'), 'AB:CD');
    });

    it('turns a lost connection into status 0, keeping the cause', async () => {
      const closed = createServer();
      await new Promise<void>((resolveListen) => closed.listen(0, '127.0.0.1', resolveListen));
      const address = closed.address();
      await new Promise<void>((resolveClose) => closed.close(() => resolveClose()));
      const port = typeof address === 'object' && address ? address.port : 0;
      const error = await failure(send(new URL(`http://127.0.0.1:${port}/`), {}));
      assert.equal(error.status, 0);
      assert.equal(error.message, 'fetch failed');
      assert.ok(error.cause instanceof Error);
    });
  });

  describe('readCapped', () => {
    it('reads an answer of up to the cap, and an empty one', async () => {
      answers = [{ status: 200, body: Buffer.alloc(1024 * 1024, 'a') }, { status: 204 }];
      assert.equal((await readCapped(await send(base, {}), 1024 * 1024)).length, 1024 * 1024);
      assert.equal((await readCapped(await send(base, {}), 1024 * 1024)).length, 0);
    });

    it('refuses an answer past the cap, naming it', async () => {
      answers = [{ status: 200, body: Buffer.alloc(1024 * 1024 + 1, 'a') }];
      await assert.rejects(
        async () => readCapped(await send(base, {}), 1024 * 1024),
        /^Error: answer larger than 1 MiB$/,
      );
      answers = [{ status: 200, body: Buffer.alloc(2 * 1024 * 1024 + 1, 'a') }];
      await assert.rejects(
        async () => readCapped(await send(base, {}), 2 * 1024 * 1024),
        /^Error: answer larger than 2 MiB$/,
      );
    });
  });

  describe('withRetry', () => {
    /** Errors as `send` throws them, with a Retry-After short enough to keep the test quick. */
    const apiError = (status: number, headers: Record<string, string> = {}) =>
      new GitHubApiError(status, new Headers({ 'retry-after': '0.001', ...headers }), `HTTP ${status}`);
    const calls = (outcomes: (GitHubApiError | Error | string)[]) => {
      let count = 0;
      const call = async (): Promise<string> => {
        const outcome = outcomes[count++];
        if (outcome instanceof Error) throw outcome;
        return outcome ?? 'done';
      };
      return { call, count: () => count };
    };

    const retried: [string, GitHubApiError][] = [
      ['a 5xx', apiError(502)],
      ['a 429', apiError(429)],
      ['a 403 with no rate limit left', apiError(403, { 'x-ratelimit-remaining': '0' })],
      ['a lost connection (status 0)', apiError(0)],
    ];
    for (const [name, error] of retried) {
      it(`tries again after ${name}`, async () => {
        const sequence = calls([error, 'answer']);
        assert.equal(await withRetry(sequence.call), 'answer');
        assert.equal(sequence.count(), 2);
      });
    }

    const final: [string, Error][] = [
      ['a 404', apiError(404)],
      ['a 403 with rate limit left', apiError(403, { 'x-ratelimit-remaining': '10' })],
      // GitHub sends its rate-limit headers with every answer: only a 403 or 429 means the limit was hit.
      ['a 404 sent with no rate limit left', apiError(404, { 'x-ratelimit-remaining': '0' })],
      ['a 499', apiError(499)],
      ['an error that is not an API answer', new Error('bad JSON')],
    ];
    for (const [name, error] of final) {
      it(`gives up at once on ${name}`, async () => {
        const sequence = calls([error, 'answer']);
        await assert.rejects(
          () => withRetry(sequence.call),
          (err: unknown) => err === error,
        );
        assert.equal(sequence.count(), 1);
      });
    }

    it('gives up after four attempts, with the last error', async () => {
      const last = apiError(503);
      const sequence = calls([apiError(500), apiError(502), apiError(504), last, 'answer']);
      await assert.rejects(
        () => withRetry(sequence.call),
        (err: unknown) => err === last,
      );
      assert.equal(sequence.count(), 4);
    });

    it('honours Retry-After against a real answer', async () => {
      answers = [
        { status: 503, headers: { 'retry-after': '0.001' } },
        { status: 200, body: 'ok' },
      ];
      const response = await withRetry(() => send(base, {}));
      assert.equal(await response.text(), 'ok');
      assert.equal(seen.length, 2);
    });
  });
});
