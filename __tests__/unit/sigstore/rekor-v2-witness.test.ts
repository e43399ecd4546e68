import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { dsse } from '@sigstore/core';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import type { SignatureBundle } from '@sigstore/sign';
import { SignerError } from '../../../src/errors.ts';
import { RekorV2Witness } from '../../../src/sigstore/rekor-v2-witness.ts';
import { readBody } from '../../harness/request-body.ts';

const publicPem = (key: ReturnType<typeof generateKeyPairSync>['publicKey']): string =>
  key.export({ type: 'spki', format: 'pem' }).toString();
const P256 = publicPem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);

const ENVELOPE = {
  payloadType: 'application/vnd.in-toto+json',
  payload: Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}'),
  signatures: [{ keyid: '', sig: Buffer.from('envelope-signature') }],
};

/** What rekor-tiles' create-entry endpoint receives: the JSON body of each POST. */
interface HashedRekordRequest {
  hashedRekordRequestV002?: { digest: string; signature: { content: string } };
}

describe('RekorV2Witness', () => {
  let rekor: Server;
  let url = '';
  const posted: { path: string; body: HashedRekordRequest }[] = [];
  before(async () => {
    // Refuses every entry: the request is what is judged here, not the log's answer.
    rekor = createServer((req, res) => {
      void readBody(req).then((body) => {
        posted.push({ path: req.url ?? '', body: JSON.parse(body.toString('utf8')) as HashedRekordRequest });
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"code":3,"message":"refused in test"}');
      });
    });
    await new Promise<void>((resolveListen) => rekor.listen(0, '127.0.0.1', resolveListen));
    const address = rekor.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(async () => {
    rekor.closeAllConnections();
    await new Promise<void>((resolveClose) => rekor.close(() => resolveClose()));
  });
  beforeEach(() => {
    posted.length = 0;
  });
  const witness = () => new RekorV2Witness({ rekorBaseURL: url, retry: 0 });

  it("logs a DSSE envelope as a hashedrekord of its signature over the SHA-256 of the envelope's PAE", async () => {
    await assert.rejects(() => witness().testify({ $case: 'dsseEnvelope', dsseEnvelope: ENVELOPE }, P256));
    const encoding = dsse.preAuthEncoding(ENVELOPE.payloadType, ENVELOPE.payload);
    assert.equal(posted.length, 1);
    assert.equal(posted[0]?.path, '/api/v2/log/entries');
    assert.deepEqual(
      posted[0]?.body.hashedRekordRequestV002?.digest,
      createHash('sha256').update(encoding).digest('base64'),
    );
    assert.equal(
      posted[0]?.body.hashedRekordRequestV002?.signature.content,
      Buffer.from('envelope-signature').toString('base64'),
    );
  });

  it('logs a message signature as the hashedrekord it already is', async () => {
    const digest = createHash('sha256').update('payload').digest();
    const content: SignatureBundle = {
      $case: 'messageSignature',
      messageSignature: {
        messageDigest: { algorithm: HashAlgorithm.SHA2_256, digest },
        signature: Buffer.from('sig'),
      },
    };
    await assert.rejects(() => witness().testify(content, P256));
    assert.equal(posted[0]?.body.hashedRekordRequestV002?.digest, digest.toString('base64'));
    assert.equal(
      posted[0]?.body.hashedRekordRequestV002?.signature.content,
      Buffer.from('sig').toString('base64'),
    );
  });

  it('refuses an envelope without a signature, logging nothing', () => {
    const unsigned = { $case: 'dsseEnvelope' as const, dsseEnvelope: { ...ENVELOPE, signatures: [] } };
    assert.throws(() => witness().testify(unsigned, P256), /the DSSE envelope has no signature to log/);
    assert.equal(posted.length, 0);
  });

  describe('with a key other than ECDSA P-256', () => {
    const keys: [string, string, RegExp][] = [
      [
        'P-384',
        publicPem(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey),
        /'key' is ec \(secp384r1\)\. Use a P-256 key/,
      ],
      ['Ed25519', publicPem(generateKeyPairSync('ed25519').publicKey), /'key' is ed25519\. Use a P-256 key/],
      [
        'RSA',
        publicPem(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey),
        /'key' is rsa\. Use a P-256 key/,
      ],
    ];
    for (const [name, pem, message] of keys) {
      it(`refuses ${name} before logging anything, naming the key type (INPUT_CONFLICT)`, () => {
        assert.throws(
          () => witness().testify({ $case: 'dsseEnvelope', dsseEnvelope: ENVELOPE }, pem),
          (err: unknown) =>
            err instanceof SignerError &&
            err.code === 'INPUT_CONFLICT' &&
            err.message.startsWith('Rekor v2 logging supports ECDSA P-256 keys only here') &&
            message.test(err.message),
        );
        assert.equal(posted.length, 0);
      });
    }
  });
});
