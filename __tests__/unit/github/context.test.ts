import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readRunContext } from '../../../src/github/context.ts';

const dir = mkdtempSync(join(tmpdir(), 'rs-context-'));
const eventFile = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('readRunContext', () => {
  it("takes the run's facts from the runner's environment", () => {
    const context = readRunContext({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_SERVER_URL: 'https://ghe.example',
      GITHUB_API_URL: 'https://ghe.example/api/v3',
      GITHUB_RUN_ID: '42',
      GITHUB_WORKSPACE: '/home/runner/work/app',
      GITHUB_REF: 'refs/tags/v1.2.3',
      RUNNER_TEMP: '/home/runner/_temp',
      TMPDIR: '/var/tmp',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/?api-version=2.0',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    });
    assert.deepEqual(context, {
      eventName: 'push',
      eventTrust: { kind: 'own' },
      repository: 'acme/app',
      sha: 'a'.repeat(40),
      serverUrl: 'https://ghe.example',
      apiUrl: 'https://ghe.example/api/v3',
      runId: '42',
      workspace: '/home/runner/work/app',
      ref: 'refs/tags/v1.2.3',
      tempDir: '/home/runner/_temp',
      canRequestIdToken: true,
    });
  });

  it('outside Actions, falls back to github.com, the working directory and the system temp folder', () => {
    assert.deepEqual(readRunContext({}), {
      eventName: '',
      eventTrust: { kind: 'own' },
      repository: '',
      sha: '',
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      runId: '',
      workspace: process.cwd(),
      ref: '',
      tempDir: '/tmp',
      canRequestIdToken: false,
    });
    assert.equal(readRunContext({ TMPDIR: '/var/tmp' }).tempDir, '/var/tmp');
  });

  it('offers an OIDC token only when the runner gave both its URL and its request token', () => {
    const url = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/' };
    const token = { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' };
    assert.equal(readRunContext(url).canRequestIdToken, false);
    assert.equal(readRunContext(token).canRequestIdToken, false);
    assert.equal(readRunContext({ ...url, ...token }).canRequestIdToken, true);
  });

  describe("reads the event's payload", () => {
    const trustFor = (eventName: string, path: string) =>
      readRunContext({ GITHUB_EVENT_NAME: eventName, GITHUB_REPOSITORY: 'acme/app', GITHUB_EVENT_PATH: path })
        .eventTrust;

    it('of up to 8 MiB, and judges by what it holds', () => {
      const payload = JSON.stringify({
        pull_request: {
          head: { repo: { full_name: 'acme/app' } },
          base: { repo: { full_name: 'acme/app' } },
        },
      });
      const path = eventFile('pull-request.json', payload.padEnd(8 * 1024 * 1024, ' '));
      assert.deepEqual(trustFor('pull_request', path), { kind: 'pull-request' });
    });

    it('as untrusted when it is JSON but not an object', () => {
      for (const json of ['[]', 'null', '"text"', '5']) {
        assert.deepEqual(trustFor('push', eventFile('scalar.json', json)), {
          kind: 'untrusted',
          reason: 'a push event whose payload (GITHUB_EVENT_PATH) is not a JSON object',
        });
      }
    });

    it('as untrusted when it is not JSON', () => {
      assert.deepEqual(trustFor('release', eventFile('broken.json', '{"release":')), {
        kind: 'untrusted',
        reason: 'a release event whose payload (GITHUB_EVENT_PATH) is not JSON',
      });
    });
  });
});
