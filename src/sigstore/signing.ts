import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Signer } from '@sigstore/sign';
import { invalid } from '../input-source.ts';
import type { TransparencyLog } from './signing-config.ts';
import { readPrivateKey } from './cosign-key.ts';
import { checkTokenFresh, readIdentityToken, readTokenClaims } from './identity-token.ts';
import { KeySigner, type FileSigner } from './key-signer.ts';
import { readCertificateSubject } from './fulcio-certificate.ts';
import type { TrustedRootSource } from './trusted-root-source.ts';
import { CertificateVerification, KeyVerification, type SignatureVerification } from './trust.ts';

/** Signing with a key the user holds. */
export interface KeySigning {
  readonly mode: 'key';
  /** PEM text of the private key: cosign's encrypted format or plain PKCS#8. */
  readonly keyPem: string;
  /** Password for an encrypted key; empty when the key is not encrypted. */
  readonly password: string;
  /** Why `keyPem` is empty (no secret reaches a fork's pull request): refused only by a release run. */
  readonly missingKey?: string;
}

/** Keyless: an ephemeral key certified by Fulcio for the run's OIDC identity. */
export interface KeylessSigning {
  readonly mode: 'keyless';
  /** A token given by input (outside Actions); otherwise the runner issues one. */
  readonly identityToken?: string;
  readonly fulcioUrl: string;
}

export type SigningConfig = KeySigning | KeylessSigning;

/** What choosing a signer needs from the configuration. */
export interface SignerChoice {
  readonly signing: SigningConfig;
  /** Absent with tlog-upload false: then a key's signatures are judged without a log. */
  readonly tlog?: TransparencyLog;
}

/** Who signs, as later steps and verifiers need to know it. */
export type SignerDescription =
  | { readonly mode: 'dry-run' }
  | { readonly mode: 'key'; readonly publicKeyPem: string }
  | { readonly mode: 'keyless'; readonly certificateIdentity: string; readonly certificateIssuer: string };

export interface Signing {
  /** Signs images' payloads (Signer) and release files, streamed (FileSigner): one key, one identity. */
  readonly signer: Signer & FileSigner;
  /**
   * Checks a signature as a verifier pinned to this signer would: what is already in the registry
   * counts as ours only if it passes, and so must what was written.
   */
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
  /**
   * The key of `key` signing, already being read: a cosign key's scrypt takes a few hundred milliseconds
   * on the thread pool, so main.ts starts it before the signing code loads.
   */
  readonly privateKey?: Promise<KeyObject>;
}

/**
 * The signer the configuration asks for. Keyless reads the identity token and gets the certificate now,
 * once, so a missing permission or an unreachable Fulcio fails the run before anything is written.
 */
export async function createSigning(
  config: SignerChoice,
  environment: SigningEnvironment,
  trustedRoot: TrustedRootSource,
): Promise<Signing> {
  const expectLog = config.tlog !== undefined;
  if (config.signing.mode === 'key') {
    if (config.signing.missingKey) {
      throw invalid(
        'key',
        config.signing.missingKey,
        "Set 'key' to the PEM text of a cosign private key (from a secret). A dry run needs none: that is how pull requests from forks, which get no secrets, are checked",
      );
    }
    // A log entry is judged against the log's key in the trusted root; without a log, the key is all.
    const [privateKey, root] = await Promise.all([
      environment.privateKey ?? readPrivateKey(config.signing.keyPem, config.signing.password),
      expectLog ? trustedRoot() : undefined,
    ]);
    const signer = new KeySigner(privateKey);
    const publicKey = createPublicKey(privateKey);
    return {
      signer,
      verification: new KeyVerification(publicKey, { ...(root ? { trustedRoot: root } : {}), expectLog }),
      description: { mode: 'key', publicKeyPem: signer.publicKeyPem },
    };
  }

  // Fetched while the token and certificate are obtained; a failure stops the run before any write.
  const root = trustedRoot();
  root.catch(() => undefined);
  const token = await readIdentityToken(
    {
      given: config.signing.identityToken,
      fromRunner: environment.requestIdToken,
      runnerCanIssue: environment.runnerCanIssueToken,
    },
    environment.maskSecret,
  );
  checkTokenFresh(readTokenClaims(token));
  // Fulcio's client, and the HTTP stack it brings, load for keyless runs only.
  const { CertifiedSigner } = await import('./certified-signer.ts');
  const signer = new CertifiedSigner({
    fulcioUrl: config.signing.fulcioUrl,
    identityProvider: { getToken: async () => token },
  });
  const certificatePem = await signer.certificatePem();
  const subject = readCertificateSubject(certificatePem);
  return {
    signer,
    verification: new CertificateVerification(subject, { trustedRoot: await root, expectLog }),
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
    verification: new KeyVerification(publicKey, { expectLog: false }),
    description: { mode: 'dry-run' },
  };
}
