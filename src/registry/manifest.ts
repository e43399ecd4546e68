import { SignerError } from '../errors.ts';
import { isDigest, type Digest } from '../subjects/reference.ts';
import { quoteUntrusted } from '../util/untrusted.ts';

// https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md
export interface Platform {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: Digest;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly platform?: Platform;
  readonly artifactType?: string;
}

// https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md
export interface ImageManifest {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly artifactType?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

// https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md
export interface ImageIndex {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly manifests: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(what: string, why: string): SignerError {
  return new SignerError('REGISTRY_PROTOCOL', `${what} is not a valid OCI manifest: ${why}.`);
}

function parseDescriptor(value: unknown, what: string): Descriptor {
  if (!isRecord(value)) throw malformed(what, 'a descriptor is not an object');
  const { mediaType, digest, size } = value;
  if (typeof mediaType !== 'string') throw malformed(what, 'a descriptor has no mediaType');
  if (typeof digest !== 'string' || !isDigest(digest))
    throw malformed(what, `descriptor digest ${quoteUntrusted(String(digest))} is not sha256`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw malformed(what, 'a descriptor has no valid size');
  // Keep every other field verbatim: we re-write descriptors of others (appends, indexes).
  return value as unknown as Descriptor;
}

function parseJson(bytes: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw malformed(what, 'it is not JSON');
  }
  if (!isRecord(value)) throw malformed(what, 'it is not a JSON object');
  return value;
}

export function parseImageManifest(bytes: Buffer, what: string): ImageManifest {
  const value = parseJson(bytes, what);
  if (!Array.isArray(value.layers)) throw malformed(what, 'it has no layers list');
  parseDescriptor(value.config, what);
  value.layers.forEach((layer) => parseDescriptor(layer, what));
  if (value.subject !== undefined) parseDescriptor(value.subject, what);
  return value as unknown as ImageManifest;
}

export function parseImageIndex(bytes: Buffer, what: string): ImageIndex {
  const value = parseJson(bytes, what);
  if (!Array.isArray(value.manifests)) throw malformed(what, 'it has no manifests list');
  value.manifests.forEach((entry) => parseDescriptor(entry, what));
  return value as unknown as ImageIndex;
}
