import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { KeySigner, hashForKey } from '../../../src/sigstore/key-signer.ts';
import { signFileStream, verifyFileStream } from '../../../src/sigstore/stream-signing.ts';

const KEYS: [string, KeyObject][] = [
  ['ECDSA P-256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
  ['ECDSA P-384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey],
  ['RSA', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey],
];
const ED25519 = generateKeyPairSync('ed25519').privateKey;

const file = (content: string | Buffer): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'rs-keysigner-')), 'release.tar.gz');
  writeFileSync(path, content);
  return path;
};
const CONTENT = Buffer.from('release archive bytes '.repeat(5000));
const SIGNATURE_ERROR = (err: unknown) =>
  err instanceof SignerError &&
  err.code === 'KEY_INVALID' &&
  /Ed25519 key cannot sign release files/.test(err.message);

describe('KeySigner', () => {
  for (const [name, key] of KEYS) {
    describe(`with an ${name} key`, () => {
      const signer = new KeySigner(key);

      it('signs with SHA-256, as cosign verify --key checks it', async () => {
        const data = Buffer.from('{"critical":{}}');
        const { signature } = await signer.sign(data);
        assert.ok(verify('sha256', data, signer.publicKey, signature));
      });

      it("carries the public key as PEM, hinted by the SHA-256 of its DER, as the bundle's key material", async () => {
        const { key: material } = await signer.sign(Buffer.from('x'));
        const spki = signer.publicKey.export({ type: 'spki', format: 'der' });
        assert.deepEqual(material, {
          $case: 'publicKey',
          publicKey: signer.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          hint: createHash('sha256').update(spki).digest('base64'),
        });
        assert.match(signer.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
      });

      it('signs a file streamed, giving its SHA-256 and a signature over its bytes', async () => {
        const { sha256, signature } = await signer.signFile(file(CONTENT));
        assert.deepEqual(sha256, createHash('sha256').update(CONTENT).digest());
        assert.ok(verify('sha256', CONTENT, signer.publicKey, signature.signature));
        assert.equal(signature.key.$case, 'publicKey');
      });
    });
  }

  describe('with an Ed25519 key', () => {
    const signer = new KeySigner(ED25519);

    it('signs the message itself (pure Ed25519, no pre-hash)', async () => {
      const data = Buffer.from('{"critical":{}}');
      const { signature } = await signer.sign(data);
      assert.ok(verify(null, data, signer.publicKey, signature));
      assert.equal(hashForKey(signer.publicKey), null);
    });

    it('refuses to sign a release file, naming the key input and what to use instead', async () => {
      await assert.rejects(() => signer.signFile(file(CONTENT)), SIGNATURE_ERROR);
    });
  });
});

describe('verifyFileStream', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const path = file(CONTENT);

  it('verifies the signature signFileStream made, with the SHA-256 of the file', async () => {
    const { signature, sha256 } = await signFileStream(path, privateKey);
    assert.deepEqual(await verifyFileStream(path, publicKey, signature), { sha256, verified: true });
  });

  it('does not verify a signature over other bytes, or by another key', async () => {
    const { signature } = await signFileStream(file('other bytes'), privateKey);
    assert.equal((await verifyFileStream(path, publicKey, signature)).verified, false);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const { signature: ours } = await signFileStream(path, privateKey);
    assert.equal((await verifyFileStream(path, other, ours)).verified, false);
  });

  it('takes a signature that is not DER as not verified, not as an error', async () => {
    const result = await verifyFileStream(path, publicKey, Buffer.from('not a signature'));
    assert.equal(result.verified, false);
  });

  it('refuses Ed25519 and Ed448 keys, which cannot stream', async () => {
    for (const pair of [generateKeyPairSync('ed25519'), generateKeyPairSync('ed448')]) {
      await assert.rejects(() => verifyFileStream(path, pair.publicKey, Buffer.alloc(64)), SIGNATURE_ERROR);
      await assert.rejects(() => signFileStream(path, pair.privateKey), SIGNATURE_ERROR);
    }
  });
});
