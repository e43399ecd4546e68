import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { SignerError, describeCause } from '../errors.ts';
import { escapeUntrusted } from '../util/untrusted.ts';
import { parseImageManifest } from '../registry/manifest.ts';
import {
  COSIGN_SIMPLE_SIGNING,
  MAX_SMALL_BLOB_BYTES,
  SIGSTORE_BUNDLE_PREFIX,
} from '../registry/media-types.ts';
import type { FetchedManifest, Registries } from '../registry/access.ts';
import type { PublisherOptions, SettledReads } from './format-writer.ts';
import type { SignatureVerification } from '../sigstore/trust.ts';
import { toLegacyBundle } from './legacy-layer.ts';
import { legacySignatureTag, type PublishRecord } from './target.ts';
import { toDigestRef, type Digest } from '../subjects/reference.ts';
import type { SignTarget } from '../subjects/sign-target.ts';

interface SimpleSigningClaims {
  critical?: { image?: { 'docker-manifest-digest'?: string } };
}

interface InTotoStatement {
  subject?: { digest?: { sha256?: string } }[];
  predicateType?: string;
}

/**
 * Fetches what was written and verifies it as a verifier would: signature bytes from the registry,
 * checked with @sigstore/verify against the key, claims checked against the signed digest.
 */
export class ReadBack {
  private readonly registries: Registries;
  private readonly verification: SignatureVerification;
  /** Signature blobs read while the lists settled, by where they are stored; each is used once. */
  private readonly prefetched = new Map<string, Promise<Buffer>>();

  constructor({ registries, verification }: Pick<PublisherOptions, 'registries' | 'verification'>) {
    this.registries = registries;
    this.verification = verification;
  }

  /**
   * The `.sig` list is read back from the end-of-run check's read of it; a bundle referrer is read by its
   * digest (unless settling kept another run's duplicate instead), so while the lists settle.
   */
  readsSharedList(record: PublishRecord): boolean {
    return record.format === 'legacy';
  }

  /**
   * Reads the payload blob of our `.sig` layer and keeps the read for the check: stored by digest, it need
   * not wait for the list's end-of-run check, which then only has to find the layer in the list (a small
   * release's longest wait).
   */
  async prefetch(target: SignTarget, record: PublishRecord): Promise<void> {
    if (record.format !== 'legacy' || !record.signatureBlob) return;
    const where = toDigestRef({ ...target.storage, digest: record.signatureBlob });
    const started = this.prefetched.get(where);
    if (started) return void (await started.catch(() => undefined));
    const reading = this.registries
      .client(target.storage.registry)
      .getBlob(target.storage.repository, record.signatureBlob, MAX_SMALL_BLOB_BYTES);
    this.prefetched.set(where, reading);
    // A failed read is read again, and reported, by the check.
    await reading.catch(() => undefined);
  }

  async check(target: SignTarget, record: PublishRecord, settled: SettledReads = new Map()): Promise<void> {
    try {
      if (record.format === 'legacy') await this.checkLegacy(target, record, settled.get(record.reference));
      else await this.checkBundle(target, record, settled.get(record.reference));
    } catch (err) {
      if (err instanceof UntrustedSignature) throw untrustedError(record, err);
      const why = err instanceof SignerError || err instanceof Error ? describeCause(err) : String(err);
      throw new SignerError(
        'READBACK_MISMATCH',
        `The ${record.format} signature read back from ${record.reference} is not what was written: ${why}. The registry did not keep what was written; run again, and check the registry or any proxy in between.`,
        err,
      );
    }
  }

  /**
   * Verifies what was read back. A failure counts against the trust configuration only when the bytes are
   * those written (the manifest has the digest pushed; blobs are checked against their digests on read);
   * otherwise the registry changed them.
   */
  private verify(bundle: Bundle, artifact: Buffer | undefined, intact: boolean): void {
    try {
      this.verification.verify(bundle, artifact);
    } catch (err) {
      if (intact) throw new UntrustedSignature(err);
      throw err;
    }
  }

  /** Any one layer of the `.sig` manifest that verifies suffices, as in `cosign verify`. */
  private async checkLegacy(
    target: SignTarget,
    record: PublishRecord,
    settled: FetchedManifest | undefined,
  ): Promise<void> {
    const client = this.registries.client(target.storage.registry);
    const { tag } = legacySignatureTag(target);
    const fetched = settled ?? (await client.getManifest(target.storage.repository, tag));
    if (!fetched) throw new Error(`${tag} is missing`);
    const layers = parseImageManifest(fetched.bytes, tag).layers.filter(
      (layer) => layer.mediaType === COSIGN_SIMPLE_SIGNING,
    );
    // Ours first: the others (other signers, older signatures) need reading only if ours does not verify.
    const isOurs = (layer: (typeof layers)[number]): number => Number(layer.digest === record.signatureBlob);
    const tried = [...layers].sort((a, b) => isOurs(b) - isOurs(a));
    const intact = fetched.digest === record.manifestDigest;
    const failures = new Map<(typeof layers)[number], string>();
    let untrusted: UntrustedSignature | undefined;
    // Signers of one image sign the same payload: each blob is read once.
    const payloads = new Map<Digest, Promise<Buffer>>();
    for (const layer of tried) {
      try {
        const reading = payloads.get(layer.digest) ?? this.readBlob(target, layer.digest);
        payloads.set(layer.digest, reading);
        const payload = await reading;
        const claims = JSON.parse(payload.toString('utf8')) as SimpleSigningClaims;
        if (claims.critical?.image?.['docker-manifest-digest'] !== target.image.digest)
          throw new Error('the payload names another digest');
        this.verify(
          toLegacyBundle(payload, layer.annotations ?? {}, this.verification.checksLog),
          payload,
          intact,
        );
        return;
      } catch (err) {
        if (err instanceof UntrustedSignature) untrusted ??= err;
        failures.set(layer, describeCause(err));
      }
    }
    if (untrusted) throw untrusted;
    // Told in the list's order.
    const told = layers.flatMap((layer) => failures.get(layer) ?? []);
    throw new Error(told.length ? told.join('; ') : 'no signature layer found');
  }

  /** A blob of the `.sig` list: the read started while the lists settled, if any (and then read once), else a read now. */
  private async readBlob(target: SignTarget, digest: Digest): Promise<Buffer> {
    const where = toDigestRef({ ...target.storage, digest });
    const started = this.prefetched.get(where);
    this.prefetched.delete(where);
    if (started) {
      try {
        return await started;
      } catch {
        // Read again below: the check, not the prefetch, reports a registry that does not serve it.
      }
    }
    return this.registries
      .client(target.storage.registry)
      .getBlob(target.storage.repository, digest, MAX_SMALL_BLOB_BYTES);
  }

  /** `kept`: the bundle of ours that remains where concurrent runs attached duplicates (see settle()). */
  private async checkBundle(
    target: SignTarget,
    record: PublishRecord,
    kept: FetchedManifest | undefined,
  ): Promise<void> {
    const client = this.registries.client(target.storage.registry);
    const fetched = kept ?? (await client.getManifest(target.storage.repository, record.manifestDigest));
    if (!fetched) throw new Error(`referrer ${record.manifestDigest} is missing`);
    const manifest = parseImageManifest(fetched.bytes, record.reference);
    const layer = manifest.layers[0];
    if (manifest.subject?.digest !== target.image.digest)
      throw new Error('the referrer points at another manifest');
    if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX))
      throw new Error('the referrer holds no bundle');
    const json = await client.getBlob(target.storage.repository, layer.digest, MAX_SMALL_BLOB_BYTES);
    const bundle: Bundle = bundleFromJSON(JSON.parse(json.toString('utf8')));
    if (bundle.content.$case !== 'dsseEnvelope') throw new Error('the bundle is not a DSSE envelope');
    const statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8')) as InTotoStatement;
    const hex = target.image.digest.slice('sha256:'.length);
    if (!statement.subject?.some((subject) => subject.digest?.sha256 === hex))
      throw new Error('the statement names another digest');
    this.verify(bundle, undefined, fetched.digest === record.manifestDigest);
  }
}

/** A signature stored as written that does not verify against this run's trust: a configuration fault. */
class UntrustedSignature extends Error {
  override readonly cause: unknown;
  constructor(cause: unknown) {
    super(describeCause(cause));
    this.cause = cause;
  }
}

/** What each check of @sigstore/verify judges, and the inputs that configure it. */
const CHECKS: Record<string, { readonly check: string; readonly inputs: string }> = {
  CERTIFICATE_ERROR: {
    check: "the certificate's chain to Fulcio's CA and its SCTs from the CT logs",
    inputs: "'trusted-root' (its certificateAuthorities and ctlogs)",
  },
  TLOG_ERROR: {
    check: 'the transparency log entry',
    inputs: "'trusted-root' (its tlogs) and the log chosen by 'rekor-url' or 'signing-config'",
  },
  TIMESTAMP_ERROR: {
    check: 'the signed timestamps',
    inputs: "'trusted-root' (its timestampAuthorities) and 'tsa-url' or 'signing-config'",
  },
  UNTRUSTED_SIGNER_ERROR: {
    check: "the signer's identity",
    inputs: "'fulcio-url' and the OIDC token's issuer",
  },
};

function untrustedError(record: PublishRecord, err: UntrustedSignature): SignerError {
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  const key = typeof code === 'string' && code.startsWith('TLOG_') ? 'TLOG_ERROR' : String(code);
  const { check, inputs } = CHECKS[key] ?? {
    check: 'the signature',
    inputs:
      "'trusted-root' and the service inputs ('fulcio-url', 'rekor-url', 'tsa-url' or 'signing-config')",
  };
  return new SignerError(
    'READBACK_UNTRUSTED',
    `The ${record.format} signature at ${record.reference} was stored as written but does not pass ${check} against the trusted root: ${escapeUntrusted(err.message)}. Verifiers with this trusted root would reject it too: check ${inputs} describe the Sigstore that signed it.`,
    err.cause,
  );
}
