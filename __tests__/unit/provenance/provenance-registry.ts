import type { RegistryAccess } from '../../../src/registry/access.ts';
import {
  BUILDKIT_ATTESTATION_MANIFEST,
  BUILDKIT_REFERENCE_DIGEST,
  BUILDKIT_REFERENCE_TYPE,
  OCI_EMPTY,
  OCI_INDEX,
  OCI_MANIFEST,
} from '../../../src/registry/media-types.ts';
import type { Registries } from '../../../src/registry/access.ts';
import type { Digest } from '../../../src/subjects/reference.ts';
import { MemoryRegistry } from '../signatures/memory-registry.ts';

/** A descriptor as manifests list it. */
export interface Pushed {
  readonly mediaType: string;
  readonly digest: Digest;
  readonly size: number;
  readonly annotations?: Record<string, string>;
}

/** One layer to push: its bytes (JSON for an object) and descriptor fields. */
export interface LayerSpec {
  readonly mediaType: string;
  readonly content: object | Buffer;
  readonly annotations?: Record<string, string>;
}

/**
 * The image's registry for a provenance source: an in-memory registry (no referrers API, as distribution
 * 2.8), the hosts the source asked a client for, and the reads it made, as `manifest <ref>` / `blob <digest>`.
 */
export class ProvenanceRegistry implements Registries {
  readonly memory = new MemoryRegistry();
  readonly hostsAsked: string[] = [];
  readonly reads: string[] = [];

  client(registry: string): RegistryAccess {
    this.hostsAsked.push(registry);
    const memory = this.memory;
    const reads = this.reads;
    return {
      registry,
      getManifest: (repository, reference) => {
        reads.push(`manifest ${reference}`);
        return memory.getManifest(repository, reference);
      },
      findTagged: (repository, tag) => {
        reads.push(`manifest ${tag}`);
        return memory.findTagged(repository, tag);
      },
      getBlob: (repository, digest) => {
        reads.push(`blob ${digest}`);
        return memory.getBlob(repository, digest);
      },
      getReferrers: (repository, digest) => memory.getReferrers(repository, digest),
      putBlob: (repository, bytes) => memory.putBlob(repository, bytes),
      putManifest: (repository, reference, bytes, mediaType) =>
        memory.putManifest(repository, reference, bytes, mediaType),
      deleteManifest: (repository, digest) => memory.deleteManifest(repository, digest),
    };
  }

  async blob(repository: string, content: object | Buffer): Promise<Pushed> {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(JSON.stringify(content));
    const { digest, size } = await this.memory.putBlob(repository, bytes);
    return { mediaType: '', digest, size };
  }

  /** Pushes a manifest (by digest, and under `tag` when given). */
  async manifest(repository: string, manifest: object, tag?: string): Promise<Pushed> {
    const bytes = Buffer.from(JSON.stringify(manifest));
    const mediaType = (manifest as { mediaType?: string }).mediaType ?? OCI_MANIFEST;
    const { digest } = await this.memory.putManifest(repository, tag ?? 'untagged', bytes, mediaType);
    return { mediaType, digest, size: bytes.length };
  }

  /** An OCI image manifest over an empty config and these layers. */
  async image(
    repository: string,
    layers: readonly LayerSpec[],
    extra: {
      tag?: string;
      annotations?: Record<string, string>;
      subject?: Pushed;
      artifactType?: string;
    } = {},
  ): Promise<Pushed> {
    const config = await this.blob(repository, Buffer.from('{}'));
    const descriptors = [];
    for (const layer of layers) {
      const pushed = await this.blob(repository, layer.content);
      descriptors.push({
        mediaType: layer.mediaType,
        digest: pushed.digest,
        size: pushed.size,
        ...(layer.annotations ? { annotations: layer.annotations } : {}),
      });
    }
    return this.manifest(
      repository,
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        ...(extra.artifactType ? { artifactType: extra.artifactType } : {}),
        config: { mediaType: OCI_EMPTY, digest: config.digest, size: config.size },
        layers: descriptors,
        ...(extra.subject
          ? {
              subject: {
                mediaType: extra.subject.mediaType,
                digest: extra.subject.digest,
                size: extra.subject.size,
              },
            }
          : {}),
        ...(extra.annotations ? { annotations: extra.annotations } : {}),
      },
      extra.tag,
    );
  }

  async index(repository: string, manifests: readonly (Pushed & { platform?: object })[], tag?: string) {
    return this.manifest(repository, { schemaVersion: 2, mediaType: OCI_INDEX, manifests }, tag);
  }
}

/** The descriptor BuildKit writes for an attestation manifest about `platformDigest`. */
export function asAttestationManifest(
  attestation: Pushed,
  platformDigest: string | undefined,
): Pushed & { platform: object } {
  return {
    ...attestation,
    platform: { architecture: 'unknown', os: 'unknown' },
    annotations: {
      [BUILDKIT_REFERENCE_TYPE]: BUILDKIT_ATTESTATION_MANIFEST,
      ...(platformDigest ? { [BUILDKIT_REFERENCE_DIGEST]: platformDigest } : {}),
    },
  };
}
