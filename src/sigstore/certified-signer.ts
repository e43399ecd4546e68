import { generateKeyPairSync } from 'node:crypto';
import { pem } from '@sigstore/core';
import {
  FulcioSigner,
  InternalError,
  type IdentityProvider,
  type Signature,
  type Signer,
} from '@sigstore/sign';
import { SignerError } from '../errors.ts';
import { KeySigner, type FileSigner } from './key-signer.ts';
import { SIGSTORE_FETCH } from './service-errors.ts';

/** Fulcio certificates live ten minutes; a fresh one is asked for well before that. */
const CERTIFICATE_REUSE_MS = 5 * 60 * 1000;

export interface CertifiedSignerOptions {
  readonly fulcioUrl: string;
  readonly identityProvider: IdentityProvider;
}

/**
 * Keyless signing: an ephemeral P-256 key certified by Fulcio for the run's OIDC identity. sigstore-js's
 * FulcioSigner asks for a certificate on every signature; one certificate signs a whole release here
 * (as one `cosign sign` run does), renewed after a few minutes.
 */
export class CertifiedSigner implements Signer, FileSigner {
  private readonly keySigner = new KeySigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  private readonly fulcio: FulcioSigner;
  private certificate: { pem: Promise<string>; issuedAt: number } | undefined;
  readonly publicKey = this.keySigner.publicKey;

  constructor(options: CertifiedSignerOptions) {
    this.fulcio = new FulcioSigner({
      fulcioBaseURL: options.fulcioUrl,
      identityProvider: options.identityProvider,
      keyHolder: this.keySigner,
      ...SIGSTORE_FETCH,
    });
  }

  /** The leaf certificate (PEM) for this run's key, asked of Fulcio once. */
  certificatePem(): Promise<string> {
    if (!this.certificate || Date.now() - this.certificate.issuedAt > CERTIFICATE_REUSE_MS) {
      const pem = this.requestCertificate();
      this.certificate = { pem, issuedAt: Date.now() };
      pem.catch(() => (this.certificate = undefined));
    }
    return this.certificate.pem;
  }

  async sign(data: Buffer): Promise<Signature> {
    const certificate = await this.certificatePem();
    const { signature } = await this.keySigner.sign(data);
    return { signature, key: { $case: 'x509Certificate', certificate } };
  }

  async signFile(path: string): Promise<{ sha256: Buffer; signature: Signature }> {
    const certificate = await this.certificatePem();
    const { sha256, signature } = await this.keySigner.signFile(path);
    return {
      sha256,
      signature: { signature: signature.signature, key: { $case: 'x509Certificate', certificate } },
    };
  }

  private async requestCertificate(): Promise<string> {
    try {
      const signed = await this.fulcio.sign(Buffer.from('release-signer'));
      if (signed.key.$case !== 'x509Certificate') throw new Error('Fulcio returned no certificate');
      // Re-encoded as 64-column PEM, as cosign does: the hashedrekord entry carries this text, and
      // sigstore-python rebuilds the entry from the bundle's DER and compares bytes.
      return pem.fromDER(pem.toDER(signed.key.certificate));
    } catch (err) {
      throw toKeylessError(err);
    }
  }
}

/** sigstore-js puts the raw identity token into some messages and causes: never pass those on. */
function toKeylessError(err: unknown): SignerError {
  const code = err instanceof InternalError ? err.code : undefined;
  if (code === 'IDENTITY_TOKEN_PARSE_ERROR') {
    return new SignerError(
      'IDENTITY_TOKEN',
      "The OIDC identity token is not a JWT. Check 'identity-token', or let the runner provide one.",
    );
  }
  if (code === 'IDENTITY_TOKEN_READ_ERROR') {
    return new SignerError('IDENTITY_TOKEN', 'Could not get an OIDC identity token for keyless signing.');
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new SignerError(
    'SIGN_FAILED',
    `Fulcio did not issue a signing certificate: ${detail.split('\n')[0]}. Check 'fulcio-url' and that the token's issuer is one Fulcio trusts.`,
  );
}
