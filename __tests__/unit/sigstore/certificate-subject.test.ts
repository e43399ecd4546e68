import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { initializeCA } from '@sigstore/mock';
import { readCertificateSubject } from '../../../src/sigstore/fulcio-certificate.ts';

const ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
const ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';
const SAN = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0';

const ca = await initializeCA(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
const leafKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
  type: 'spki',
  format: 'der',
});

/** A Fulcio-style leaf; `legacy` extensions hold the raw string (v1), the others a DER UTF8String (v2). */
async function certificate(extensions: { oid: string; value: string; legacy?: boolean }[]): Promise<string> {
  const view = await ca.issueCertificate({ publicKey: leafKey, subjectAltName: SAN, extensions });
  const der = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
}

describe('readCertificateSubject', () => {
  it("reads the URI SAN and the v2 issuer extension's UTF8String", async () => {
    const pem = await certificate([{ oid: ISSUER_V2, value: 'https://token.actions.githubusercontent.com' }]);
    assert.deepEqual(readCertificateSubject(pem), {
      san: SAN,
      issuer: 'https://token.actions.githubusercontent.com',
    });
  });

  it("reads the v1 issuer extension's raw string when there is no v2 one", async () => {
    const pem = await certificate([{ oid: ISSUER_V1, value: 'https://accounts.example', legacy: true }]);
    assert.equal(readCertificateSubject(pem).issuer, 'https://accounts.example');
  });

  it('prefers the v2 extension when both are present, as Fulcio writes both', async () => {
    const pem = await certificate([
      { oid: ISSUER_V1, value: 'https://v1.example', legacy: true },
      { oid: ISSUER_V2, value: 'https://v2.example' },
    ]);
    assert.equal(readCertificateSubject(pem).issuer, 'https://v2.example');
  });

  it('gives an empty issuer for a certificate without either extension (it matches no identity)', async () => {
    assert.deepEqual(readCertificateSubject(await certificate([])), { san: SAN, issuer: '' });
  });
});
