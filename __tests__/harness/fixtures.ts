import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { registryFetch, type TestRegistry } from './registry.ts';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export interface PushedManifest {
  readonly digest: string;
  readonly size: number;
  readonly mediaType: string;
}

export interface MultiArchImage {
  readonly index: PushedManifest;
  readonly platforms: Readonly<Record<'linux/amd64' | 'linux/arm64', PushedManifest>>;
  readonly attestations: readonly PushedManifest[];
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function expectStatus(response: Response, statuses: number[], what: string): Promise<void> {
  if (!statuses.includes(response.status))
    throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
}

export async function pushBlob(
  registry: TestRegistry,
  repository: string,
  bytes: Buffer,
): Promise<PushedManifest> {
  const digest = sha256(bytes);
  const start = await registryFetch(registry, `/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  await expectStatus(start, [202], `start upload to ${repository}`);
  const location = new URL(start.headers.get('location') ?? '', registry.url);
  location.searchParams.set('digest', digest);
  const put = await registryFetch(registry, location.pathname + location.search, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });
  await expectStatus(put, [201], `upload ${digest}`);
  return { digest, size: bytes.length, mediaType: 'application/octet-stream' };
}

export async function pushManifest(
  registry: TestRegistry,
  repository: string,
  reference: string | undefined,
  manifest: object,
): Promise<PushedManifest> {
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = sha256(bytes);
  const mediaType = (manifest as { mediaType: string }).mediaType;
  const response = await registryFetch(registry, `/v2/${repository}/manifests/${reference ?? digest}`, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': mediaType },
  });
  await expectStatus(response, [201], `push manifest ${repository}:${reference ?? digest}`);
  return { digest, size: bytes.length, mediaType };
}

/** A one-file ustar archive, byte-for-byte deterministic. */
function tarOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const write = (text: string, offset: number, length: number): void =>
    void header.write(text, offset, length, 'ascii');
  write(name, 0, 100);
  write('0000644\0', 100, 8);
  write('0000000\0', 108, 8);
  write('0000000\0', 116, 8);
  write(`${content.length.toString(8).padStart(11, '0')}\0`, 124, 12);
  write('00000000000\0', 136, 12);
  write('        ', 148, 8);
  write('0', 156, 1);
  write('ustar\0', 257, 6);
  write('00', 263, 2);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

export async function pushPlatformManifest(
  registry: TestRegistry,
  repository: string,
  architecture: string,
  seed: string,
  variant?: string,
): Promise<PushedManifest> {
  const tar = tarOneFile('hello.txt', Buffer.from(`hello from ${architecture} (${seed})\n`));
  const layer = gzipSync(tar, { level: 9 });
  const config = Buffer.from(
    JSON.stringify({
      architecture,
      os: 'linux',
      ...(variant ? { variant } : {}),
      config: { Cmd: ['/hello'] },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    }),
  );
  return pushOneLayerManifest(registry, repository, config, layer, {
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
  });
}

/** An OCI image manifest of one config and one layer, pushed by digest with its blobs. */
async function pushOneLayerManifest(
  registry: TestRegistry,
  repository: string,
  config: Buffer,
  layer: Buffer,
  layerDescriptor: { mediaType: string; annotations?: Record<string, string> },
): Promise<PushedManifest> {
  const configBlob = await pushBlob(registry, repository, config);
  const layerBlob = await pushBlob(registry, repository, layer);
  return pushManifest(registry, repository, undefined, {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: configBlob.digest,
      size: configBlob.size,
    },
    layers: [{ ...layerDescriptor, digest: layerBlob.digest, size: layerBlob.size }],
  });
}

/** A single-platform image pushed under `tag`, as `docker push` of a plain build leaves it. */
export async function pushSingleImage(
  registry: TestRegistry,
  repository: string,
  tag: string,
  seed = tag,
): Promise<PushedManifest> {
  const manifest = await pushPlatformManifest(registry, repository, 'amd64', seed);
  const bytes = await (
    await registryFetch(registry, `/v2/${repository}/manifests/${manifest.digest}`, {
      headers: { accept: OCI_MANIFEST },
    })
  ).arrayBuffer();
  await pushManifest(registry, repository, tag, JSON.parse(Buffer.from(bytes).toString('utf8')) as object);
  return manifest;
}

/** A BuildKit attestation manifest for one platform: in-toto statement layers, unknown/unknown config. */
async function pushAttestationManifest(
  registry: TestRegistry,
  repository: string,
  statement: object,
  predicateType: string,
): Promise<PushedManifest> {
  const statementBytes = Buffer.from(JSON.stringify(statement));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'unknown',
      os: 'unknown',
      config: {},
      rootfs: { type: 'layers', diff_ids: [sha256(statementBytes)] },
    }),
  );
  return pushOneLayerManifest(registry, repository, config, statementBytes, {
    mediaType: 'application/vnd.in-toto+json',
    annotations: { 'in-toto.io/predicate-type': predicateType },
  });
}

/** The provenance statement BuildKit writes for one platform manifest (values refined by the provenance fixtures). */
export function buildkitProvenance(repository: string, platformDigest: string): object {
  return {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subject: [
      {
        name: `pkg:docker/${repository}?platform=linux`,
        digest: { sha256: platformDigest.replace('sha256:', '') },
      },
    ],
    predicate: { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1' },
  };
}

/**
 * A multi-arch image as `docker buildx build --platform linux/amd64,linux/arm64 --provenance=mode=max --push`
 * leaves it: an OCI index of two platform manifests and one attestation manifest per platform.
 */
export interface MultiArchOptions {
  /** The in-toto statement BuildKit would write for a platform (default: a minimal SLSA v0.2 one). */
  readonly provenance?: (platformDigest: string, platform: 'linux/amd64' | 'linux/arm64') => object;
}

export async function pushMultiArchImage(
  registry: TestRegistry,
  repository: string,
  tag: string,
  seed = tag,
  options: MultiArchOptions = {},
): Promise<MultiArchImage> {
  const amd64 = await pushPlatformManifest(registry, repository, 'amd64', seed);
  const arm64 = await pushPlatformManifest(registry, repository, 'arm64', seed, 'v8');
  const statementFor = (digest: string, platform: 'linux/amd64' | 'linux/arm64'): object =>
    options.provenance?.(digest, platform) ?? buildkitProvenance(repository, digest);
  const predicateOf = (statement: object): string => (statement as { predicateType: string }).predicateType;
  const amd64Statement = statementFor(amd64.digest, 'linux/amd64');
  const arm64Statement = statementFor(arm64.digest, 'linux/arm64');
  const attestations = [
    await pushAttestationManifest(registry, repository, amd64Statement, predicateOf(amd64Statement)),
    await pushAttestationManifest(registry, repository, arm64Statement, predicateOf(arm64Statement)),
  ];
  const attestationEntry = (attestation: PushedManifest, subject: PushedManifest): object => ({
    mediaType: OCI_MANIFEST,
    digest: attestation.digest,
    size: attestation.size,
    annotations: {
      'vnd.docker.reference.digest': subject.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    },
    platform: { architecture: 'unknown', os: 'unknown' },
  });
  const index = await pushManifest(registry, repository, tag, {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      {
        mediaType: OCI_MANIFEST,
        digest: amd64.digest,
        size: amd64.size,
        platform: { architecture: 'amd64', os: 'linux' },
      },
      {
        mediaType: OCI_MANIFEST,
        digest: arm64.digest,
        size: arm64.size,
        platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
      },
      attestationEntry(attestations[0] as PushedManifest, amd64),
      attestationEntry(attestations[1] as PushedManifest, arm64),
    ],
  });
  return { index, platforms: { 'linux/amd64': amd64, 'linux/arm64': arm64 }, attestations };
}
