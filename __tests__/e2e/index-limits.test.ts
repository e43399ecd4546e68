import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import {
  OCI_INDEX,
  OCI_MANIFEST,
  pushManifest,
  pushMultiArchImage,
  pushSingleImage,
  type PushedManifest,
} from '../harness/fixtures.ts';
import { craneTags } from '../harness/inspect.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';

const DUPLICATES = 12_000;

interface Entry {
  digest: string;
  platform?: string;
  status: string;
  error?: { code: string; message: string };
}

const indexOf = (entries: readonly object[]): object => ({
  schemaVersion: 2,
  mediaType: OCI_INDEX,
  manifests: entries,
});
const entryOf = (manifest: PushedManifest, platform?: object): object => ({
  mediaType: manifest.mediaType === 'application/octet-stream' ? OCI_MANIFEST : manifest.mediaType,
  digest: manifest.digest,
  size: manifest.size,
  ...(platform ? { platform } : {}),
});

describe('indexes: each digest once, nested ones walked, the report within GitHub limits', () => {
  let registry: TestRegistry;
  const keyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

  const sign = (image: string): Promise<ActionRun> =>
    runAction({
      inputs: {
        images: image,
        key: keyPem,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
      },
    });

  before(async () => {
    registry = await startRegistry();
  });
  after(() => registry?.stop());

  describe(`when an index lists one manifest ${DUPLICATES} times`, () => {
    let index: PushedManifest;
    let child: PushedManifest;
    let run: ActionRun;

    before(async () => {
      child = await pushSingleImage(registry, 'acme/duplicates', 'child');
      const entry = entryOf(child, { os: 'linux', architecture: 'amd64' });
      index = await pushManifest(
        registry,
        'acme/duplicates',
        'v1',
        indexOf(Array.from({ length: DUPLICATES }, () => entry)),
      );
      run = await sign(`${registry.host}/acme/duplicates@${index.digest}`);
    });

    it('signs and reports the index and its manifest once each', () => {
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(run.outputs.signed, '2');
      const entries = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
      assert.deepEqual(entries.map((entry) => entry.digest).sort(), [child.digest, index.digest].sort());
    });

    it('keeps each output under 1 MB and the summary under 1 MiB', () => {
      for (const [name, value] of Object.entries(run.outputs))
        assert.ok(Buffer.byteLength(value) < 1_000_000, `${name}: ${Buffer.byteLength(value)} bytes`);
      assert.ok(
        Buffer.byteLength(run.summary) < 1024 * 1024,
        `summary: ${Buffer.byteLength(run.summary)} bytes`,
      );
    });

    it('writes the whole report to the file report-path names, under RUNNER_TEMP', () => {
      const path = run.outputs['report-path'] ?? '';
      assert.equal(path, join(run.runnerTemp, 'release-signer', 'report.json'));
      assert.ok(existsSync(path));
      assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), JSON.parse(run.outputs.signatures ?? ''));
      assert.equal(run.outputs.truncated, 'false');
    });
  });

  describe('when an index lists another index', () => {
    let outer: PushedManifest;
    let inner: Awaited<ReturnType<typeof pushMultiArchImage>>;
    let s390x: PushedManifest;
    let run: ActionRun;

    before(async () => {
      inner = await pushMultiArchImage(registry, 'acme/nested', 'inner');
      s390x = await pushSingleImage(registry, 'acme/nested', 's390x');
      outer = await pushManifest(
        registry,
        'acme/nested',
        'v1',
        indexOf([entryOf(inner.index), entryOf(s390x, { os: 'linux', architecture: 's390x' })]),
      );
      run = await sign(`${registry.host}/acme/nested@${outer.digest}`);
    });

    it('signs it and everything it lists, attestation manifests of the nested index included, as cosign --recursive does', async () => {
      assert.equal(run.exitCode, 0, run.stdout);
      const entries = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
      const signed = [
        outer.digest,
        inner.index.digest,
        inner.platforms['linux/amd64'].digest,
        inner.platforms['linux/arm64'].digest,
        ...inner.attestations.map((attestation) => attestation.digest),
        s390x.digest,
      ];
      assert.deepEqual(entries.map((entry) => entry.digest).sort(), [...signed].sort());
      assert.ok(entries.every((entry) => entry.status === 'signed'));
      assert.equal(
        entries.find((entry) => entry.digest === inner.platforms['linux/arm64'].digest)?.platform,
        'linux/arm64/v8',
      );
      const tags = await craneTags(registry, 'acme/nested');
      for (const digest of signed) assert.ok(tags.includes(`${digest.replace(':', '-')}.sig`), digest);
    });
  });

  describe('when indexes nest deeper than the bound', () => {
    it('refuses the image by name and writes nothing', async () => {
      let current = await pushSingleImage(registry, 'acme/deep', 'leaf');
      let platform: object | undefined = { os: 'linux', architecture: 'amd64' };
      for (let depth = 0; depth < 6; depth++) {
        current = await pushManifest(registry, 'acme/deep', undefined, indexOf([entryOf(current, platform)]));
        platform = undefined;
      }
      const run = await sign(`${registry.host}/acme/deep@${current.digest}`);
      assert.equal(run.exitCode, 1);
      const [entry] = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
      assert.equal(entry?.error?.code, 'REGISTRY_PROTOCOL');
      assert.match(entry?.error?.message ?? '', /nests indexes more than 4 deep/);
      assert.ok(!(await craneTags(registry, 'acme/deep')).some((tag) => tag.endsWith('.sig')));
    });
  });
});
