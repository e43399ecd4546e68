import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OCI_INDEX, OCI_MANIFEST, pushBlob, pushManifest, type PushedManifest } from './fixtures.ts';
import { runProcess } from './process.ts';
import type { TestRegistry } from './registry.ts';

/**
 * What anyone with push access can plant: signatures whose certificate *names* the release workflow and
 * its issuer, but is self-signed: no Fulcio, no SCT, no log entry, no timestamp. cosign rejects them; a
 * signer that took them for its own would write nothing and leave every consumer without a signature.
 */
export interface LookAlike {
  readonly privateKey: KeyObject;
  readonly certificatePem: string;
}

const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';

export async function makeLookAlikeCertificate(identity: string, issuer: string): Promise<LookAlike> {
  const dir = mkdtempSync(join(tmpdir(), 'lookalike-'));
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
      '-addext',
      `subjectAltName=URI:${identity}`,
      '-addext',
      `1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:${issuer}`,
      '-addext',
      'extendedKeyUsage=codeSigning',
    ]);
    if (result.code !== 0) throw new Error(`openssl: ${result.stderr}`);
    return {
      privateKey: createPrivateKey(readFileSync(join(dir, 'key.pem'))),
      certificatePem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A `.sig` layer over exactly the payload cosign (and the action) would sign for this digest. */
export async function plantLegacySignature(
  registry: TestRegistry,
  repository: string,
  digest: string,
  lookAlike: LookAlike,
): Promise<void> {
  const payload = Buffer.from(
    `{"critical":{"identity":{"docker-reference":"${registry.host}/${repository}"},"image":{"docker-manifest-digest":"${digest}"},"type":"cosign container image signature"},"optional":null}`,
  );
  const layer = await pushBlob(registry, repository, payload);
  const config = await pushBlob(registry, repository, Buffer.from('{}'));
  await pushManifest(registry, repository, `${digest.replace(':', '-')}.sig`, {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      size: config.size,
      digest: config.digest,
    },
    layers: [
      {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        size: layer.size,
        digest: layer.digest,
        annotations: {
          'dev.cosignproject.cosign/signature': sign('sha256', payload, lookAlike.privateKey).toString(
            'base64',
          ),
          'dev.sigstore.cosign/certificate': lookAlike.certificatePem,
          'dev.sigstore.cosign/chain': lookAlike.certificatePem,
        },
      },
    ],
  });
}

/** A bundle referrer over exactly the statement cosign v3 (and the action) signs, in the fallback tag. */
export async function plantBundleReferrer(
  registry: TestRegistry,
  repository: string,
  subject: PushedManifest,
  lookAlike: LookAlike,
): Promise<string> {
  const statement = Buffer.from(
    `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${subject.digest.slice('sha256:'.length)}"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
  );
  const payloadType = 'application/vnd.in-toto+json';
  const preAuth = Buffer.concat([
    Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${statement.length} `),
    statement,
  ]);
  const certificateDer = Buffer.from(
    lookAlike.certificatePem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''),
    'base64',
  );
  const bundle = Buffer.from(
    JSON.stringify({
      mediaType: BUNDLE_V03,
      verificationMaterial: {
        certificate: { rawBytes: certificateDer.toString('base64') },
        tlogEntries: [],
        timestampVerificationData: { rfc3161Timestamps: [] },
      },
      dsseEnvelope: {
        payload: statement.toString('base64'),
        payloadType,
        signatures: [{ sig: sign('sha256', preAuth, lookAlike.privateKey).toString('base64'), keyid: '' }],
      },
    }),
  );
  const layer = await pushBlob(registry, repository, bundle);
  const config = await pushBlob(registry, repository, Buffer.from('{}'));
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_EMPTY, size: config.size, digest: config.digest },
    layers: [{ mediaType: BUNDLE_V03, size: layer.size, digest: layer.digest }],
    annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope' },
    subject: { mediaType: subject.mediaType, size: subject.size, digest: subject.digest },
    artifactType: BUNDLE_V03,
  };
  const referrer = await pushManifest(registry, repository, undefined, manifest);
  await pushManifest(registry, repository, subject.digest.replace(':', '-'), {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      {
        mediaType: OCI_MANIFEST,
        digest: referrer.digest,
        size: referrer.size,
        artifactType: BUNDLE_V03,
        annotations: manifest.annotations,
      },
    ],
  });
  return referrer.digest;
}
