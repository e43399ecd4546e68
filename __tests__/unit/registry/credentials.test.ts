import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RegistryConfig } from '../../../src/config.ts';
import { runCredentialHelper } from '../../../src/registry/credential-helper.ts';
import { createConfiguredCredentials, createWithheldCredentials } from '../../../src/registry/credentials.ts';
import type { CredentialHelperRunner } from '../../../src/registry/docker-config.ts';

const INPUT_CREDENTIAL = { registry: 'registry.example', username: 'input-user', password: 'input-pw' };

function registryConfig(overrides: Partial<RegistryConfig> = {}): RegistryConfig {
  return {
    allowHttp: false,
    allowInsecure: false,
    retryBudgetSeconds: 0,
    credentials: [INPUT_CREDENTIAL],
    githubActor: 'octocat',
    ...overrides,
  };
}

/** A $DOCKER_CONFIG whose auths hold `auths` (host → user:password). */
function dockerConfigWith(auths: Record<string, string>): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  const entries = Object.fromEntries(
    Object.entries(auths).map(([host, pair]) => [host, { auth: Buffer.from(pair).toString('base64') }]),
  );
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: entries }));
  return { DOCKER_CONFIG: dir };
}

const NO_DOCKER_CONFIG: NodeJS.ProcessEnv = { DOCKER_CONFIG: join(tmpdir(), 'no-such-docker-config') };
const noHelper: CredentialHelperRunner = async () => {
  throw new Error('not found');
};

describe('createConfiguredCredentials: where a release finds credentials', () => {
  it("takes the inputs' credential for exactly that registry", async () => {
    const env = dockerConfigWith({ 'registry.example': 'docker-user:docker-pw' });
    const source = createConfiguredCredentials(registryConfig(), {
      githubToken: 'gh-token',
      runCredentialHelper: noHelper,
      env,
    });
    assert.deepEqual(await source.lookup('registry.example'), INPUT_CREDENTIAL);
  });

  it("takes docker's config for a registry the inputs do not name", async () => {
    const env = dockerConfigWith({ 'other.example': 'docker-user:docker-pw' });
    const source = createConfiguredCredentials(registryConfig(), {
      githubToken: 'gh-token',
      runCredentialHelper: noHelper,
      env,
    });
    assert.deepEqual(await source.lookup('other.example'), {
      username: 'docker-user',
      password: 'docker-pw',
    });
  });

  it("asks docker's credential helpers through the runner it is given", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
    writeFileSync(join(dir, 'config.json'), '{"credsStore":"unit"}');
    const asked: string[] = [];
    const source = createConfiguredCredentials(registryConfig(), {
      githubToken: 'gh-token',
      runCredentialHelper: async (helper, host) => {
        asked.push(`${helper} ${host}`);
        return '{"Username":"helper-user","Secret":"helper-pw"}';
      },
      env: { DOCKER_CONFIG: dir },
    });
    assert.deepEqual(await source.lookup('other.example'), {
      username: 'helper-user',
      password: 'helper-pw',
    });
    assert.deepEqual(asked, ['unit other.example']);
  });

  it('gives a look-alike of an input registry nothing', async () => {
    const source = createConfiguredCredentials(registryConfig(), {
      githubToken: 'gh-token',
      runCredentialHelper: noHelper,
      env: NO_DOCKER_CONFIG,
    });
    assert.equal(await source.lookup('registry.example.evil'), undefined);
    assert.equal(await source.lookup('evil.registry.example'), undefined);
  });

  describe('for ghcr.io', () => {
    it('falls back to github-token as the workflow actor', async () => {
      const source = createConfiguredCredentials(registryConfig(), {
        githubToken: 'gh-token',
        runCredentialHelper: noHelper,
        env: NO_DOCKER_CONFIG,
      });
      assert.deepEqual(await source.lookup('ghcr.io'), { username: 'octocat', password: 'gh-token' });
    });

    it("names the user 'token' when the actor is unknown", async () => {
      const source = createConfiguredCredentials(registryConfig({ githubActor: '' }), {
        githubToken: 'gh-token',
        runCredentialHelper: noHelper,
        env: NO_DOCKER_CONFIG,
      });
      assert.deepEqual(await source.lookup('ghcr.io'), { username: 'token', password: 'gh-token' });
    });

    it("prefers docker's config to github-token", async () => {
      const source = createConfiguredCredentials(registryConfig(), {
        githubToken: 'gh-token',
        runCredentialHelper: noHelper,
        env: dockerConfigWith({ 'ghcr.io': 'pat-user:pat' }),
      });
      assert.deepEqual(await source.lookup('ghcr.io'), { username: 'pat-user', password: 'pat' });
    });

    it('is anonymous without a github-token', async () => {
      const source = createConfiguredCredentials(registryConfig(), {
        githubToken: '',
        runCredentialHelper: noHelper,
        env: NO_DOCKER_CONFIG,
      });
      assert.equal(await source.lookup('ghcr.io'), undefined);
    });
  });

  it('never gives github-token to another registry', async () => {
    const source = createConfiguredCredentials(registryConfig(), {
      githubToken: 'gh-token',
      runCredentialHelper: noHelper,
      env: NO_DOCKER_CONFIG,
    });
    assert.equal(await source.lookup('docker.io'), undefined);
  });

  it('names the inputs that give credentials when a registry wants some', () => {
    const source = createConfiguredCredentials(registryConfig(), {
      githubToken: 'gh-token',
      runCredentialHelper: noHelper,
    });
    assert.match(source.missingHint, /'registry', 'registry-username' and 'registry-password'/);
  });
});

describe('createWithheldCredentials: a dry run sends no credentials', () => {
  const source = createWithheldCredentials('pull_request from a fork');

  it('looks nothing up for any registry', async () => {
    assert.equal(await source.lookup('ghcr.io'), undefined);
    assert.equal(await source.lookup('registry.example'), undefined);
  });

  it('says why, what was not checked, and how a trusted dry run may use credentials', () => {
    assert.ok(source.missingHint.includes('(pull_request from a fork)'), source.missingHint);
    assert.ok(source.missingHint.includes('could not be checked'), source.missingHint);
    assert.ok(source.missingHint.includes("'dry-run-credentials: true'"), source.missingHint);
  });
});

describe('runCredentialHelper: docker-credential-<name> get', () => {
  let savedPath: string | undefined;
  before(() => {
    const bin = mkdtempSync(join(tmpdir(), 'credential-helpers-'));
    // Echoes the host it read on stdin, so the test sees what the helper was asked.
    writeFileSync(
      join(bin, 'docker-credential-unit'),
      '#!/bin/sh\n[ "$1" = get ] || exit 3\nread host\nprintf \'{"Username":"u","Secret":"for %s"}\' "$host"\n',
    );
    writeFileSync(
      join(bin, 'docker-credential-unknowing'),
      // Reads the host first, as real helpers do, then knows nothing of it.
      '#!/bin/sh\ncat >/dev/null\necho "credentials not found in native keychain" >&2\nexit 1\n',
    );
    chmodSync(join(bin, 'docker-credential-unit'), 0o755);
    chmodSync(join(bin, 'docker-credential-unknowing'), 0o755);
    savedPath = process.env.PATH;
    process.env.PATH = `${bin}${delimiter}${savedPath ?? ''}`;
  });
  after(() => {
    process.env.PATH = savedPath;
  });

  it('runs the helper with `get` and the host on stdin, and resolves its stdout', async () => {
    assert.equal(
      await runCredentialHelper('unit', 'registry.example'),
      '{"Username":"u","Secret":"for registry.example"}',
    );
  });

  it("prints nothing of the helper's answer, which holds the secret", async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      await runCredentialHelper('unit', 'registry.example');
    } finally {
      process.stdout.write = write;
    }
    assert.ok(!written.some((text) => text.includes('for registry.example')), written.join(''));
  });

  it('rejects, naming the helper and its exit code, when the helper fails', async () => {
    await assert.rejects(runCredentialHelper('unknowing', 'registry.example'), {
      message: 'docker-credential-unknowing get exited 1',
    });
  });
});
