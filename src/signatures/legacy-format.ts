import type { BundleBuilder } from '@sigstore/sign';
import { toSimpleSigningPayload } from './payload.ts';
import { toLegacySignature } from './legacy-layer.ts';
import type { LegacySigPublisher } from './legacy-sig.ts';
import { toSignedRecord, type FormatWriter, type SettledReads } from './format-writer.ts';
import type { PublishRecord } from './target.ts';
import type { SignTarget } from '../subjects/sign-target.ts';
import { timed } from '../util/phase-timings.ts';

/** cosign's legacy format: a message signature over the simple-signing payload, in the `.sig` tag. */
export class LegacyFormatWriter implements FormatWriter {
  readonly format = 'legacy';
  private readonly builder: BundleBuilder;
  private readonly publisher: LegacySigPublisher;
  private readonly annotations: Readonly<Record<string, string>>;

  constructor(
    builder: BundleBuilder,
    publisher: LegacySigPublisher,
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
    const payload = toSimpleSigningPayload(target.image, this.annotations);
    let record = await timed('write', () => this.publisher.findExisting(target, payload));
    if (!record) {
      const bundle = await timed('sign', () => this.builder.create({ data: payload }));
      const signature = toLegacySignature(payload, bundle);
      record = toSignedRecord(await timed('write', () => this.publisher.publish(target, signature)), bundle);
    }
    return record;
  }
}
