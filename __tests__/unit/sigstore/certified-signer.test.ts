import assert from 'node:assert/strict';
import { X509Certificate, createHash, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { readCertificateSubject } from '../../../src/sigstore/fulcio-certificate.ts';
import { CertifiedSigner } from '../../../src/sigstore/certified-signer.ts';
import { GITHUB_ISSUER, RELEASE_CLAIMS, mintToken, workflowIdentity } from '../../harness/oidc.ts';
import { startFakeFulcio, type FakeFulcio } from './fake-fulcio.ts';

const TOKEN = mintToken();

async function rejection(promise: Promise<unknown>): Promise<SignerError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('resolved');
}

describe('CertifiedSigner', () => {
  let fulcio: FakeFulcio;
  const signer = (getToken: () => Promise<string> = async () => TOKEN) =>
    new CertifiedSigner({ fulcioUrl: fulcio.url, identityProvider: { getToken } });

  before(async () => {
    fulcio = await startFakeFulcio();
  });
  after(() => fulcio.stop());
  beforeEach(() => {
    fulcio.requests.length = 0;
    fulcio.refuseWith(undefined);
  });

  it("gets a certificate for its own key and the token's identity, as 64-column PEM", async () => {
    const keyless = signer();
    const pem = await keyless.certificatePem();
    const certificate = new X509Certificate(pem);
    assert.ok(certificate.publicKey.equals(keyless.publicKey));
    assert.deepEqual(readCertificateSubject(pem), {
      san: workflowIdentity(RELEASE_CLAIMS),
      issuer: GITHUB_ISSUER,
    });
    const lines = pem.trim().split('\n');
    assert.equal(lines[0], '-----BEGIN CERTIFICATE-----');
    assert.ok(lines.slice(1, -2).every((line) => line.length === 64));
    const request = JSON.parse(fulcio.requests[0] ?? '{}') as { credentials: { oidcIdentityToken: string } };
    assert.equal(request.credentials.oidcIdentityToken, TOKEN);
  });

  it('signs payloads and files with that key, carrying the certificate, asking Fulcio once', async () => {
    const keyless = signer();
    const data = Buffer.from('{"critical":{}}');
    const [first, second] = await Promise.all([keyless.sign(data), keyless.sign(data)]);
    const path = join(mkdtempSync(join(tmpdir(), 'rs-certified-')), 'app.tar.gz');
    writeFileSync(path, data);
    const file = await keyless.signFile(path);
    assert.equal(fulcio.requests.length, 1);
    for (const signature of [first, second, file.signature]) {
      assert.ok(verify('sha256', data, keyless.publicKey, signature.signature));
      assert.deepEqual(signature.key, {
        $case: 'x509Certificate',
        certificate: await keyless.certificatePem(),
      });
    }
    assert.deepEqual(file.sha256, createHash('sha256').update(data).digest());
  });

  it('asks for a fresh certificate once five minutes have passed, not before', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      const keyless = signer();
      await keyless.certificatePem();
      mock.timers.tick(5 * 60 * 1000);
      await keyless.certificatePem();
      assert.equal(fulcio.requests.length, 1);
      mock.timers.tick(1);
      await keyless.certificatePem();
      assert.equal(fulcio.requests.length, 2);
    } finally {
      mock.timers.reset();
    }
  });

  it('asks again after a refusal instead of keeping the failure', async () => {
    const keyless = signer();
    fulcio.refuseWith({ status: 400, body: '{"code":400,"message":"token audience"}' });
    await rejection(keyless.certificatePem());
    fulcio.refuseWith(undefined);
    await keyless.certificatePem();
    assert.equal(fulcio.requests.length, 2);
  });

  describe('when no certificate is issued', () => {
    it("says Fulcio refused, naming 'fulcio-url' and the token's issuer (SIGN_FAILED)", async () => {
      fulcio.refuseWith({ status: 400, body: '{"code":400,"message":"unsupported issuer"}' });
      const error = await rejection(signer().sign(Buffer.from('x')));
      assert.equal(error.code, 'SIGN_FAILED');
      assert.match(
        error.message,
        /^Fulcio did not issue a signing certificate: error creating signing certificate - \(400\) Bad Request\. Check 'fulcio-url' and that the token's issuer is one Fulcio trusts\.$/,
      );
    });

    it('refuses a token that is not a JWT without repeating the token, or passing a cause that holds it', async () => {
      const secret = 'ghs_not-a-jwt-but-secret';
      const error = await rejection(signer(async () => secret).sign(Buffer.from('x')));
      assert.equal(error.code, 'IDENTITY_TOKEN');
      assert.match(error.message, /^The OIDC identity token is not a JWT\. Check 'identity-token'/);
      assert.ok(!error.message.includes(secret));
      assert.equal(error.cause, undefined);
      assert.equal(fulcio.requests.length, 0);
    });

    it('says no token could be got when the provider fails, without its message', async () => {
      const error = await rejection(
        signer(() => Promise.reject(new Error('token endpoint said ghs_secret'))).signFile('/nonexistent'),
      );
      assert.equal(error.code, 'IDENTITY_TOKEN');
      assert.equal(error.message, 'Could not get an OIDC identity token for keyless signing.');
      assert.equal(error.cause, undefined);
    });
  });
});
