import { createPrivateKey, scrypt, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { secretbox } from '@noble/ciphers/salsa.js';
import { SignerError, describeCause } from '../errors.ts';

// cosign's encrypted private key: PEM around base64 JSON
// {"kdf":{"name":"scrypt","params":{"N","r","p"},"salt"},"cipher":{"name":"nacl/secretbox","nonce"},"ciphertext"}
// whose plaintext is PKCS#8 DER. https://github.com/sigstore/cosign/blob/main/pkg/cosign/keys.go
// and https://github.com/secure-systems-lab/go-securesystemslib/blob/main/encrypted/encrypted.go
const ENCRYPTED_LABELS = ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY'];
const SCRYPT_KEY_BYTES = 32;
const MAX_SCRYPT_N = 1 << 20;

interface EncryptedKeyEnvelope {
  kdf: { name: string; params: { N: number; r: number; p: number }; salt: string };
  cipher: { name: string; nonce: string };
  ciphertext: string;
}

function pemBlock(pem: string): { label: string; body: Buffer } | undefined {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) return undefined;
  return { label: match[1] ?? '', body: Buffer.from((match[2] ?? '').replace(/\s+/g, ''), 'base64') };
}

function invalidKey(why: string, cause?: unknown): SignerError {
  return new SignerError(
    'KEY_INVALID',
    `Input 'key': ${why}. Pass a key made by 'cosign generate-key-pair' or a PKCS#8 PEM private key.`,
    cause,
  );
}

function parseEnvelope(body: Buffer): EncryptedKeyEnvelope {
  let envelope: EncryptedKeyEnvelope;
  try {
    envelope = JSON.parse(body.toString('utf8')) as EncryptedKeyEnvelope;
  } catch (err) {
    throw invalidKey('the encrypted key is not valid JSON inside its PEM', err);
  }
  const { kdf, cipher } = envelope ?? {};
  if (kdf?.name !== 'scrypt' || cipher?.name !== 'nacl/secretbox') {
    throw invalidKey(
      `the key uses ${kdf?.name ?? '?'} / ${cipher?.name ?? '?'}, not scrypt / nacl/secretbox`,
    );
  }
  const { N, r, p } = kdf.params ?? {};
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > MAX_SCRYPT_N || (N & (N - 1)) !== 0) {
    throw invalidKey('the key has invalid scrypt parameters');
  }
  return envelope;
}

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

async function decryptCosignKey(body: Buffer, password: string): Promise<Buffer> {
  const envelope = parseEnvelope(body);
  const { N, r, p } = envelope.kdf.params;
  const salt = Buffer.from(envelope.kdf.salt, 'base64');
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is too small for cosign's N = 65536. It runs
  // off the event loop, so the run's first registry requests go out while the key is derived.
  let secret: Buffer;
  try {
    secret = await scryptAsync(password, salt, SCRYPT_KEY_BYTES, {
      N,
      r,
      p,
      maxmem: 256 * N * r + 1024 * 1024,
    });
  } catch (err) {
    // OpenSSL refuses parameters the checks above let through, such as N ≥ 2^(16·r) (RFC 7914 §2).
    throw invalidKey('the key has invalid scrypt parameters', err);
  }
  try {
    const nonce = Buffer.from(envelope.cipher.nonce, 'base64');
    return Buffer.from(secretbox(secret, nonce).open(Buffer.from(envelope.ciphertext, 'base64')));
  } catch (err) {
    throw new SignerError(
      'KEY_PASSWORD',
      "Input 'key-password': the password does not decrypt the key. Set 'key-password' (or COSIGN_PASSWORD) to the password given to 'cosign generate-key-pair'.",
      err,
    );
  }
}

/** A read started before the run's configuration was known, waiting for the read it stands in for. */
let early:
  { readonly pem: string; readonly password: string; readonly reading: Promise<KeyObject> } | undefined;

/**
 * Starts reading a key as soon as the process starts: cosign's scrypt takes 0.1–0.2 s on the thread pool,
 * the same time as loading the action's code. The run's own read of the same key and password takes it
 * over (readPrivateKey); its failure is reported there, not here.
 */
export function startReadingKeyEarly(pem: string, password: string): Promise<KeyObject> {
  const reading = readKey(pem, password);
  reading.catch(() => undefined);
  early = { pem, password, reading };
  return reading;
}

/** Reads a cosign encrypted key or a plain PKCS#8 / SEC1 PEM private key. */
export function readPrivateKey(pem: string, password: string): Promise<KeyObject> {
  const started = early;
  early = undefined;
  if (started && started.pem === pem && started.password === password) return started.reading;
  return readKey(pem, password);
}

async function readKey(pem: string, password: string): Promise<KeyObject> {
  const block = pemBlock(pem);
  if (!block) throw invalidKey('no PEM block was found');
  if (ENCRYPTED_LABELS.includes(block.label)) {
    const der = await decryptCosignKey(block.body, password);
    try {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch (err) {
      throw invalidKey('the decrypted key is not PKCS#8', err);
    }
  }
  if (!block.label.endsWith('PRIVATE KEY'))
    throw invalidKey(`the PEM block is a ${block.label}, not a private key`);
  try {
    return createPrivateKey(
      password && block.label === 'ENCRYPTED PRIVATE KEY' ? { key: pem, passphrase: password } : pem,
    );
  } catch (err) {
    throw invalidKey(`the private key could not be read (${describeCause(err).split('\n')[0]})`, err);
  }
}
