import assert from 'node:assert/strict';
import { toDigestTag } from '../../../src/subjects/reference.ts';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import type { RegistryAccess } from '../../../src/registry/access.ts';
import type { BlobRef, FetchedManifest, PushedManifest } from '../../../src/registry/access.ts';
import type { Descriptor } from '../../../src/registry/manifest.ts';
import { listReferrers, ReferrersIndex } from '../../../src/registry/referrers.ts';
import { FRESH_READ_MS, settleDelayMs, type SettleClock } from '../../../src/registry/settle.ts';
import type { Digest } from '../../../src/subjects/reference.ts';
import { sha256Digest } from '../../../src/util/digest.ts';

const OCI_INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const SUBJECT = `sha256:${'a'.repeat(64)}` as Digest;
const TAG = `sha256-${'a'.repeat(64)}`;

const referrer = (name: string): Descriptor => ({
  mediaType: OCI_MANIFEST_TYPE,
  digest: sha256Digest(Buffer.from(name)),
  size: name.length,
  artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
});
const OURS = referrer('ours');
const THEIRS = referrer('theirs');

const indexOf = (...manifests: Descriptor[]) =>
  Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX_TYPE, manifests }));

/**
 * One repository's manifests in memory, the referrers API present (`api` lists) or not; records the calls a
 * registry would see. `findTagged` and `getManifest` are told apart: the first is the run's first read.
 */
class MemoryAccess implements RegistryAccess {
  readonly registry = 'registry.example';
  readonly calls: string[] = [];
  readonly manifests = new Map<string, FetchedManifest>();
  api: Descriptor[] | undefined;
  deletable = true;

  constructor(options: { api?: Descriptor[]; tag?: Descriptor[] } = {}) {
    this.api = options.api;
    if (options.tag) this.store(TAG, indexOf(...options.tag), OCI_INDEX_TYPE);
  }

  store(reference: string, bytes: Buffer, mediaType: string): void {
    this.manifests.set(reference, { digest: sha256Digest(bytes), mediaType, bytes });
  }

  /** The fallback tag's entries as stored now. */
  tagged(): string[] {
    const stored = this.manifests.get(TAG);
    if (!stored) return [];
    return (JSON.parse(stored.bytes.toString()) as { manifests: Descriptor[] }).manifests.map(
      (entry) => entry.digest,
    );
  }

  async getManifest(repository: string, reference: string) {
    this.calls.push(`getManifest ${repository}:${reference}`);
    return this.manifests.get(reference);
  }
  async findTagged(repository: string, tag: string) {
    this.calls.push(`findTagged ${repository}:${tag}`);
    return this.manifests.get(tag);
  }
  async getReferrers(repository: string, digest: Digest) {
    this.calls.push(`getReferrers ${repository}@${digest}`);
    return this.api ? indexOf(...this.api) : undefined;
  }
  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<PushedManifest> {
    this.calls.push(`putManifest ${repository}:${reference} ${mediaType}`);
    this.store(reference, bytes, mediaType);
    return { digest: sha256Digest(bytes) };
  }
  async deleteManifest(repository: string, digest: Digest) {
    this.calls.push(`deleteManifest ${repository}@${digest}`);
    return this.deletable;
  }
  async getBlob(): Promise<Buffer> {
    throw new Error('not used');
  }
  async putBlob(): Promise<BlobRef> {
    throw new Error('not used');
  }
}

/** Settles without waiting: no pause, and sleeps return at once. */
const NO_WAIT: SettleClock = {
  now: () => Date.now(),
  sleep: async () => undefined,
  delayMs: () => 0,
  jitterMs: () => 0,
};

describe('toReferrersTag', () => {
  it("is the digest with ':' as '-' (distribution-spec referrers tag schema)", () => {
    assert.equal(toDigestTag(SUBJECT, ''), TAG);
  });
});

describe('listReferrers', () => {
  it('reads the referrers API when the registry has it, and not the tag', async () => {
    const registry = new MemoryAccess({ api: [OURS], tag: [THEIRS] });
    assert.deepEqual(await listReferrers(registry, 'acme/app', SUBJECT), [OURS]);
    assert.deepEqual(registry.calls, [`getReferrers acme/app@${SUBJECT}`]);
  });

  it('reads the fallback tag as a first read otherwise', async () => {
    const registry = new MemoryAccess({ tag: [OURS, THEIRS] });
    assert.deepEqual(await listReferrers(registry, 'acme/app', SUBJECT), [OURS, THEIRS]);
    assert.deepEqual(registry.calls, [`getReferrers acme/app@${SUBJECT}`, `findTagged acme/app:${TAG}`]);
  });

  it('lists nothing when the fallback tag is absent, or holds something other than an index', async () => {
    assert.deepEqual(await listReferrers(new MemoryAccess(), 'acme/app', SUBJECT), []);
    const squatted = new MemoryAccess();
    squatted.store(TAG, Buffer.from('{"schemaVersion":2,"layers":[]}'), OCI_MANIFEST_TYPE);
    assert.deepEqual(await listReferrers(squatted, 'acme/app', SUBJECT), []);
  });

  it('refuses a malformed listing, naming where it came from', async () => {
    const registry = new MemoryAccess();
    registry.store(TAG, Buffer.from('{"manifests":[{"digest":"sha256:x"}]}'), OCI_INDEX_TYPE);
    await assert.rejects(listReferrers(registry, 'acme/app', SUBJECT), (err: unknown) => {
      assert.ok(err instanceof SignerError && err.code === 'REGISTRY_PROTOCOL', String(err));
      assert.ok(err.message.startsWith(`acme/app:${TAG} is not a valid OCI manifest`), err.message);
      return true;
    });
    const api = new MemoryAccess();
    api.getReferrers = async () => Buffer.from('{}');
    await assert.rejects(listReferrers(api, 'acme/app', SUBJECT), {
      message: `referrers of acme/app@${SUBJECT} is not a valid OCI manifest: it has no manifests list.`,
    });
  });
});

describe('ReferrersIndex', () => {
  beforeEach(() => mock.timers.enable({ apis: ['Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  describe('add, on a registry with the referrers API', () => {
    it('asks nothing when the registry said it indexed the subject (OCI-Subject)', async () => {
      const registry = new MemoryAccess({ api: [] });
      assert.equal(
        await new ReferrersIndex().add(registry, 'acme/app', SUBJECT, OURS, { indexedByRegistry: true }),
        'api',
      );
      assert.deepEqual(registry.calls, []);
    });

    it('writes no tag when the API lists the referrer', async () => {
      const registry = new MemoryAccess({ api: [THEIRS, OURS] });
      assert.equal(await new ReferrersIndex().add(registry, 'acme/app', SUBJECT, OURS), 'api');
      assert.deepEqual(registry.calls, [`getReferrers acme/app@${SUBJECT}`]);
    });

    it('writes the fallback tag when the API does not list it', async () => {
      const registry = new MemoryAccess({ api: [THEIRS] });
      assert.equal(await new ReferrersIndex().add(registry, 'acme/app', SUBJECT, OURS), 'tag');
      assert.deepEqual(registry.tagged(), [OURS.digest]);
    });
  });

  describe('add, on a registry without the API', () => {
    it('appends to the fallback tag, keeping every other entry verbatim', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      assert.equal(await new ReferrersIndex().add(registry, 'acme/app', SUBJECT, OURS), 'tag');
      assert.deepEqual(registry.calls, [
        `getReferrers acme/app@${SUBJECT}`,
        `getManifest acme/app:${TAG}`,
        `putManifest acme/app:${TAG} ${OCI_INDEX_TYPE}`,
      ]);
      assert.deepEqual(JSON.parse(registry.manifests.get(TAG)?.bytes.toString() ?? ''), {
        schemaVersion: 2,
        mediaType: OCI_INDEX_TYPE,
        manifests: [THEIRS, OURS],
      });
    });

    it('creates the tag when there is none', async () => {
      const registry = new MemoryAccess();
      await new ReferrersIndex().add(registry, 'acme/app', SUBJECT, OURS);
      assert.deepEqual(registry.tagged(), [OURS.digest]);
    });

    it('writes nothing when the tag lists the referrer already', async () => {
      const registry = new MemoryAccess({ tag: [OURS] });
      assert.equal(await new ReferrersIndex().add(registry, 'acme/app', SUBJECT, OURS), 'tag');
      assert.ok(!registry.calls.some((call) => call.startsWith('putManifest')));
    });

    it('refuses a tag another tool holds with something other than an index (PUBLISH_CONFLICT)', async () => {
      const registry = new MemoryAccess();
      registry.store(TAG, Buffer.from('{"schemaVersion":2,"layers":[]}'), OCI_MANIFEST_TYPE);
      await assert.rejects(new ReferrersIndex().add(registry, 'acme/app', SUBJECT, OURS), (err: unknown) => {
        assert.ok(err instanceof SignerError && err.code === 'PUBLISH_CONFLICT', String(err));
        assert.ok(err.message.includes(`acme/app:${TAG} exists but is not an OCI index`), err.message);
        assert.ok(err.message.includes("'signature-format: legacy'"), err.message);
        return true;
      });
      assert.ok(!registry.calls.some((call) => call.startsWith('putManifest')));
    });

    it("merges into list()'s read while it is fresh, without reading the tag again", async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      const index = new ReferrersIndex();
      assert.deepEqual(await index.list(registry, 'acme/app', SUBJECT), [THEIRS]);
      mock.timers.tick(FRESH_READ_MS);
      await index.add(registry, 'acme/app', SUBJECT, OURS);
      assert.deepEqual(registry.calls, [
        `getReferrers acme/app@${SUBJECT}`,
        `findTagged acme/app:${TAG}`,
        `getReferrers acme/app@${SUBJECT}`,
        `putManifest acme/app:${TAG} ${OCI_INDEX_TYPE}`,
      ]);
      assert.deepEqual(registry.tagged(), [THEIRS.digest, OURS.digest]);
    });

    it("reads the tag again once list()'s read is stale", async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      const index = new ReferrersIndex();
      await index.list(registry, 'acme/app', SUBJECT);
      mock.timers.tick(FRESH_READ_MS + 1);
      await index.add(registry, 'acme/app', SUBJECT, OURS);
      assert.ok(registry.calls.includes(`getManifest acme/app:${TAG}`), registry.calls.join('\n'));
    });

    it("uses list()'s read once: a second add reads the tag again", async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      const index = new ReferrersIndex();
      await index.list(registry, 'acme/app', SUBJECT);
      await index.add(registry, 'acme/app', SUBJECT, OURS);
      const other = referrer('ours too');
      await index.add(registry, 'acme/app', SUBJECT, other);
      assert.deepEqual(registry.tagged(), [THEIRS.digest, OURS.digest, other.digest]);
    });
  });

  describe('list and listFromApi', () => {
    it('list reads the API when there is one', async () => {
      const registry = new MemoryAccess({ api: [THEIRS] });
      assert.deepEqual(await new ReferrersIndex().list(registry, 'acme/app', SUBJECT), [THEIRS]);
      assert.deepEqual(registry.calls, [`getReferrers acme/app@${SUBJECT}`]);
    });

    it('listFromApi answers undefined, reading no tag, when there is no API', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      assert.equal(await new ReferrersIndex().listFromApi(registry, 'acme/app', SUBJECT), undefined);
      assert.deepEqual(registry.calls, [`getReferrers acme/app@${SUBJECT}`]);
      assert.deepEqual(
        await new ReferrersIndex().listFromApi(new MemoryAccess({ api: [OURS] }), 'acme/app', SUBJECT),
        [OURS],
      );
    });
  });

  describe('withdraw', () => {
    it('deletes the manifest through the API, answering whether the registry allowed it', async () => {
      const registry = new MemoryAccess({ api: [OURS] });
      assert.equal(
        await new ReferrersIndex().withdraw(registry, 'acme/app', SUBJECT, OURS.digest, 'api'),
        true,
      );
      registry.deletable = false;
      assert.equal(
        await new ReferrersIndex().withdraw(registry, 'acme/app', SUBJECT, OURS.digest, 'api'),
        false,
      );
      assert.deepEqual(registry.calls, [
        `deleteManifest acme/app@${OURS.digest}`,
        `deleteManifest acme/app@${OURS.digest}`,
      ]);
    });

    it('takes only the entry out of the fallback tag, keeping the manifest', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS, OURS] });
      assert.equal(
        await new ReferrersIndex().withdraw(registry, 'acme/app', SUBJECT, OURS.digest, 'tag'),
        true,
      );
      assert.deepEqual(registry.tagged(), [THEIRS.digest]);
      assert.ok(!registry.calls.some((call) => call.startsWith('deleteManifest')));
    });

    it('writes nothing when the tag does not list the entry, or is no index', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      await new ReferrersIndex().withdraw(registry, 'acme/app', SUBJECT, OURS.digest, 'tag');
      const squatted = new MemoryAccess();
      squatted.store(TAG, Buffer.from('{"schemaVersion":2,"layers":[]}'), OCI_MANIFEST_TYPE);
      await new ReferrersIndex().withdraw(squatted, 'acme/app', SUBJECT, OURS.digest, 'tag');
      assert.ok(![...registry.calls, ...squatted.calls].some((call) => call.startsWith('putManifest')));
    });
  });

  describe('settle', () => {
    it('merges our entry again where a concurrent writer dropped it, and returns the lists as last read', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      const index = new ReferrersIndex();
      await index.add(registry, 'acme/app', SUBJECT, OURS);
      // Another signer read the list before our write and wrote it back without our entry.
      registry.store(TAG, indexOf(THEIRS), OCI_INDEX_TYPE);
      const lists = await index.settle(NO_WAIT);
      assert.deepEqual(registry.tagged(), [THEIRS.digest, OURS.digest]);
      assert.deepEqual(
        lists.get(`registry.example/acme/app@${SUBJECT}`)?.map((entry) => entry.digest),
        [THEIRS.digest, OURS.digest],
      );
    });

    it('keeps a list of one entry as its digest alone, and a longer list with its hints', async () => {
      const registry = new MemoryAccess({ tag: [] });
      const index = new ReferrersIndex();
      await index.add(registry, 'acme/app', SUBJECT, OURS);
      const alone = (await index.settle(NO_WAIT)).get(`registry.example/acme/app@${SUBJECT}`);
      assert.deepEqual(alone, [{ mediaType: OURS.mediaType, digest: OURS.digest, size: OURS.size }]);

      registry.store(TAG, indexOf(THEIRS, OURS), OCI_INDEX_TYPE);
      const shared = (await index.settle(NO_WAIT)).get(`registry.example/acme/app@${SUBJECT}`);
      assert.deepEqual(shared, [THEIRS, OURS]);
    });

    it('writes nothing when every entry is still there', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      const index = new ReferrersIndex();
      await index.add(registry, 'acme/app', SUBJECT, OURS);
      const writes = registry.calls.filter((call) => call.startsWith('putManifest')).length;
      await index.settle(NO_WAIT);
      assert.equal(registry.calls.filter((call) => call.startsWith('putManifest')).length, writes);
    });

    it('takes a withdrawn entry out again where a concurrent writer put it back', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      const index = new ReferrersIndex();
      await index.add(registry, 'acme/app', SUBJECT, OURS);
      await index.withdraw(registry, 'acme/app', SUBJECT, OURS.digest, 'tag');
      registry.store(TAG, indexOf(THEIRS, OURS), OCI_INDEX_TYPE);
      await index.settle(NO_WAIT);
      assert.deepEqual(registry.tagged(), [THEIRS.digest]);
    });

    it('watches an entry the tag listed already, and merges it again if a concurrent writer drops it', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS, OURS] });
      const index = new ReferrersIndex();
      await index.add(registry, 'acme/app', SUBJECT, OURS);
      registry.store(TAG, indexOf(THEIRS), OCI_INDEX_TYPE);
      await index.settle(NO_WAIT);
      assert.deepEqual(registry.tagged(), [THEIRS.digest, OURS.digest]);
    });

    it('reads an intact list once when it is ours alone, and twice when others write to it too', async () => {
      const tagReads = (registry: MemoryAccess) =>
        registry.calls.filter((call) => call === `getManifest acme/app:${TAG}`).length;
      const alone = new MemoryAccess();
      const aloneIndex = new ReferrersIndex();
      await aloneIndex.add(alone, 'acme/app', SUBJECT, OURS);
      const aloneBefore = tagReads(alone);
      await aloneIndex.settle(NO_WAIT);
      assert.equal(tagReads(alone) - aloneBefore, 1);

      const shared = new MemoryAccess({ tag: [THEIRS] });
      const sharedIndex = new ReferrersIndex();
      await sharedIndex.add(shared, 'acme/app', SUBJECT, OURS);
      const sharedBefore = tagReads(shared);
      await sharedIndex.settle(NO_WAIT);
      assert.equal(tagReads(shared) - sharedBefore, 2);
    });

    it('settles nothing for a withdrawal of an entry it never added', async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      const index = new ReferrersIndex();
      await index.withdraw(registry, 'acme/app', SUBJECT, OURS.digest, 'tag');
      assert.equal((await index.settle(NO_WAIT)).size, 0);
    });

    it('returns no lists when nothing was appended', async () => {
      assert.equal((await new ReferrersIndex().settle(NO_WAIT)).size, 0);
    });
  });

  describe('a slow merge', () => {
    it("lengthens the pause before settle's check: the read allowance, and the write time three times over", async () => {
      const registry = new MemoryAccess({ tag: [THEIRS] });
      const put = registry.putManifest.bind(registry);
      registry.putManifest = async (...args) => {
        mock.timers.tick(1_000);
        return put(...args);
      };
      await new ReferrersIndex().add(registry, 'acme/app', SUBJECT, OURS);
      // Written 1 s after its read was taken: a concurrent writer's kept read, plus three times that write.
      assert.equal(settleDelayMs(), FRESH_READ_MS + 3 * 1_000);
    });
  });
});
