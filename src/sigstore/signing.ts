import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { Signer } from '@sigstore/sign';
import type { Config } from '../config.ts';
import { CertifiedSigner } from './certified-signer.ts';
import { readPrivateKey } from './cosign-key.ts';
import { checkTokenFresh, readIdentityToken, readTokenClaims } from './identity-token.ts';
import { KeySigner } from './key-signer.ts';
import {
  CertificateIdentity,
  KeyIdentity,
  readCertificateSubject,
  type SignerIdentity,
} from './signer-identity.ts';
import { CertificateVerification, KeyVerification, type SignatureVerification } from './trust.ts';

/** Who signs, as later steps and verifiers need to know it. */
export type SignerDescription =
  | { readonly mode: 'dry-run' }
  | { readonly mode: 'key'; readonly publicKeyPem: string }
  | { readonly mode: 'keyless'; readonly certificateIdentity: string; readonly certificateIssuer: string };

export interface Signing {
  readonly signer: Signer;
  /** Recognises our own signatures already in the registry. */
  readonly identity: SignerIdentity;
  /** Checks what was written, as a verifier pinned to this signer would. */
  readonly verification: SignatureVerification;
  readonly description: SignerDescription;
}

export interface SigningEnvironment {
  readonly maskSecret: (secret: string) => void;
  readonly requestIdToken: (audience: string) => Promise<string>;
  /** The runner offers OIDC tokens only to jobs with `id-token: write`. */
  readonly runnerCanIssueToken: boolean;
  /** A line for the log (retries, once each). */
  readonly log: (message: string) => void;
}

/**
 * The signer the configuration asks for. Keyless reads the identity token and gets the certificate now,
 * once, so a missing permission or an unreachable Fulcio fails the run before anything is written.
 */
export async function createSigning(
  config: Config,
  environment: SigningEnvironment,
  trustedRoot: TrustedRoot | undefined,
): Promise<Signing> {
  const expectLog = config.tlog !== undefined;
  if (config.signing.mode === 'key') {
    const privateKey = await readPrivateKey(config.signing.keyPem, config.signing.password);
    const signer = new KeySigner(privateKey);
    const publicKey = createPublicKey(privateKey);
    return {
      signer,
      identity: new KeyIdentity(publicKey),
      verification: new KeyVerification(publicKey, trustedRoot, expectLog),
      description: { mode: 'key', publicKeyPem: signer.publicKeyPem },
    };
  }

  const token = await readIdentityToken(
    {
      given: config.signing.identityToken,
      fromRunner: environment.requestIdToken,
      runnerCanIssue: environment.runnerCanIssueToken,
    },
    environment.maskSecret,
  );
  checkTokenFresh(readTokenClaims(token));
  const signer = new CertifiedSigner({
    fulcioUrl: config.signing.fulcioUrl,
    identityProvider: { getToken: async () => token },
  });
  const certificatePem = await signer.certificatePem();
  const subject = readCertificateSubject(certificatePem);
  return {
    signer,
    identity: new CertificateIdentity(certificatePem),
    verification: new CertificateVerification(subject, trustedRoot, expectLog),
    description: { mode: 'keyless', certificateIdentity: subject.san, certificateIssuer: subject.issuer },
  };
}

/**
 * The dry run's signer: an ephemeral in-memory key, so a pull request from a fork needs no token and no
 * secret, and the payloads are still really built and signed.
 */
export function createEphemeralSigning(): Signing {
  const privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const publicKey = createPublicKey(privateKey);
  return {
    signer: new KeySigner(privateKey),
    identity: new KeyIdentity(publicKey),
    verification: new KeyVerification(publicKey, undefined, false),
    description: { mode: 'dry-run' },
  };
}
