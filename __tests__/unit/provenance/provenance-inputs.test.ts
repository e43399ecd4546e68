import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import type { InputSource } from '../../../src/input-source.ts';
import { readProvenance } from '../../../src/provenance/provenance-inputs.ts';

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PUBLIC_PEM = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PRIVATE_PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function sourceOf(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  masked: string[] = [],
): InputSource {
  return {
    get: (name) => inputs[name] ?? '',
    env: (name) => ({ GITHUB_REPOSITORY: 'acme/app', ...env })[name],
    mask: (secret) => void masked.push(secret),
  };
}

async function refusal(fn: () => unknown): Promise<SignerError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('was accepted');
}

describe('readProvenance', () => {
  describe("when 'provenance-key' is not a public key", () => {
    for (const [what, value] of [
      ['a word', 'hello'],
      ['a PEM block of garbage', '-----BEGIN PUBLIC KEY-----\nhello\n-----END PUBLIC KEY-----'],
      ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
    ]) {
      it(`refuses ${what}, naming the input and the fix, without quoting it`, async () => {
        const err = await refusal(() => readProvenance(sourceOf({ 'provenance-key': value as string })));
        assert.equal(err.code, 'INPUT_INVALID');
        assert.match(err.message, /^Input 'provenance-key': not a PEM public key\. Give the PEM text/);
        assert.ok(!err.message.includes('hello'));
      });
    }

    it('refuses a private key, masks it, and says to rotate it', async () => {
      const masked: string[] = [];
      const err = await refusal(() =>
        readProvenance(sourceOf({ 'provenance-key': PRIVATE_PEM }, {}, masked)),
      );
      assert.match(err.message, /^Input 'provenance-key': is a private key.*rotate it/);
      assert.ok(masked.includes(PRIVATE_PEM.trim()));
    });
  });

  it('accepts a PEM public key', async () => {
    assert.equal(
      (await readProvenance(sourceOf({ 'provenance-key': PUBLIC_PEM }))).publicKeyPem,
      PUBLIC_PEM.trim(),
    );
  });

  describe("when 'provenance-policy' names a file", () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-policy-'));
    const workspace = join(root, 'workspace');
    const secret = join(root, 'secret.yml');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'policy.yml'), 'images:\n  acme/app:\n    source-repository: acme/src\n');
    writeFileSync(secret, 'hunter2-key: hunter2-value\n');
    symlinkSync(secret, join(workspace, 'link.yml'));
    const read = (value: string) =>
      readProvenance(sourceOf({ 'provenance-policy': value }, { GITHUB_WORKSPACE: workspace }));

    it('reads one inside the workspace, by relative or absolute path', async () => {
      assert.deepEqual((await read('policy.yml')).exceptions.images['acme/app'], {
        sourceRepository: 'acme/src',
      });
      assert.ok((await read(join(workspace, 'policy.yml'))).exceptions.images['acme/app']);
    });

    for (const [what, value] of [
      ['an absolute path outside', secret],
      ['a path that climbs out', join(workspace, '..', 'secret.yml')],
      ['a symlink inside that points outside', join(workspace, 'link.yml')],
      ['a symlink inside, by relative path', 'link.yml'],
      ['the workspace itself', '.'],
      ['a policy file that does not exist', 'missing.yml'],
    ]) {
      it(`refuses ${what}, naming the input, never quoting the file`, async () => {
        const err = await refusal(() => read(value as string));
        assert.equal(err.code, 'INPUT_INVALID');
        assert.match(err.message, /^Input 'provenance-policy': /);
        assert.doesNotMatch(err.message, /hunter2/);
      });
    }

    it('never quotes the keys or values of a file it refuses to parse', async () => {
      writeFileSync(join(workspace, 'bad.yml'), 'hunter2-key: hunter2-value\nimages: {a/b: {hunter2: 1}}\n');
      writeFileSync(join(workspace, 'bad-entry.yml'), 'images: {a/b: {hunter2: 1}}\n');
      writeFileSync(join(workspace, 'bad-regex.yml'), 'repositories: {a/b: {identity-regex: "hunter2(["}}\n');
      writeFileSync(join(workspace, 'bad-yaml.yml'), 'hunter2: [unclosed\n');
      for (const file of ['bad.yml', 'bad-entry.yml', 'bad-regex.yml', 'bad-yaml.yml']) {
        const err = await refusal(() => read(join(workspace, file)));
        assert.match(err.message, /^Input 'provenance-policy': /);
        assert.doesNotMatch(err.message, /hunter2/, err.message);
      }
    });
  });
});
