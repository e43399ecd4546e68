import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { RegistryPool } from '../../../src/registry/pool.ts';
import { resolveTargets } from '../../../src/registry/resolve.ts';
import type { Digest } from '../../../src/subjects/reference.ts';

const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const INDEX = 'application/vnd.oci.image.index.v1+json';
const digest = (n: string): Digest => `sha256:${n.repeat(64)}`;

/** The index `docker buildx build --provenance` pushes: two platforms, an attestation manifest for each. */
const indexBytes = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: INDEX,
    manifests: [
      { mediaType: MANIFEST, digest: digest('b'), size: 1, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: MANIFEST, digest: digest('c'), size: 1, platform: { os: 'linux', architecture: 'arm64' } },
      {
        mediaType: MANIFEST,
        digest: digest('d'),
        size: 1,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': digest('b'),
        },
      },
      // The platform marker alone, with an annotation that names no digest.
      {
        mediaType: MANIFEST,
        digest: digest('e'),
        size: 1,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.digest': 'sha256:<script>' },
      },
    ],
  }),
);
const indexDigest = `sha256:${createHash('sha256').update(indexBytes).digest('hex')}` as Digest;
const pool = {
  client: () => ({
    getManifest: async () => ({ digest: indexDigest, mediaType: INDEX, bytes: indexBytes }),
  }),
} as unknown as RegistryPool;
const image = { registry: 'r.example', repository: 'acme/app', digest: indexDigest };

describe('resolveTargets of an index with BuildKit attestation manifests', () => {
  it('signs them by default, as cosign --recursive, with no platform and the manifest they attest', async () => {
    const targets = await resolveTargets(image, pool, { recursive: true, attestationManifests: true });
    assert.deepEqual(
      targets.map((target) => [target.image.digest, target.platform, target.attestation]),
      [
        [indexDigest, undefined, undefined],
        [digest('b'), 'linux/amd64', undefined],
        [digest('c'), 'linux/arm64', undefined],
        [digest('d'), undefined, { describes: digest('b') }],
        [digest('e'), undefined, {}],
      ],
    );
  });

  it('leaves them out with sign-attestation-manifests: false', async () => {
    const targets = await resolveTargets(image, pool, { recursive: true, attestationManifests: false });
    assert.deepEqual(
      targets.map((target) => target.image.digest),
      [indexDigest, digest('b'), digest('c')],
    );
  });
});
