import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failsWith } from './fake-http.ts';
import type { RegistryAccess } from '../../../src/registry/access.ts';
import type { FetchedManifest } from '../../../src/registry/access.ts';
import type { Descriptor } from '../../../src/registry/manifest.ts';
import { RegistryPool } from '../../../src/registry/pool.ts';
import {
  isAttestationManifest,
  MAX_INDEX_DEPTH,
  MAX_TARGETS_PER_IMAGE,
  resolveTag,
  resolveTargets,
} from '../../../src/registry/resolve.ts';
import type { Digest, ImageRef } from '../../../src/subjects/reference.ts';
import { sha256Digest } from '../../../src/util/digest.ts';

const OCI_MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
const DOCKER_LIST_TYPE = 'application/vnd.docker.distribution.manifest.list.v2+json';

/** The manifests of one registry by digest or tag; records what was read. */
class Manifests {
  readonly byReference = new Map<string, FetchedManifest>();
  readonly reads: string[] = [];

  add(value: unknown, mediaType: string, tag?: string): FetchedManifest {
    const bytes = Buffer.from(JSON.stringify(value));
    const manifest = { digest: sha256Digest(bytes), mediaType, bytes };
    this.byReference.set(manifest.digest, manifest);
    if (tag) this.byReference.set(tag, manifest);
    return manifest;
  }

  /** A pool whose every registry serves these manifests. */
  pool(): RegistryPool {
    const access = {
      registry: 'registry.example',
      getManifest: async (repository: string, reference: string) => {
        this.reads.push(`${repository}:${reference}`);
        return this.byReference.get(reference);
      },
    } as Pick<RegistryAccess, 'registry' | 'getManifest'> as RegistryAccess;
    return new RegistryPool(
      {
        allowHttp: false,
        allowInsecure: false,
        retryBudgetSeconds: 0,
        credentials: [],
        githubActor: '',
      },
      {
        maskSecret: () => undefined,
        credentials: { lookup: async () => undefined, missingHint: '' },
        log: () => undefined,
        wrap: () => access,
      },
    );
  }
}

const entry = (manifest: FetchedManifest, extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType: manifest.mediaType,
  digest: manifest.digest,
  size: manifest.bytes.length,
  ...extra,
});
const platformManifest = (registry: Manifests, name: string) =>
  registry.add(
    { schemaVersion: 2, mediaType: OCI_MANIFEST_TYPE, layers: [], annotations: { name } },
    OCI_MANIFEST_TYPE,
  );
const indexOf = (registry: Manifests, manifests: Descriptor[], mediaType = OCI_INDEX_TYPE, tag?: string) =>
  registry.add({ schemaVersion: 2, mediaType, manifests }, mediaType, tag);
const imageOf = (manifest: FetchedManifest, tag?: string): ImageRef => ({
  registry: 'registry.example',
  repository: 'acme/app',
  digest: manifest.digest,
  ...(tag ? { tag } : {}),
});
const RECURSIVE = { recursive: true, attestationManifests: true };
const STORAGE = { registry: 'registry.example', repository: 'acme/app' };

describe('resolveTargets', () => {
  it('signs a single manifest as itself, stored beside it', async () => {
    const registry = new Manifests();
    const manifest = platformManifest(registry, 'one');
    assert.deepEqual(await resolveTargets(imageOf(manifest), registry.pool(), RECURSIVE), [
      {
        image: imageOf(manifest),
        mediaType: OCI_MANIFEST_TYPE,
        size: manifest.bytes.length,
        storage: STORAGE,
      },
    ]);
  });

  it('signs an index as itself alone without recursive', async () => {
    const registry = new Manifests();
    const index = indexOf(registry, [entry(platformManifest(registry, 'amd64'))]);
    const targets = await resolveTargets(imageOf(index), registry.pool(), {
      recursive: false,
      attestationManifests: true,
    });
    assert.deepEqual(
      targets.map((target) => target.image.digest),
      [index.digest],
    );
    assert.deepEqual(registry.reads, [`acme/app:${index.digest}`]);
  });

  it('fails with MANIFEST_NOT_FOUND when the image is not in the registry', async () => {
    const registry = new Manifests();
    const missing: ImageRef = {
      registry: 'registry.example',
      repository: 'acme/app',
      digest: `sha256:${'f'.repeat(64)}` as Digest,
    };
    await assert.rejects(
      resolveTargets(missing, registry.pool(), RECURSIVE),
      failsWith(
        'MANIFEST_NOT_FOUND',
        `registry.example/acme/app@sha256:${'f'.repeat(64)} was not found in the registry`,
      ),
    );
  });

  it("stores the signatures in 'signature-repository' when it is set", async () => {
    const registry = new Manifests();
    const amd64 = platformManifest(registry, 'amd64');
    const index = indexOf(registry, [entry(amd64, { platform: { os: 'linux', architecture: 'amd64' } })]);
    const signatures = { registry: 'sigs.example', repository: 'acme/signatures' };
    const targets = await resolveTargets(imageOf(index), registry.pool(), {
      ...RECURSIVE,
      signatureRepository: signatures,
    });
    assert.deepEqual(
      targets.map((target) => target.storage),
      [signatures, signatures],
    );
  });

  it("walks an index's platforms in order, each with its platform and the image's tag", async () => {
    const registry = new Manifests();
    const amd64 = platformManifest(registry, 'amd64');
    const arm = platformManifest(registry, 'arm');
    const index = indexOf(
      registry,
      [
        entry(amd64, { platform: { os: 'linux', architecture: 'amd64' } }),
        entry(arm, { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }),
      ],
      DOCKER_LIST_TYPE,
    );
    const targets = await resolveTargets(imageOf(index, 'v1'), registry.pool(), RECURSIVE);
    assert.deepEqual(targets.slice(1), [
      {
        image: imageOf(amd64, 'v1'),
        platform: 'linux/amd64',
        mediaType: OCI_MANIFEST_TYPE,
        size: amd64.bytes.length,
        storage: STORAGE,
      },
      {
        image: imageOf(arm, 'v1'),
        platform: 'linux/arm/v7',
        mediaType: OCI_MANIFEST_TYPE,
        size: arm.bytes.length,
        storage: STORAGE,
      },
    ]);
    assert.equal(targets[0]?.mediaType, DOCKER_LIST_TYPE);
  });

  it('signs an entry without a platform with none', async () => {
    const registry = new Manifests();
    const plain = platformManifest(registry, 'plain');
    const index = indexOf(registry, [entry(plain)]);
    const [, target] = await resolveTargets(imageOf(index), registry.pool(), RECURSIVE);
    assert.equal(target && 'platform' in target, false);
    assert.equal(target && 'attestation' in target, false);
  });

  it('signs each digest once, however often it is listed (the index itself included)', async () => {
    const registry = new Manifests();
    const amd64 = platformManifest(registry, 'amd64');
    const inner = indexOf(registry, [entry(amd64)]);
    const outer = indexOf(registry, [entry(amd64), entry(inner), entry(amd64)]);
    const targets = await resolveTargets(imageOf(outer), registry.pool(), RECURSIVE);
    assert.deepEqual(
      targets.map((target) => target.image.digest),
      [outer.digest, amd64.digest, inner.digest],
    );
  });

  it('walks nested indexes, reading each from the registry', async () => {
    const registry = new Manifests();
    const leaf = platformManifest(registry, 'leaf');
    const inner = indexOf(registry, [entry(leaf, { platform: { os: 'linux', architecture: 'amd64' } })]);
    const outer = indexOf(registry, [entry(inner)]);
    const targets = await resolveTargets(imageOf(outer), registry.pool(), RECURSIVE);
    assert.deepEqual(
      targets.map((target) => [target.image.digest, target.platform]),
      [
        [outer.digest, undefined],
        [inner.digest, undefined],
        [leaf.digest, 'linux/amd64'],
      ],
    );
    assert.deepEqual(registry.reads, [`acme/app:${outer.digest}`, `acme/app:${inner.digest}`]);
  });

  it(`walks indexes nested ${MAX_INDEX_DEPTH} deep, and refuses one deeper, naming where`, async () => {
    const nest = (registry: Manifests, depth: number) => {
      let current = platformManifest(registry, 'leaf');
      for (let level = 0; level < depth; level++) current = indexOf(registry, [entry(current)]);
      return current;
    };
    const deepest = new Manifests();
    const allowed = nest(deepest, MAX_INDEX_DEPTH);
    assert.equal(
      (await resolveTargets(imageOf(allowed), deepest.pool(), RECURSIVE)).length,
      MAX_INDEX_DEPTH + 1,
    );

    const tooDeep = new Manifests();
    const refused = nest(tooDeep, MAX_INDEX_DEPTH + 1);
    await assert.rejects(
      resolveTargets(imageOf(refused), tooDeep.pool(), RECURSIVE),
      failsWith('REGISTRY_PROTOCOL', `nests indexes more than ${MAX_INDEX_DEPTH} deep`, 'Not signed'),
    );
  });

  it('fails with MANIFEST_NOT_FOUND when a listed index is not in the registry, naming it', async () => {
    const registry = new Manifests();
    const absent = { mediaType: OCI_INDEX_TYPE, digest: `sha256:${'9'.repeat(64)}` as Digest, size: 10 };
    const outer = indexOf(registry, [absent]);
    await assert.rejects(
      resolveTargets(imageOf(outer), registry.pool(), RECURSIVE),
      failsWith(
        'MANIFEST_NOT_FOUND',
        `registry.example/acme/app@${outer.digest} lists the index ${absent.digest}, which is not in the registry`,
      ),
    );
  });

  it('refuses an entry with a platform outside the grammar, naming the index it is in', async () => {
    const registry = new Manifests();
    const bad = platformManifest(registry, 'bad');
    const index = indexOf(registry, [
      entry(bad, { platform: { os: 'linux\n::error::x', architecture: 'amd64' } }),
    ]);
    await assert.rejects(
      resolveTargets(imageOf(index), registry.pool(), RECURSIVE),
      failsWith('REGISTRY_PROTOCOL', `registry.example/acme/app@${index.digest} lists ${bad.digest}`),
    );
  });

  it(`signs up to ${MAX_TARGETS_PER_IMAGE} manifests for one image, and refuses an index listing more`, async () => {
    const listing = (count: number) =>
      Array.from({ length: count }, (_, n) => ({
        mediaType: OCI_MANIFEST_TYPE,
        digest: `sha256:${n.toString(16).padStart(64, '0')}` as Digest,
        size: 1,
      }));
    const registry = new Manifests();
    const full = indexOf(registry, listing(MAX_TARGETS_PER_IMAGE - 1));
    assert.equal(
      (await resolveTargets(imageOf(full), registry.pool(), RECURSIVE)).length,
      MAX_TARGETS_PER_IMAGE,
    );
    const over = indexOf(registry, listing(MAX_TARGETS_PER_IMAGE));
    await assert.rejects(
      resolveTargets(imageOf(over), registry.pool(), RECURSIVE),
      failsWith('REGISTRY_PROTOCOL', `lists more than ${MAX_TARGETS_PER_IMAGE} distinct manifests`),
    );
  });

  it('signs an attestation manifest marked by its platform alone, describing nothing', async () => {
    const registry = new Manifests();
    const attestation = platformManifest(registry, 'provenance');
    const index = indexOf(registry, [
      entry(attestation, { platform: { os: 'unknown', architecture: 'unknown' } }),
    ]);
    const [, target] = await resolveTargets(imageOf(index), registry.pool(), RECURSIVE);
    assert.deepEqual(target?.attestation, {});
  });

  it('takes no platform from an attestation manifest, however odd it is', async () => {
    const registry = new Manifests();
    const attestation = platformManifest(registry, 'provenance');
    const index = indexOf(registry, [
      entry(attestation, {
        platform: { os: 'unknown', architecture: 'unknown', variant: '!!' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
      }),
    ]);
    const [, target] = await resolveTargets(imageOf(index), registry.pool(), RECURSIVE);
    assert.deepEqual(target?.attestation, {});
    assert.equal(target?.platform, undefined);
  });
});

describe('isAttestationManifest', () => {
  const digest = `sha256:${'a'.repeat(64)}` as Digest;
  const cases: [string, Partial<Descriptor>, boolean][] = [
    ["BuildKit's annotation", { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }, true],
    ['the unknown/unknown platform', { platform: { os: 'unknown', architecture: 'unknown' } }, true],
    ['unknown os only', { platform: { os: 'unknown', architecture: 'amd64' } }, false],
    ['unknown architecture only', { platform: { os: 'linux', architecture: 'unknown' } }, false],
    ['another reference type', { annotations: { 'vnd.docker.reference.type': 'sbom' } }, false],
    ['a platform', { platform: { os: 'linux', architecture: 'amd64' } }, false],
    ['nothing', {}, false],
  ];
  for (const [name, fields, expected] of cases) {
    it(`${expected ? 'marks' : 'does not mark'} ${name}`, () => {
      assert.equal(
        isAttestationManifest({ mediaType: OCI_MANIFEST_TYPE, digest, size: 1, ...fields }),
        expected,
      );
    });
  }
});

describe('resolveTag', () => {
  it('answers the digest the tag points at now, keeping the tag', async () => {
    const registry = new Manifests();
    const manifest = registry.add({ schemaVersion: 2, layers: [] }, OCI_MANIFEST_TYPE, 'v1');
    const tag = { registry: 'registry.example', repository: 'acme/app', tag: 'v1', origin: "input 'images'" };
    assert.deepEqual(await resolveTag(tag, registry.pool()), imageOf(manifest, 'v1'));
  });

  it('fails with MANIFEST_NOT_FOUND naming the input and the tag', async () => {
    const registry = new Manifests();
    const tag = { registry: 'registry.example', repository: 'acme/app', tag: 'v9', origin: "input 'images'" };
    await assert.rejects(
      resolveTag(tag, registry.pool()),
      failsWith('MANIFEST_NOT_FOUND', "input 'images': registry.example/acme/app:v9 was not found"),
    );
  });
});
