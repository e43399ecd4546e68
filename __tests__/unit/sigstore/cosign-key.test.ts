import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, scryptSync, sign, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { secretbox } from '@noble/ciphers/salsa.js';
import { SignerError } from '../../../src/errors.ts';
import { readPrivateKey } from '../../../src/sigstore/cosign-key.ts';

/** An encrypted key laid out as FORMATS.md §5 describes cosign's (real cosign keys are tested end to end). */
function encryptLikeCosign(der: Buffer, password: string, label: string, N = 32768): string {
  const salt = randomBytes(32);
  const nonce = randomBytes(24);
  const secret = scryptSync(password, salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
  const envelope = {
    kdf: { name: 'scrypt', params: { N, r: 8, p: 1 }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(secretbox(secret, nonce).seal(der)).toString('base64'),
  };
  const body = Buffer.from(JSON.stringify(envelope)).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const der = privateKey.export({ type: 'pkcs8', format: 'der' });

describe('readPrivateKey', () => {
  for (const label of ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY']) {
    it(`decrypts a ${label} with the right password`, async () => {
      const key = await readPrivateKey(encryptLikeCosign(der, 'pw', label), 'pw');
      const data = Buffer.from('payload');
      assert.ok(verify('sha256', data, publicKey, sign('sha256', data, key)));
    });
  }

  it('refuses a wrong password with KEY_PASSWORD naming key-password', async () => {
    await assert.rejects(
      () => readPrivateKey(encryptLikeCosign(der, 'pw', 'ENCRYPTED SIGSTORE PRIVATE KEY'), 'nope'),
      (err: unknown) =>
        err instanceof SignerError && err.code === 'KEY_PASSWORD' && err.message.includes("'key-password'"),
    );
  });

  it('reads a plain PKCS#8 PEM without a password', async () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.equal((await readPrivateKey(pem, '')).asymmetricKeyType, 'ec');
  });

  describe('when the input is not a usable key', () => {
    const cases: [string, string][] = [
      ['no PEM', 'just text'],
      ['a public key', publicKey.export({ type: 'spki', format: 'pem' }).toString()],
      [
        'garbage JSON',
        '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nbm90IGpzb24=\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----',
      ],
      [
        'hostile scrypt cost',
        `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from(JSON.stringify({ kdf: { name: 'scrypt', params: { N: 2 ** 30, r: 8, p: 1 }, salt: '' }, cipher: { name: 'nacl/secretbox', nonce: '' }, ciphertext: '' })).toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----`,
      ],
    ];
    for (const [name, pem] of cases) {
      it(`refuses ${name} with KEY_INVALID naming the key input`, async () => {
        await assert.rejects(
          () => readPrivateKey(pem, 'pw'),
          (err: unknown) =>
            err instanceof SignerError && err.code === 'KEY_INVALID' && err.message.startsWith("Input 'key'"),
        );
      });
    }
  });
});
