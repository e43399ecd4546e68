import { readFileSync } from 'node:fs';
import { verify, type KeyObject } from 'node:crypto';
import type { Bundle } from '@sigstore/bundle';
import { dsse, pem } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial, type SignedEntity } from '@sigstore/verify';
import { SignerError, describeCause } from '../errors.ts';
import { readCertificateSubject, type CertificateSubject } from './fulcio-certificate.ts';
import { hashForKey } from './key-signer.ts';
import { escapeUntrusted, quoteUntrusted } from '../util/untrusted.ts';

/** Largest trusted_root.json we read (the public-good one is about 10 KiB). */
const MAX_TRUSTED_ROOT_BYTES = 1024 * 1024;
/** A trusted root that trusts no Sigstore service: for key-only verification. */
export const EMPTY_ROOT = TrustedRoot.fromJSON({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
});

/** Reads `trusted-root`: a trusted_root.json as `cosign trusted-root create` or a private Sigstore publishes it. */
export function readTrustedRoot(path: string): TrustedRoot {
  try {
    const text = readFileSync(path);
    if (text.length > MAX_TRUSTED_ROOT_BYTES) throw new Error(`larger than ${MAX_TRUSTED_ROOT_BYTES} bytes`);
    return TrustedRoot.fromJSON(JSON.parse(text.toString('utf8')));
  } catch (err) {
    throw new SignerError(
      'INPUT_INVALID',
      `Input 'trusted-root': ${quoteUntrusted(path)} is not a readable trusted_root.json (${escapeUntrusted(describeCause(err))}). Give the path of your Sigstore's trusted_root.json.`,
      err,
    );
  }
}

/**
 * Checks a bundle as a verifier pinned to this run's signer would; throws what failed. The one judge of
 * "ours": a signature already in the registry counts as this signer's only if it passes, and so does
 * what read-back finds after writing.
 */
export interface SignatureVerification {
  /** Whether log entries are checked (only against a trusted root that lists the log's key). */
  readonly checksLog: boolean;
  verify(bundle: Bundle, artifact?: Artifact): void;
}

/**
 * What a message signature was made over: the bytes, or, for a file too large to hold, what one streamed
 * pass over it established (files/file-read-back.ts), in @sigstore/verify's own shape.
 */
export type Artifact = Buffer | SignedEntity['signature'];

function toEntity(bundle: Bundle, artifact: Artifact | undefined): SignedEntity {
  if (artifact === undefined || Buffer.isBuffer(artifact)) return toSignedEntity(bundle, artifact);
  return { ...toSignedEntity(bundle, Buffer.alloc(0)), signature: artifact };
}

function hasTimestamps(bundle: Bundle): boolean {
  return (bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0) > 0;
}

function withoutLogEntries(bundle: Bundle): Bundle {
  return { ...bundle, verificationMaterial: { ...bundle.verificationMaterial, tlogEntries: [] } };
}

/**
 * Accepts signatures by one public key, as `cosign verify --key` does. Log entries are checked when a
 * trusted root says which log keys to trust; without one, only the signature is.
 */
export class KeyVerification implements SignatureVerification {
  readonly checksLog: boolean;
  private readonly verifier: Verifier;
  private readonly publicKey: KeyObject;

  /** Without a trusted root (no log, or a dry run) the key alone is judged. */
  constructor(
    publicKey: KeyObject,
    { trustedRoot, expectLog }: { trustedRoot?: TrustedRoot; expectLog: boolean },
  ) {
    this.publicKey = publicKey;
    this.checksLog = expectLog && trustedRoot !== undefined;
    const material = toTrustMaterial(trustedRoot ?? EMPTY_ROOT, () => ({ publicKey, validFor: () => true }));
    this.verifier = new Verifier(material, {
      tlogThreshold: this.checksLog ? 1 : 0,
      ctlogThreshold: 0,
      timestampThreshold: 0,
    });
  }

  verify(bundle: Bundle, artifact?: Artifact): void {
    // The signature alone first: most signatures in a shared `.sig` list are other keys', and a merge
    // round checks them all between its read and its write, which must stay short.
    if (!this.signedByKey(bundle, artifact)) throw new Error('signature verification failed');
    // Without a log entry or a timestamp to check, the signature is all a verifier judges (cosign verify
    // --key --insecure-ignore-tlog), and it was just judged: @sigstore/verify would check it again, which
    // was a quarter of a large run's CPU.
    if (!this.checksLog && !hasTimestamps(bundle)) return;
    // sigstore-js hashes every message signature before checking it, so it cannot check pure Ed25519.
    if (this.publicKey.asymmetricKeyType === 'ed25519' && bundle.content.$case === 'messageSignature') return;
    this.verifier.verify(toEntity(this.checksLog ? bundle : withoutLogEntries(bundle), artifact));
  }

  private signedByKey(bundle: Bundle, artifact: Artifact | undefined): boolean {
    const hash = hashForKey(this.publicKey);
    try {
      if (bundle.content.$case === 'messageSignature' && artifact && !Buffer.isBuffer(artifact)) {
        return (
          artifact.compareSignature(bundle.content.messageSignature.signature) &&
          artifact.verifySignature(this.publicKey)
        );
      }
      if (bundle.content.$case === 'messageSignature') {
        return (
          Buffer.isBuffer(artifact) &&
          verify(hash, artifact, this.publicKey, bundle.content.messageSignature.signature)
        );
      }
      const envelope = bundle.content.dsseEnvelope;
      const signed = dsse.preAuthEncoding(envelope.payloadType, envelope.payload);
      return envelope.signatures.some((signature) => verify(hash, signed, this.publicKey, signature.sig));
    } catch {
      return false;
    }
  }
}

/**
 * A trusted root that lists CT logs requires an SCT from one of them in every certificate; one that lists
 * none describes a Fulcio without a CT log, whose certificates carry no SCT (cosign then verifies with
 * --insecure-ignore-sct). Requiring one there would reject every signature that Sigstore can make.
 */
export function requiredScts(trustedRoot: TrustedRoot): 0 | 1 {
  return trustedRoot.ctlogs.length > 0 ? 1 : 0;
}

/**
 * Accepts keyless signatures of one identity (SAN and OIDC issuer), as `cosign verify
 * --certificate-identity --certificate-oidc-issuer` does: the certificate chains to the trusted root's
 * Fulcio CA, carries an SCT (when the root lists CT logs), the signature is logged (or timestamped by a trusted TSA) inside the
 * certificate's validity, and the signature verifies. A certificate that only names the identity counts
 * for nothing: anyone can make one.
 */
export class CertificateVerification implements SignatureVerification {
  readonly checksLog: boolean;
  private readonly verifier: Verifier;
  private readonly subject: CertificateSubject;

  constructor(
    subject: CertificateSubject,
    { trustedRoot, expectLog }: { trustedRoot: TrustedRoot; expectLog: boolean },
  ) {
    this.subject = subject;
    this.checksLog = expectLog;
    this.verifier = new Verifier(toTrustMaterial(trustedRoot), {
      tlogThreshold: expectLog ? 1 : 0,
      ctlogThreshold: requiredScts(trustedRoot),
      timestampThreshold: 1,
    });
  }

  verify(bundle: Bundle, artifact?: Artifact): void {
    // The names first, cheaply: most certificates in a shared list are other signers'. They prove
    // nothing by themselves; the verifier below checks the chain, SCT, log or timestamp and signature.
    const material = bundle.verificationMaterial.content;
    if (material.$case === 'certificate') {
      const theirs = readCertificateSubject(pem.fromDER(material.certificate.rawBytes));
      if (theirs.san !== this.subject.san || theirs.issuer !== this.subject.issuer)
        throw new Error(
          `the certificate names ${escapeUntrusted(theirs.san)} (${escapeUntrusted(theirs.issuer)}), not ${this.subject.san}`,
        );
    }
    this.verifier.verify(toEntity(bundle, artifact), {
      subjectAlternativeName: this.subject.san,
      extensions: { issuer: this.subject.issuer },
    });
  }
}
