import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegistryAccess } from '../../../src/registry/access.ts';
import type { FetchedManifest } from '../../../src/registry/access.ts';
import { RecordingRegistry, type RecordedWrite } from '../../../src/registry/recording.ts';
import type { Digest } from '../../../src/subjects/reference.ts';
import { sha256Digest } from '../../../src/util/digest.ts';

const REAL_MANIFEST: FetchedManifest = {
  digest: sha256Digest(Buffer.from('real')),
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  bytes: Buffer.from('real'),
};
const REAL_BLOB = Buffer.from('real blob');
const REAL_REFERRERS = Buffer.from('{"manifests":[]}');

/** The real registry behind a dry run: answers every read, refuses every write, and records the calls. */
function realRegistry(): { reader: RegistryAccess; calls: string[] } {
  const calls: string[] = [];
  const refuse = (what: string) => {
    calls.push(what);
    return Promise.reject(new Error(`a dry run wrote to the registry: ${what}`));
  };
  const reader: RegistryAccess = {
    registry: 'registry.example',
    getManifest: async (repository, reference) => {
      calls.push(`getManifest ${repository}:${reference}`);
      return REAL_MANIFEST;
    },
    findTagged: async (repository, tag) => {
      calls.push(`findTagged ${repository}:${tag}`);
      return REAL_MANIFEST;
    },
    getBlob: async (repository, digest) => {
      calls.push(`getBlob ${repository}@${digest}`);
      return REAL_BLOB;
    },
    getReferrers: async (repository, digest) => {
      calls.push(`getReferrers ${repository}@${digest}`);
      return REAL_REFERRERS;
    },
    putBlob: (repository) => refuse(`putBlob ${repository}`),
    putManifest: (repository, reference) => refuse(`putManifest ${repository}:${reference}`),
    deleteManifest: (repository, digest) => refuse(`deleteManifest ${repository}@${digest}`),
  };
  return { reader, calls };
}

const SIGNATURE = Buffer.from('{"critical":{}}');
const SIG_MANIFEST = Buffer.from('{"schemaVersion":2,"layers":[]}');
const SIG_TAG = `sha256-${'a'.repeat(64)}.sig`;

describe('RecordingRegistry: a dry run reads the registry and writes nothing to it', () => {
  it('passes reads of what it did not write to the real registry', async () => {
    const { reader, calls } = realRegistry();
    const recording = new RecordingRegistry(reader, []);
    const digest = `sha256:${'c'.repeat(64)}` as Digest;
    assert.equal(recording.registry, 'registry.example');
    assert.equal(await recording.getManifest('acme/app', 'v1'), REAL_MANIFEST);
    assert.equal(await recording.findTagged('acme/app', SIG_TAG), REAL_MANIFEST);
    assert.equal(await recording.getBlob('acme/app', digest, 100), REAL_BLOB);
    assert.equal(await recording.getReferrers('acme/app', digest), REAL_REFERRERS);
    assert.deepEqual(calls, [
      'getManifest acme/app:v1',
      `findTagged acme/app:${SIG_TAG}`,
      `getBlob acme/app@${digest}`,
      `getReferrers acme/app@${digest}`,
    ]);
  });

  it('keeps written blobs and manifests in memory and serves them back, by tag and by digest', async () => {
    const { reader, calls } = realRegistry();
    const recording = new RecordingRegistry(reader, []);
    const blob = await recording.putBlob('acme/app', SIGNATURE);
    assert.deepEqual(blob, { digest: sha256Digest(SIGNATURE), size: SIGNATURE.length });
    const pushed = await recording.putManifest(
      'acme/app',
      SIG_TAG,
      SIG_MANIFEST,
      'application/vnd.oci.image.manifest.v1+json',
    );
    assert.deepEqual(pushed, { digest: sha256Digest(SIG_MANIFEST) });

    const stored = {
      digest: sha256Digest(SIG_MANIFEST),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      bytes: SIG_MANIFEST,
    };
    assert.deepEqual(await recording.getManifest('acme/app', SIG_TAG), stored);
    assert.deepEqual(await recording.getManifest('acme/app', sha256Digest(SIG_MANIFEST)), stored);
    assert.deepEqual(await recording.findTagged('acme/app', SIG_TAG), stored);
    assert.deepEqual(await recording.getBlob('acme/app', blob.digest, 100), SIGNATURE);
    assert.deepEqual(calls, [], 'nothing reached the real registry');
  });

  it('keeps what it wrote to one repository out of another', async () => {
    const { reader, calls } = realRegistry();
    const recording = new RecordingRegistry(reader, []);
    const blob = await recording.putBlob('acme/app', SIGNATURE);
    await recording.putManifest(
      'acme/app',
      SIG_TAG,
      SIG_MANIFEST,
      'application/vnd.oci.image.manifest.v1+json',
    );
    assert.equal(await recording.getManifest('acme/other', SIG_TAG), REAL_MANIFEST);
    assert.equal(await recording.getBlob('acme/other', blob.digest, 100), REAL_BLOB);
    assert.deepEqual(calls, [`getManifest acme/other:${SIG_TAG}`, `getBlob acme/other@${blob.digest}`]);
  });

  it('logs every write it kept from the registry, deletes included, in order', async () => {
    const { reader, calls } = realRegistry();
    const log: RecordedWrite[] = [];
    const recording = new RecordingRegistry(reader, log);
    const stale = `sha256:${'d'.repeat(64)}` as Digest;
    await recording.putBlob('acme/app', SIGNATURE);
    await recording.putManifest(
      'acme/app',
      SIG_TAG,
      SIG_MANIFEST,
      'application/vnd.oci.image.manifest.v1+json',
    );
    assert.equal(await recording.deleteManifest('acme/app', stale), true);
    assert.deepEqual(log, [
      {
        kind: 'blob',
        registry: 'registry.example',
        repository: 'acme/app',
        reference: sha256Digest(SIGNATURE),
      },
      { kind: 'manifest', registry: 'registry.example', repository: 'acme/app', reference: SIG_TAG },
      { kind: 'delete', registry: 'registry.example', repository: 'acme/app', reference: stale },
    ]);
    assert.deepEqual(calls, []);
  });
});
