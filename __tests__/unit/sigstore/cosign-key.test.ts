import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, scryptSync, sign, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { secretbox } from '@noble/ciphers/salsa.js';
import { SignerError, describeCause } from '../../../src/errors.ts';
import { readPrivateKey, startReadingKeyEarly } from '../../../src/sigstore/cosign-key.ts';

/**
 * An encrypted key laid out as FORMATS.md §5 describes cosign's (real cosign keys are tested end to end),
 * at a low scrypt cost unless a test asks for cosign's own.
 */
function encryptLikeCosign(der: Buffer, password: string, label: string, N = 1024): string {
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

  it("decrypts cosign's default cost (N = 65536, above Node's default scrypt memory cap)", async () => {
    const key = await readPrivateKey(
      encryptLikeCosign(der, 'pw', 'ENCRYPTED SIGSTORE PRIVATE KEY', 65536),
      'pw',
    );
    assert.equal(key.asymmetricKeyType, 'ec');
  });

  it('decrypts an encrypted Ed25519 key', async () => {
    const ed25519 = generateKeyPairSync('ed25519');
    const pem = encryptLikeCosign(
      ed25519.privateKey.export({ type: 'pkcs8', format: 'der' }),
      'pw',
      'ENCRYPTED SIGSTORE PRIVATE KEY',
    );
    const key = await readPrivateKey(pem, 'pw');
    const data = Buffer.from('payload');
    assert.ok(verify(null, data, ed25519.publicKey, sign(null, data, key)));
  });

  it('reads a SEC1 EC PEM, and a PEM with CRLF line ends amid other text', async () => {
    const sec1 = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    assert.equal((await readPrivateKey(sec1, '')).asymmetricKeyType, 'ec');
    const cosign = encryptLikeCosign(der, 'pw', 'ENCRYPTED COSIGN PRIVATE KEY').replace(/\n/g, '\r\n');
    assert.equal((await readPrivateKey(`key follows:\r\n${cosign}`, 'pw')).asymmetricKeyType, 'ec');
  });

  it("reads a passphrase-protected PKCS#8 PEM with 'key-password'", async () => {
    const encrypted = privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' })
      .toString();
    assert.equal((await readPrivateKey(encrypted, 'pw')).asymmetricKeyType, 'ec');
    await assert.rejects(
      () => readPrivateKey(encrypted, ''),
      (err: unknown) =>
        err instanceof SignerError &&
        err.code === 'KEY_INVALID' &&
        err.message.startsWith("Input 'key': the private key could not be read (") &&
        err.cause !== undefined,
    );
  });

  describe('when the input is not a usable key', () => {
    const envelope = (kdf: object, cipher: object = { name: 'nacl/secretbox', nonce: '' }): string =>
      `-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n${Buffer.from(JSON.stringify({ kdf, cipher, ciphertext: '' })).toString('base64')}\n-----END ENCRYPTED COSIGN PRIVATE KEY-----`;
    const scrypt = (params: object) => ({ name: 'scrypt', params, salt: '' });
    const messages: [string, string, string][] = [
      [
        'a PEM block whose END label differs',
        '-----BEGIN PRIVATE KEY-----\nMA==\n-----END PUBLIC KEY-----',
        'no PEM block was found',
      ],
      [
        'a certificate',
        '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----',
        'the PEM block is a CERTIFICATE, not a private key',
      ],
      [
        'another KDF',
        envelope({ name: 'pbkdf2', params: { N: 2, r: 1, p: 1 } }),
        'the key uses pbkdf2 / nacl/secretbox, not scrypt / nacl/secretbox',
      ],
      [
        'another cipher',
        envelope(scrypt({ N: 2, r: 1, p: 1 }), { name: 'aes-gcm' }),
        'the key uses scrypt / aes-gcm, not scrypt / nacl/secretbox',
      ],
      [
        'no KDF or cipher',
        '-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\nbnVsbA==\n-----END ENCRYPTED COSIGN PRIVATE KEY-----',
        'the key uses ? / ?, not scrypt / nacl/secretbox',
      ],
      [
        'JSON that does not parse',
        '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nbm90IGpzb24=\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----',
        'the encrypted key is not valid JSON inside its PEM',
      ],
      [
        'scrypt without a cipher',
        `-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n${Buffer.from(JSON.stringify({ kdf: scrypt({ N: 2, r: 1, p: 1 }) })).toString('base64')}\n-----END ENCRYPTED COSIGN PRIVATE KEY-----`,
        'the key uses scrypt / ?, not scrypt / nacl/secretbox',
      ],
      [
        'scrypt without parameters',
        envelope({ name: 'scrypt', salt: '' }),
        'the key has invalid scrypt parameters',
      ],
      [
        'an N that is not a power of two',
        envelope(scrypt({ N: 48, r: 8, p: 1 })),
        'the key has invalid scrypt parameters',
      ],
      ['an N of zero', envelope(scrypt({ N: 0, r: 8, p: 1 })), 'the key has invalid scrypt parameters'],
      [
        'an N above 2^20',
        envelope(scrypt({ N: 2 ** 21, r: 8, p: 1 })),
        'the key has invalid scrypt parameters',
      ],
      ['a fractional r', envelope(scrypt({ N: 2, r: 1.5, p: 1 })), 'the key has invalid scrypt parameters'],
      ['a negative p', envelope(scrypt({ N: 2, r: 1, p: -1 })), 'the key has invalid scrypt parameters'],
      // scrypt needs N < 2^(16·r) (RFC 7914); OpenSSL refuses the rest before deriving anything.
      [
        'an N too large for its r',
        envelope(scrypt({ N: 2 ** 17, r: 1, p: 1 })),
        'the key has invalid scrypt parameters',
      ],
      [
        'a plaintext that is not PKCS#8',
        encryptLikeCosign(Buffer.from('not der'), 'pw', 'ENCRYPTED SIGSTORE PRIVATE KEY'),
        'the decrypted key is not PKCS#8',
      ],
      [
        'an unreadable private key',
        '-----BEGIN PRIVATE KEY-----\nMA==\n-----END PRIVATE KEY-----',
        'the private key could not be read (',
      ],
    ];
    for (const [name, pem, why] of messages) {
      it(`says why for ${name}`, async () => {
        await assert.rejects(
          () => readPrivateKey(pem, 'pw'),
          (err: unknown) =>
            err instanceof SignerError &&
            err.code === 'KEY_INVALID' &&
            err.message.startsWith(`Input 'key': ${why}`) &&
            err.message.endsWith(
              "Pass a key made by 'cosign generate-key-pair' or a PKCS#8 PEM private key.",
            ),
        );
      });
    }

    it("quotes the first line of the reader's complaint about an unreadable key", async () => {
      await assert.rejects(
        () => readPrivateKey('-----BEGIN PRIVATE KEY-----\nMA==\n-----END PRIVATE KEY-----', ''),
        (err: unknown) =>
          err instanceof SignerError &&
          err.message.includes(`could not be read (${describeCause(err.cause).split('\n')[0]})`) &&
          describeCause(err.cause).length > 1,
      );
    });

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

describe('startReadingKeyEarly', () => {
  const pem = encryptLikeCosign(der, 'pw', 'ENCRYPTED SIGSTORE PRIVATE KEY');

  it('hands its read to the run’s read of the same key and password, once', async () => {
    const early = startReadingKeyEarly(pem, 'pw');
    assert.equal(readPrivateKey(pem, 'pw'), early);
    const again = readPrivateKey(pem, 'pw');
    assert.notEqual(again, early);
    const data = Buffer.from('payload');
    for (const key of await Promise.all([early, again]))
      assert.ok(verify('sha256', data, publicKey, sign('sha256', data, key)));
  });

  it('is not used for another password or key, and its failure is not the run’s', async () => {
    const early = startReadingKeyEarly(pem, 'wrong');
    const read = readPrivateKey(pem, 'pw');
    assert.notEqual(read, early);
    assert.equal((await read).asymmetricKeyType, 'ec');
    await assert.rejects(early, (err: unknown) => err instanceof SignerError && err.code === 'KEY_PASSWORD');

    const other = encryptLikeCosign(der, 'pw', 'ENCRYPTED COSIGN PRIVATE KEY');
    const otherEarly = startReadingKeyEarly(other, 'pw');
    assert.notEqual(readPrivateKey(pem, 'pw'), otherEarly);
    // Dropped by the read that did not match: a later read of its own key reads afresh.
    assert.notEqual(readPrivateKey(other, 'pw'), otherEarly);
  });
});
