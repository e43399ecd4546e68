import { SignerError } from '../errors.ts';
import { parseImageManifest, type Descriptor } from '../registry/manifest.ts';
import {
  COSIGN_BUNDLE_ANNOTATION,
  COSIGN_SIMPLE_SIGNING,
  OCI_IMAGE_CONFIG,
  OCI_MANIFEST,
} from '../registry/media-types.ts';
import {
  mergeJitter,
  noteWriteWindow,
  RecentReads,
  settle,
  type SettleClock,
  type SettleEntry,
} from '../registry/settle.ts';
import {
  isBlobRace,
  type FetchedManifest,
  type Registries,
  type RegistryAccess,
} from '../registry/access.ts';
import type { SignatureVerification } from '../sigstore/trust.ts';
import { sha256Digest } from '../util/digest.ts';
import { toSignedRecord, type PublisherOptions } from './format-writer.ts';
import {
  isLayerOf,
  judgedKey,
  toCosignConfig,
  toLegacyBundle,
  type LegacySignature,
} from './legacy-layer.ts';
import { legacySignatureTag, type PublishRecord } from './target.ts';
import type { SignTarget } from '../subjects/sign-target.ts';

/** cosign refuses to read a `.sig` manifest with more layers (pkg/oci/remote/signatures.go). */
const COSIGN_MAX_LAYERS = 1000;
/** Rounds of read, merge, write before giving up to concurrent uploads of the same blobs. */
const MAX_MERGE_ROUNDS = 12;
/**
 * cosign's legacy layout: tag `sha256-<hex>.sig`, one layer per signature
 * (https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md). A new signature is appended,
 * never replacing others; settle() checks afterwards that no other writer dropped it, and merges it again if one did.
 */
export class LegacySigPublisher {
  readonly format = 'legacy';
  private readonly registries: Registries;
  private readonly verification: SignatureVerification;
  private readonly requireLogEntry: boolean;
  /** Layers appended this run, checked again by settle(). */
  private readonly appended = new Map<
    string,
    { target: SignTarget; signature: LegacySignature; writtenAt: number }
  >();
  /** Whether a layer (payload digest and annotations) verified as this signer's. */
  private readonly judged = new Map<string, boolean>();
  /** The `.sig` manifests as settle() last read them, by reference. */
  private readonly settledReads = new Map<string, FetchedManifest>();
  /** What findExisting read, for the first merge round of the publish that follows it. */
  private readonly recentReads = new RecentReads<{
    digest?: Descriptor['digest'];
    layers: readonly Descriptor[];
  }>();

  constructor({ registries, verification, requireLogEntry }: PublisherOptions) {
    this.registries = registries;
    this.verification = verification;
    this.requireLogEntry = requireLogEntry;
  }

  /** Our signature of this payload, if the `.sig` tag already holds one: a re-run signs nothing again. */
  async findExisting(target: SignTarget, payload: Buffer): Promise<PublishRecord | undefined> {
    const client = this.registries.client(target.storage.registry);
    const { tag, reference } = legacySignatureTag(target);
    const existing = await this.recentReads.read(reference, () =>
      this.readLayers(client, target.storage.repository, tag, reference, 'first'),
    );
    return this.existingRecord(reference, existing, payload);
  }

  /** The record of a layer of ours already in the list, with its bundle for the bundle files. */
  private existingRecord(
    reference: string,
    existing: { digest?: Descriptor['digest']; layers: readonly Descriptor[] },
    payload: Buffer,
  ): PublishRecord | undefined {
    const ours = existing.layers.find((layer) => this.isOurs(layer, payload));
    if (!existing.digest || !ours) return undefined;
    const bundle = toLegacyBundle(payload, ours.annotations ?? {}, this.verification.checksLog);
    return toSignedRecord(
      {
        format: 'legacy',
        reference,
        manifestDigest: existing.digest,
        added: false,
        signatureBlob: ours.digest,
      },
      bundle,
    );
  }

  /**
   * Ours only when it passes the verification a verifier does (chain, log or timestamp, identity,
   * signature): a layer planted with a look-alike certificate must not stop us from signing.
   */
  private isOurs(layer: Descriptor, payload: Buffer): boolean {
    const annotations = layer.annotations ?? {};
    if (layer.mediaType !== COSIGN_SIMPLE_SIGNING || layer.digest !== sha256Digest(payload)) return false;
    if (this.requireLogEntry && !(COSIGN_BUNDLE_ANNOTATION in annotations)) return false;
    // Merge rounds and the end-of-run check look at the same layers again: judge each once.
    const key = judgedKey(layer);
    let ours = this.judged.get(key);
    if (ours === undefined) {
      try {
        this.verification.verify(toLegacyBundle(payload, annotations, this.verification.checksLog), payload);
        ours = true;
      } catch {
        ours = false;
      }
      this.judged.set(key, ours);
    }
    return ours;
  }

  async publish(target: SignTarget, signature: LegacySignature): Promise<PublishRecord> {
    const { repository } = target.storage;
    const client = this.registries.client(target.storage.registry);
    const { tag, reference } = legacySignatureTag(target);
    const ourLayer: Descriptor = {
      mediaType: COSIGN_SIMPLE_SIGNING,
      size: signature.payload.length,
      digest: sha256Digest(signature.payload),
      annotations: signature.annotations,
    };
    // What this run signed is ours as written, byte for byte: the end-of-run check finds it without
    // verifying it a second time (read-back still verifies it, as a verifier would). Anything else in
    // the list, a look-alike of it included, is judged.
    this.judged.set(judgedKey(ourLayer), true);
    // Uploaded before the read-to-write window opens (the end-of-run pause is three such windows long):
    // the payload, and the config the kept read of findExisting asks for, so that in the usual case the
    // window holds the manifest's write alone.
    const kept = this.recentReads.peek(reference);
    const keptUnique = { unique: kept?.digest === undefined };
    const early =
      kept && kept.layers.length < COSIGN_MAX_LAYERS
        ? await Promise.all([
            client.putBlob(repository, signature.payload, keptUnique),
            client.putBlob(repository, toCosignConfig([...kept.layers, ourLayer]), keptUnique),
          ])
        : undefined;
    let payloadUploaded = early !== undefined;

    for (let round = 1; round <= MAX_MERGE_ROUNDS; round++) {
      if (round > 1) await mergeJitter();
      // The read findExisting made serves the first round while it is fresh (at most FRESH_READ_MS old;
      // signing with a log upload can take long); settle() covers what changed since.
      const takenAt = Date.now();
      const recent = round === 1 ? this.recentReads.take(reference) : undefined;
      const existing = recent ?? (await this.readLayers(client, repository, tag, reference));
      this.appended.set(reference, { target, signature, writtenAt: Date.now() });
      // Re-checked every round: a concurrent run of ours may have written it meanwhile.
      const already = this.existingRecord(reference, existing, signature.payload);
      if (already) return already;
      if (existing.layers.length >= COSIGN_MAX_LAYERS) {
        throw new SignerError(
          'PUBLISH_CONFLICT',
          `${reference} already holds ${existing.layers.length} signatures; cosign reads at most ${COSIGN_MAX_LAYERS}. Remove old signatures (cosign clean) before signing again.`,
        );
      }
      // No `.sig` yet: its payload and config cannot be there either (and uploading one twice is harmless).
      const fresh = existing.digest === undefined;
      const layers = [...existing.layers, ourLayer];
      const [, configRef] = await Promise.all([
        payloadUploaded ? undefined : client.putBlob(repository, signature.payload, { unique: fresh }),
        existing === kept && early
          ? early[1]
          : client.putBlob(repository, toCosignConfig(layers), { unique: fresh }),
      ]);
      payloadUploaded = true;
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          config: { mediaType: OCI_IMAGE_CONFIG, size: configRef.size, digest: configRef.digest },
          layers,
        }),
      );
      try {
        // Whether a concurrent writer drops our layer after this is checked once, by settle().
        const { digest: manifestDigest } = await client.putManifest(repository, tag, manifest, OCI_MANIFEST);
        noteWriteWindow(takenAt);
        this.appended.set(reference, { target, signature, writtenAt: Date.now() });
        return { format: 'legacy', reference, manifestDigest, added: true, signatureBlob: ourLayer.digest };
      } catch (err) {
        // Another signer uploading the same config blob at the same moment: merge again.
        if (!isBlobRace(err)) throw err;
      }
    }
    throw new SignerError(
      'PUBLISH_CONFLICT',
      `${reference}: the registry refused the signature list ${MAX_MERGE_ROUNDS} times in a row while other signers uploaded the same blobs. Run again; nothing of others was removed.`,
    );
  }

  /**
   * After the run's writes (see registry/settle.ts): a signature of this signer stays in each list we
   * appended to, and only one. No concurrent writer may have dropped ours; and runs with one key that
   * appended at the same moment keep the first of their layers in list order (merges only append, so
   * every run sees the same first) while the others take their own layer out again.
   */
  async settle(clock?: SettleClock): Promise<ReadonlyMap<string, FetchedManifest>> {
    const entries = (): SettleEntry[] =>
      // The list's reference is the key it was appended under: settledReads keeps that one string, not a copy.
      [...this.appended].map(([reference, { target, signature, writtenAt }]) => {
        const client = this.registries.client(target.storage.registry);
        const { tag } = legacySignatureTag(target);
        let repair: () => Promise<unknown> = () => this.publish(target, signature);
        return {
          writtenAt,
          check: async () => {
            const state = await this.check(client, target.storage.repository, tag, reference, signature);
            if (state === 'duplicate') {
              repair = () => this.takeOut(client, target.storage.repository, tag, reference, signature);
              return 'missing';
            }
            repair = () => this.publish(target, signature);
            return state;
          },
          repair: async () => void (await repair()),
        };
      });
    await settle(entries, clock);
    return this.settledReads;
  }

  private async readLayers(
    client: RegistryAccess,
    repository: string,
    tag: string,
    reference: string,
    read: 'first' | 'again' = 'again',
  ): Promise<{ digest?: Descriptor['digest']; layers: readonly Descriptor[]; fetched?: FetchedManifest }> {
    const fetched =
      read === 'first' ? await client.findTagged(repository, tag) : await client.getManifest(repository, tag);
    if (!fetched) return { layers: [] };
    return { digest: fetched.digest, layers: parseImageManifest(fetched.bytes, reference).layers, fetched };
  }

  /**
   * A concurrent writer may have put a list without our layer after our write, or a run with the same key
   * may have appended its own beside it: look.
   */
  private async check(
    client: RegistryAccess,
    repository: string,
    tag: string,
    reference: string,
    signature: LegacySignature,
  ): Promise<'missing' | 'duplicate' | 'alone' | 'shared'> {
    const { layers, fetched } = await this.readLayers(client, repository, tag, reference);
    if (fetched) this.settledReads.set(reference, fetched);
    else this.settledReads.delete(reference);
    const first = layers.find((layer) => this.isOurs(layer, signature.payload));
    if (!first) return 'missing';
    if (!isLayerOf(first, signature) && layers.some((layer) => isLayerOf(layer, signature)))
      return 'duplicate';
    return layers.length > 1 ? 'shared' : 'alone';
  }

  /** Takes our layer out of the list again (another layer of the same signer comes first), keeping every other. */
  private async takeOut(
    client: RegistryAccess,
    repository: string,
    tag: string,
    reference: string,
    signature: LegacySignature,
  ): Promise<void> {
    const { layers } = await this.readLayers(client, repository, tag, reference);
    const kept = layers.filter((layer) => !isLayerOf(layer, signature));
    if (kept.length === layers.length || kept.length === 0) return;
    const config = await client.putBlob(repository, toCosignConfig(kept));
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_IMAGE_CONFIG, size: config.size, digest: config.digest },
      layers: kept,
    };
    try {
      await client.putManifest(repository, tag, Buffer.from(JSON.stringify(manifest)), OCI_MANIFEST);
    } catch (err) {
      // Another signer's config upload at the same moment: the next pass finds the duplicate again.
      if (!isBlobRace(err)) throw err;
    }
  }
}
