import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import {
  credentialFromDockerConfig,
  readDockerConfig,
  type CredentialHelperRunner,
} from '../../../src/registry/docker-config.ts';

type DockerConfig = ReturnType<typeof readDockerConfig>;

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A directory holding `config.json` with `text`, as `$DOCKER_CONFIG` names it. */
function configDir(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  writeFileSync(join(dir, 'config.json'), text);
  return dir;
}

/** A credential helper that knows `known` (host → its JSON answer) and records each call. */
function helperKnowing(known: Record<string, string>) {
  const calls: [string, string][] = [];
  const run: CredentialHelperRunner = async (helper, host) => {
    calls.push([helper, host]);
    const output = known[host];
    if (output === undefined) throw new Error('credentials not found in native keychain');
    return output;
  };
  return { run, calls };
}

const noHelper: CredentialHelperRunner = async () => {
  throw new Error('no helper should run');
};

const authError =
  (...mentions: string[]) =>
  (err: unknown) => {
    assert.ok(err instanceof SignerError, String(err));
    assert.equal(err.code, 'REGISTRY_AUTH');
    for (const mention of mentions) assert.ok(err.message.includes(mention), err.message);
    return true;
  };

describe('readDockerConfig', () => {
  it('reads config.json in $DOCKER_CONFIG', () => {
    const dir = configDir('{"auths":{"registry.example":{"auth":"eDp5"}}}');
    assert.deepEqual(readDockerConfig({ DOCKER_CONFIG: dir }), {
      auths: { 'registry.example': { auth: 'eDp5' } },
    });
  });

  it('reads ~/.docker/config.json when $DOCKER_CONFIG is not set', () => {
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    mkdirSync(join(home, '.docker'));
    writeFileSync(join(home, '.docker', 'config.json'), '{"credsStore":"desktop"}');
    const savedHome = process.env.HOME;
    try {
      // os.homedir() follows $HOME on Linux.
      process.env.HOME = home;
      assert.deepEqual(readDockerConfig({}), { credsStore: 'desktop' });
    } finally {
      process.env.HOME = savedHome;
    }
  });

  it('treats an absent file as no credentials at all', () => {
    assert.deepEqual(readDockerConfig({ DOCKER_CONFIG: join(tmpdir(), 'no-such-docker-config') }), {});
  });

  it('refuses a file that is not JSON, naming it and the inputs that replace it', () => {
    const dir = configDir('{"auths": ');
    assert.throws(
      () => readDockerConfig({ DOCKER_CONFIG: dir }),
      authError(join(dir, 'config.json'), 'is not valid JSON', "'registry-username' and 'registry-password'"),
    );
  });

  it('refuses a file over 1 MiB without parsing it, and reads one of exactly 1 MiB', () => {
    const padded = (length: number) => {
      const frame = '{"pad":""}';
      return `{"pad":"${'x'.repeat(length - frame.length)}"}`;
    };
    const oneMiB = 1024 * 1024;
    assert.equal(
      (readDockerConfig({ DOCKER_CONFIG: configDir(padded(oneMiB)) }) as { pad: string }).pad.length,
      oneMiB - 10,
    );
    assert.throws(
      () => readDockerConfig({ DOCKER_CONFIG: configDir(padded(oneMiB + 1)) }),
      authError('too large'),
    );
  });
});

describe('credentialFromDockerConfig', () => {
  describe('when auths holds the host', () => {
    const cases: [string, DockerConfig['auths'], { username: string; password: string } | undefined][] = [
      [
        'an identity token, as docker login stores for token registries',
        { 'registry.example': { identitytoken: 'refresh-token' } },
        { username: '<token>', password: 'refresh-token' },
      ],
      [
        'username and password fields',
        { 'registry.example': { username: 'bot', password: 'pw' } },
        { username: 'bot', password: 'pw' },
      ],
      [
        'base64 user:password, split at the first colon',
        { 'registry.example': { auth: base64('bot:pa:ss') } },
        { username: 'bot', password: 'pa:ss' },
      ],
      [
        'the host under an https:// key',
        { 'https://registry.example': { auth: base64('bot:pw') } },
        { username: 'bot', password: 'pw' },
      ],
      [
        'the host under an http:// key',
        { 'http://registry.example': { auth: base64('bot:pw') } },
        { username: 'bot', password: 'pw' },
      ],
      [
        'a username without a password: nothing usable',
        { 'registry.example': { username: 'bot' } },
        undefined,
      ],
      [
        'a password without a username: nothing usable',
        { 'registry.example': { password: 'pw' } },
        undefined,
      ],
      ['auth without a colon: nothing usable', { 'registry.example': { auth: base64('botpw') } }, undefined],
      [
        'auth with an empty user name: nothing usable',
        { 'registry.example': { auth: base64(':pw') } },
        undefined,
      ],
      ['a look-alike host only: nothing', { 'registry.example.evil': { auth: base64('bot:pw') } }, undefined],
      ['a parent domain only: nothing', { example: { auth: base64('bot:pw') } }, undefined],
    ];
    for (const [name, auths, expected] of cases) {
      it(`reads ${name}`, async () => {
        assert.deepEqual(await credentialFromDockerConfig({ auths }, 'registry.example', noHelper), expected);
      });
    }

    it('prefers the identity token over the other fields of the entry', async () => {
      const auths = {
        'registry.example': { identitytoken: 'tok', username: 'bot', password: 'pw', auth: base64('a:b') },
      };
      assert.deepEqual(await credentialFromDockerConfig({ auths }, 'registry.example', noHelper), {
        username: '<token>',
        password: 'tok',
      });
    });

    it('prefers the bare host key, then https://, then http://', async () => {
      const auths = {
        'http://registry.example': { auth: base64('plain:1') },
        'https://registry.example': { auth: base64('tls:2') },
      };
      assert.deepEqual(await credentialFromDockerConfig({ auths }, 'registry.example', noHelper), {
        username: 'tls',
        password: '2',
      });
    });

    it('goes on to the next key when an entry holds nothing usable', async () => {
      const auths = {
        'registry.example': { auth: base64('no-colon') },
        'https://registry.example': { auth: base64('bot:pw') },
      };
      assert.deepEqual(await credentialFromDockerConfig({ auths }, 'registry.example', noHelper), {
        username: 'bot',
        password: 'pw',
      });
    });
  });

  describe('for Docker Hub (index.docker.io)', () => {
    for (const key of [
      'https://index.docker.io/v1/',
      'index.docker.io',
      'docker.io',
      'registry-1.docker.io',
    ]) {
      it(`finds credentials stored under ${key}`, async () => {
        const config = { auths: { [key]: { auth: base64('hubuser:hubpw') } } };
        assert.deepEqual(await credentialFromDockerConfig(config, 'index.docker.io', noHelper), {
          username: 'hubuser',
          password: 'hubpw',
        });
      });
    }

    it("asks a helper for Hub's historical server URL, as docker does", async () => {
      const helper = helperKnowing({
        'https://index.docker.io/v1/': '{"Username":"hubuser","Secret":"hubpw"}',
      });
      const found = await credentialFromDockerConfig(
        { credsStore: 'desktop' },
        'index.docker.io',
        helper.run,
      );
      assert.deepEqual(found, { username: 'hubuser', password: 'hubpw' });
      assert.deepEqual(helper.calls, [['desktop', 'https://index.docker.io/v1/']]);
    });

    it('does not treat other hosts as Docker Hub', async () => {
      const config = { auths: { 'docker.io': { auth: base64('hubuser:hubpw') } } };
      assert.equal(await credentialFromDockerConfig(config, 'ghcr.io', noHelper), undefined);
    });
  });

  describe('when a credential helper is configured', () => {
    it('asks the per-host helper with the host, before the store and auths', async () => {
      const helper = helperKnowing({ 'registry.example': '{"Username":"from-helper","Secret":"s1"}' });
      const config = {
        credHelpers: { 'registry.example': 'ecr-login' },
        credsStore: 'desktop',
        auths: { 'registry.example': { auth: base64('from-auths:s2') } },
      };
      assert.deepEqual(await credentialFromDockerConfig(config, 'registry.example', helper.run), {
        username: 'from-helper',
        password: 's1',
      });
      assert.deepEqual(helper.calls, [['ecr-login', 'registry.example']]);
    });

    it('finds a per-host helper stored under the https:// key', async () => {
      const helper = helperKnowing({ 'registry.example': '{"Username":"u","Secret":"s"}' });
      const config = { credHelpers: { 'https://registry.example': 'gcloud' } };
      await credentialFromDockerConfig(config, 'registry.example', helper.run);
      assert.deepEqual(helper.calls, [['gcloud', 'registry.example']]);
    });

    it('uses the global credsStore when no per-host helper names the host', async () => {
      const helper = helperKnowing({ 'registry.example': '{"Username":"u","Secret":"s"}' });
      const config = { credHelpers: { 'other.example': 'gcloud' }, credsStore: 'pass' };
      assert.deepEqual(await credentialFromDockerConfig(config, 'registry.example', helper.run), {
        username: 'u',
        password: 's',
      });
      assert.deepEqual(helper.calls, [['pass', 'registry.example']]);
    });

    it('falls back to auths when the helper knows nothing of the host (it exits non-zero)', async () => {
      const helper = helperKnowing({});
      const config = { credsStore: 'desktop', auths: { 'registry.example': { auth: base64('bot:pw') } } };
      assert.deepEqual(await credentialFromDockerConfig(config, 'registry.example', helper.run), {
        username: 'bot',
        password: 'pw',
      });
    });

    it('falls back to auths when the helper answers without a secret', async () => {
      const helper = helperKnowing({ 'registry.example': '{"Username":"u","Secret":""}' });
      const config = { credsStore: 'desktop', auths: { 'registry.example': { auth: base64('bot:pw') } } };
      assert.deepEqual(await credentialFromDockerConfig(config, 'registry.example', helper.run), {
        username: 'bot',
        password: 'pw',
      });
    });

    it('takes a secret without a user name with an empty user name', async () => {
      const helper = helperKnowing({ 'registry.example': '{"Secret":"only-secret"}' });
      assert.deepEqual(
        await credentialFromDockerConfig({ credsStore: 'desktop' }, 'registry.example', helper.run),
        {
          username: '',
          password: 'only-secret',
        },
      );
    });

    it('refuses a helper that answers something other than JSON, naming helper and host', async () => {
      const helper = helperKnowing({ 'registry.example': 'Username: u' });
      await assert.rejects(
        credentialFromDockerConfig({ credsStore: 'desktop' }, 'registry.example', helper.run),
        authError('docker-credential-desktop', 'registry.example', 'other than JSON'),
      );
    });

    for (const helperName of ['ecr-login', 'osxkeychain', 'secretservice', 'pass.v2', 'wincred_1']) {
      it(`runs a helper named ${helperName}`, async () => {
        const helper = helperKnowing({ 'registry.example': '{"Username":"u","Secret":"s"}' });
        await credentialFromDockerConfig({ credsStore: helperName }, 'registry.example', helper.run);
        assert.deepEqual(helper.calls, [[helperName, 'registry.example']]);
      });
    }

    for (const helperName of ['../../bin/sh', 'evil;', ';evil', 'a b', 'x/y', '$(id)']) {
      it(`refuses to run a helper named ${JSON.stringify(helperName)}`, async () => {
        const helper = helperKnowing({});
        await assert.rejects(
          credentialFromDockerConfig({ credsStore: helperName }, 'registry.example', helper.run),
          authError(`'${helperName}'`, 'not a helper name'),
        );
        assert.deepEqual(helper.calls, []);
      });
    }
  });

  it('runs no helper when the config names none', async () => {
    const helper = helperKnowing({ 'registry.example': '{"Username":"u","Secret":"s"}' });
    const config = { auths: { 'registry.example': { auth: base64('bot:pw') } } };
    assert.deepEqual(await credentialFromDockerConfig(config, 'registry.example', helper.run), {
      username: 'bot',
      password: 'pw',
    });
    assert.deepEqual(helper.calls, []);
  });

  it('finds nothing in an empty config', async () => {
    assert.equal(await credentialFromDockerConfig({}, 'registry.example', noHelper), undefined);
  });
});
