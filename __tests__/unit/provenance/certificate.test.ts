import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { X509Certificate } from '@sigstore/core';
import { readCertificateClaims, type CertificateClaims } from '../../../src/sigstore/fulcio-certificate.ts';
import { runProcess } from '../../harness/process.ts';
import { FLEET } from '../../harness/provenance.ts';
import {
  FLEET_RELEASE,
  GITHUB_ISSUER,
  startTestSigstore,
  type CertifiedIdentity,
  type TestSigstore,
} from './test-sigstore.ts';

const REPOSITORY_URI = `https://github.com/${FLEET.repository}`;

/** A self-signed certificate made by openssl with these -addext values (for SANs the mock CA cannot write). */
async function opensslCertificate(extensions: string[]): Promise<X509Certificate> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-cert-'));
  try {
    const result = await runProcess('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/O=sigstore.dev',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      ...extensions.flatMap((extension) => ['-addext', extension]),
    ]);
    assert.equal(result.code, 0, result.stderr);
    return X509Certificate.parse(readFileSync(join(dir, 'cert.pem'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('readCertificateClaims (Fulcio certificate extensions)', () => {
  let sigstore: TestSigstore;
  before(async () => {
    sigstore = await startTestSigstore();
  });
  const claimsOf = async (identity: CertifiedIdentity): Promise<CertificateClaims> =>
    readCertificateClaims(X509Certificate.parse((await sigstore.certify(identity)).certificate));

  it('reads the SAN and the GitHub claims of the current extensions (DER UTF8String, .8 and up)', async () => {
    assert.deepEqual(await claimsOf(FLEET_RELEASE), {
      san: FLEET_RELEASE.san,
      issuer: GITHUB_ISSUER,
      buildSignerUri: FLEET_RELEASE.san,
      runnerEnvironment: 'github-hosted',
      sourceRepositoryUri: REPOSITORY_URI,
      sourceRepositoryDigest: FLEET.commit,
      sourceRepositoryRef: FLEET.ref,
      buildTrigger: 'push',
      runInvocationUri: `https://github.com/${FLEET.repository}/actions/runs/${FLEET.runId}/attempts/1`,
    });
  });

  it('falls back to the deprecated extensions (.1 to .6, raw strings) of certificates issued before .8 existed', async () => {
    const claims = await claimsOf({
      san: FLEET_RELEASE.san,
      extensions: {
        1: GITHUB_ISSUER,
        2: 'push',
        3: FLEET.commit,
        4: 'Fleet release',
        5: FLEET.repository,
        6: FLEET.ref,
      },
    });
    assert.deepEqual(claims, {
      san: FLEET_RELEASE.san,
      issuer: GITHUB_ISSUER,
      buildTrigger: 'push',
      sourceRepositoryDigest: FLEET.commit,
      // .5 holds `owner/repo`, where .12 holds the URI: read as the URI, so both compare alike.
      sourceRepositoryUri: REPOSITORY_URI,
      sourceRepositoryRef: FLEET.ref,
    });
  });

  it('prefers the current extension when a certificate carries both', async () => {
    const claims = await claimsOf({
      san: FLEET_RELEASE.san,
      extensions: {
        1: 'https://deprecated.example',
        2: 'deprecated-trigger',
        3: 'deprecated-sha',
        5: 'deprecated/repository',
        6: 'refs/heads/deprecated',
        8: GITHUB_ISSUER,
        12: REPOSITORY_URI,
        13: FLEET.commit,
        14: FLEET.ref,
        20: 'push',
      },
    });
    assert.equal(claims.issuer, GITHUB_ISSUER);
    assert.equal(claims.buildTrigger, 'push');
    assert.equal(claims.sourceRepositoryDigest, FLEET.commit);
    assert.equal(claims.sourceRepositoryUri, REPOSITORY_URI);
    assert.equal(claims.sourceRepositoryRef, FLEET.ref);
  });

  it('leaves out the claims a certificate does not carry', async () => {
    assert.deepEqual(await claimsOf({ san: FLEET_RELEASE.san, extensions: { 8: GITHUB_ISSUER } }), {
      san: FLEET_RELEASE.san,
      issuer: GITHUB_ISSUER,
    });
  });

  it('reads an email SAN (keyless with another issuer), and an empty SAN when there is none', async () => {
    const email = await opensslCertificate([
      'subjectAltName=email:release@example.com',
      '1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:https://accounts.google.com',
    ]);
    assert.deepEqual(readCertificateClaims(email), {
      san: 'release@example.com',
      issuer: 'https://accounts.google.com',
    });
    assert.deepEqual(readCertificateClaims(await opensslCertificate([])), { san: '' });
  });
});
