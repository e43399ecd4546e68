import { bundleToJSON, BUNDLE_V03_MEDIA_TYPE, type Bundle } from '@sigstore/bundle';
import type { BundleBuilder } from '@sigstore/sign';
import type { BundleReferrerPublisher } from './bundle-referrer.ts';
import { toSignedRecord, type FormatWriter, type SettledReads } from './format-writer.ts';
import { COSIGN_SIGN_PREDICATE, IN_TOTO_PAYLOAD_TYPE, toCosignSignStatement } from './statement.ts';
import type { PublishRecord } from './target.ts';
import type { SignTarget } from '../subjects/sign-target.ts';
import { timed } from '../util/phase-timings.ts';

/**
 * The bundle as cosign v3 writes it: v0.3 media type, one leaf certificate instead of a chain, and
 * DSSE signatures without keyid (DSSE verifiers skip a signature whose keyid differs from their key's
 * own id, and cosign's key ids are not sigstore-js's hints).
 */
export function toCosignBundle(bundle: Bundle): Bundle {
  const material = bundle.verificationMaterial;
  const content =
    material.content.$case === 'x509CertificateChain'
      ? {
          $case: 'certificate' as const,
          certificate: material.content.x509CertificateChain.certificates[0] ?? { rawBytes: Buffer.alloc(0) },
        }
      : material.content;
  const signed =
    bundle.content.$case === 'dsseEnvelope'
      ? {
          ...bundle.content,
          dsseEnvelope: {
            ...bundle.content.dsseEnvelope,
            signatures: bundle.content.dsseEnvelope.signatures.map((signature) => ({
              ...signature,
              keyid: '',
            })),
          },
        }
      : bundle.content;
  return {
    ...bundle,
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: { ...material, content },
    content: signed,
  } as Bundle;
}

/** cosign v3's default format: a DSSE bundle over an in-toto statement, attached as an OCI referrer. */
export class BundleFormatWriter implements FormatWriter {
  readonly format = 'bundle';
  private readonly builder: BundleBuilder;
  private readonly publisher: BundleReferrerPublisher;
  private readonly annotations: Readonly<Record<string, string>>;

  constructor(
    builder: BundleBuilder,
    publisher: BundleReferrerPublisher,
    annotations: Readonly<Record<string, string>>,
  ) {
    this.builder = builder;
    this.publisher = publisher;
    this.annotations = annotations;
  }

  settle(): Promise<SettledReads> {
    return this.publisher.settle();
  }

  async write(target: SignTarget): Promise<PublishRecord> {
    const statement = toCosignSignStatement(target.image.digest, this.annotations);
    let record = await timed('write', () =>
      this.publisher.findExisting(target, statement, COSIGN_SIGN_PREDICATE),
    );
    if (!record) {
      const bundle = toCosignBundle(
        await timed('sign', () => this.builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE })),
      );
      const json = JSON.stringify(bundleToJSON(bundle));
      const signed = { json: Buffer.from(json), statement, predicateType: COSIGN_SIGN_PREDICATE };
      const published = await timed('write', () => this.publisher.publish(target, signed));
      record = toSignedRecord(published, bundle, json);
    }
    return record;
  }
}
