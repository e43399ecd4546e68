import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { pushMultiArchImage, pushSingleImage } from '../harness/fixtures.ts';
import { sigLayerCount } from '../harness/inspect.ts';
import { runProcess } from '../harness/process.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { tool } from '../harness/tools.ts';

const PASSWORD = 'subjects';

interface Entry {
  image: string;
  tags?: string[];
  digest?: string;
  platform?: string;
  status: string;
  reason?: string;
}

describe('where digests come from', () => {
  let registry: TestRegistry;
  let keys: KeyPair;

  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(PASSWORD)]);
  });
  after(() => registry?.stop());

  const sign = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
    runAction({
      inputs: {
        key: keys.privateKeyPem,
        'key-password': PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
        ...inputs,
      },
      env,
    });

  it("signs goreleaser's artifacts.json: dockers_v2 images once per digest with every tag, manifests, and skips what was not pushed", async () => {
    const agent = await pushMultiArchImage(registry, 'rancher/fleet-agent', 'v0.13.0', 'goreleaser-agent');
    const amd64 = await pushSingleImage(registry, 'rancher/fleet', 'v0.13.0-linux-amd64', 'goreleaser-amd64');
    const manifest = await pushMultiArchImage(registry, 'rancher/fleet', 'v0.13.0', 'goreleaser-manifest');
    const host = registry.host;
    // Field for field as goreleaser v2 writes them (PROVENANCE.md §7, §8.3).
    const artifacts = [
      {
        name: 'fleet_0.13.0_linux_amd64.tar.gz',
        path: 'dist/fleet_0.13.0_linux_amd64.tar.gz',
        goos: 'linux',
        goarch: 'amd64',
        internal_type: 1,
        type: 'Archive',
        extra: { Format: 'tar.gz' },
      },
      {
        name: `${host}/rancher/fleet-agent:v0.13.0`,
        path: `${host}/rancher/fleet-agent:v0.13.0`,
        internal_type: 38,
        type: 'Docker Image',
        extra: {
          Digest: agent.index.digest,
          ID: 'fleet-agent-private',
          Platforms: ['linux/amd64', 'linux/arm64'],
        },
      },
      {
        name: `${host}/rancher/fleet-agent:latest`,
        path: `${host}/rancher/fleet-agent:latest`,
        internal_type: 38,
        type: 'Docker Image',
        extra: {
          Digest: agent.index.digest,
          ID: 'fleet-agent-private',
          Platforms: ['linux/amd64', 'linux/arm64'],
        },
      },
      {
        name: `${host}/rancher/fleet:v0.13.0-linux-amd64`,
        path: `${host}/rancher/fleet:v0.13.0-linux-amd64`,
        goos: 'linux',
        goarch: 'amd64',
        internal_type: 10,
        type: 'Published Docker Image',
        extra: { Digest: amd64.digest, ID: 'fleet-amd64-public' },
      },
      {
        name: `${host}/rancher/fleet:v0.13.0`,
        path: `${host}/rancher/fleet:v0.13.0`,
        internal_type: 11,
        type: 'Docker Manifest',
        extra: { Digest: manifest.index.digest, ID: 'fleet-manifest-public' },
      },
      {
        name: `${host}/rancher/fleet-dev:v0.13.0`,
        path: `${host}/rancher/fleet-dev:v0.13.0`,
        internal_type: 38,
        type: 'Docker Image',
        extra: { ID: 'fleet-dev', Platforms: ['linux/amd64'] },
      },
    ];
    const dist = mkdtempSync(join(tmpdir(), 'rs-dist-'));
    writeFileSync(join(dist, 'artifacts.json'), JSON.stringify(artifacts));
    const run = await sign({ 'goreleaser-artifacts': join(dist, 'artifacts.json'), 'artifact-types': 'all' });
    assert.equal(run.exitCode, 0, run.stdout);
    const entries = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
    const agentIndex = entries.find((e) => e.digest === agent.index.digest);
    assert.deepEqual(agentIndex?.tags, ['v0.13.0', 'latest']);
    assert.equal(
      entries.filter((e) => e.digest === agent.index.digest).length,
      1,
      'one signature per digest, not per tag',
    );
    // Each index: itself, two platforms, two attestation manifests.
    assert.equal(run.outputs.signed, String(5 + 1 + 5));
    assert.equal(run.outputs.skipped, '1');
    assert.deepEqual(
      entries.filter((e) => e.status === 'skipped'),
      [
        {
          image: `${host}/rancher/fleet-dev:v0.13.0`,
          status: 'skipped',
          reason: 'goreleaser did not push it (a Docker Image without a digest)',
        },
      ],
    );
    assert.equal(await sigLayerCount(registry, 'rancher/fleet-agent', agent.index.digest), 1);
    const result = await verifyWithKey(
      'cosign3',
      `${host}/rancher/fleet@${manifest.index.digest}`,
      keys.publicKeyPath,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(run.summary, /⏭️ skipped/);

    const manifestsOnly = await sign({
      'goreleaser-artifacts': JSON.stringify(artifacts),
      'artifact-types': 'manifests',
    });
    assert.equal(manifestsOnly.exitCode, 0, manifestsOnly.stdout);
    // As goreleaser's `manifests`: Docker manifests and dockers_v2 images (indexes), not per-arch pushes.
    const manifestEntries = JSON.parse(manifestsOnly.outputs.signatures ?? '[]') as Entry[];
    assert.deepEqual(
      // Signed by the run above already: this one finds them so.
      [...new Set(manifestEntries.filter((e) => e.status === 'already-signed').map((e) => e.image))],
      [`${host}/rancher/fleet-agent`, `${host}/rancher/fleet`],
    );
    assert.ok(!manifestEntries.some((e) => e.digest === amd64.digest && e.image === `${host}/rancher/fleet`));
  });

  it('signs ko images as goreleaser ≤ 2.17 names them (host/repo@sha256:…), and refuses a name whose digest differs', async () => {
    const ko = await pushMultiArchImage(registry, 'acme/ko-old', 'v1', 'ko-old');
    const named = `${registry.host}/acme/ko-old@${ko.index.digest}`;
    const entry = {
      name: named,
      path: named,
      type: 'Docker Manifest',
      extra: { Digest: ko.index.digest, ID: 'ko' },
    };
    const run = await sign({
      'goreleaser-artifacts': JSON.stringify([entry]),
      'artifact-types': 'manifests',
    });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(run.outputs.signed, '5');
    const result = await verifyWithKey('cosign3', named, keys.publicKeyPath);
    assert.equal(result.code, 0, result.stderr);

    const other = `sha256:${'e'.repeat(64)}`;
    const forged = { ...entry, name: `${registry.host}/acme/ko-old@${other}` };
    const refused = await sign({ 'goreleaser-artifacts': JSON.stringify([forged]), 'artifact-types': 'all' });
    assert.equal(refused.exitCode, 1);
    assert.match(
      refused.stdout,
      /::error::Input 'goreleaser-artifacts', entry 0 \(Docker Manifest\): '.*acme\/ko-old@sha256:e{64}' names digest/,
    );
  });

  it("signs nothing and succeeds with a notice when artifact-types matches nothing, as goreleaser's docker_signs", async () => {
    const ko = {
      name: `${registry.host}/acme/ko`,
      type: 'Docker Manifest',
      extra: { Digest: `sha256:${'f'.repeat(64)}` },
    };
    for (const filter of ['', 'none']) {
      const run = await sign({ 'goreleaser-artifacts': JSON.stringify([ko]), 'artifact-types': filter });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(run.outputs.signed, '0');
      assert.match(run.stdout, /::notice::artifact-types/);
    }
  });

  it("signs docker/build-push-action's metadata output: one digest, every pushed name", async () => {
    const image = await pushMultiArchImage(registry, 'acme/built', 'v2.0.0', 'build-push');
    const metadata = {
      'buildx.build.ref': 'builder/builder0/x7k2',
      'containerimage.descriptor': {
        mediaType: image.index.mediaType,
        digest: image.index.digest,
        size: image.index.size,
      },
      'containerimage.digest': image.index.digest,
      'image.name': `${registry.host}/acme/built:v2.0.0,${registry.host}/acme/built:latest`,
    };
    const run = await sign({ 'build-metadata': JSON.stringify(metadata) });
    assert.equal(run.exitCode, 0, run.stdout);
    const entries = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
    assert.equal(entries.length, 5);
    assert.deepEqual(entries[0]?.tags, ['v2.0.0', 'latest']);
  });

  it('refuses a tag without a digest, explaining why, unless resolve-tags is set; then signs the digest it resolved', async () => {
    const image = await pushSingleImage(registry, 'acme/tagged', 'v3', 'tagged');
    const refused = await sign({ images: `${registry.host}/acme/tagged:v3` });
    assert.equal(refused.exitCode, 1);
    assert.match(
      refused.stdout,
      /::error::Input 'images', line 1: .* has no digest\. Signing a tag is unsafe/,
    );
    // An `if: always()` step after a refused run still parses the outputs.
    assert.deepEqual(JSON.parse(refused.outputs.signatures ?? 'missing'), []);
    assert.equal(refused.outputs.failed, '0');
    assert.equal(refused.outputs.signed, '0');
    assert.match(refused.summary, /Nothing was signed: the run stopped before signing/);
    const run = await sign({ images: `${registry.host}/acme/tagged:v3`, 'resolve-tags': 'true' });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal((JSON.parse(run.outputs.signatures ?? '[]') as Entry[])[0]?.digest, image.digest);
  });

  it('stores signatures in signature-repository, where cosign finds them with COSIGN_REPOSITORY', async () => {
    const image = await pushSingleImage(registry, 'acme/elsewhere', 'v1', 'elsewhere');
    const run = await sign({
      images: `${registry.host}/acme/elsewhere@${image.digest}`,
      'signature-repository': `${registry.host}/acme/signatures`,
    });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(await sigLayerCount(registry, 'acme/elsewhere', image.digest), 0);
    assert.equal(await sigLayerCount(registry, 'acme/signatures', image.digest), 1);
    const result = await verifyWithKey(
      'cosign3',
      `${registry.host}/acme/elsewhere@${image.digest}`,
      keys.publicKeyPath,
      {
        COSIGN_REPOSITORY: `${registry.host}/acme/signatures`,
      },
    );
    assert.equal(result.code, 0, result.stderr);
  });

  it('writes each bundle as a file under RUNNER_TEMP and lists them in bundle-paths', async () => {
    const image = await pushSingleImage(registry, 'acme/files', 'v1', 'files');
    const run = await sign({ images: `${registry.host}/acme/files@${image.digest}` });
    assert.equal(run.exitCode, 0, run.stdout);
    const paths = (run.outputs['bundle-paths'] ?? '').split('\n').filter(Boolean);
    assert.equal(paths.length, 2);
    for (const path of paths) {
      assert.ok(path.startsWith(run.runnerTemp) && existsSync(path), path);
      const bundle = JSON.parse(readFileSync(path, 'utf8')) as { mediaType: string };
      assert.match(bundle.mediaType, /application\/vnd\.dev\.sigstore\.bundle/);
    }
  });

  it('writes one bundle file per repository and digest, and digests names the repository, when one release pushes a digest to two repositories', async () => {
    const image = await pushMultiArchImage(registry, 'acme/first', 'v1', 'two-repositories');
    const copied = await runProcess(tool('crane'), [
      'copy',
      '--insecure',
      `${registry.host}/acme/first:v1`,
      `${registry.host}/acme/second:v1`,
    ]);
    assert.equal(copied.code, 0, copied.stderr);
    // As ko writes a push to several repositories: one Docker Manifest entry per repository.
    const artifacts = ['acme/first', 'acme/second'].map((repository) => ({
      name: `${registry.host}/${repository}:v1`,
      type: 'Docker Manifest',
      extra: { Digest: image.index.digest },
    }));
    const run = await sign({
      'goreleaser-artifacts': JSON.stringify(artifacts),
      'artifact-types': 'manifests',
    });
    assert.equal(run.exitCode, 0, run.stdout);
    const paths = (run.outputs['bundle-paths'] ?? '').split('\n').filter(Boolean);
    const contents = new Set(paths.map((path) => readFileSync(path, 'utf8')));
    // 5 manifests (index, amd64, arm64, two attestation manifests) × 2 repositories, in each of the 2 formats.
    assert.equal(paths.filter((path) => path.endsWith('.bundle.sigstore.json')).length, 10, paths.join('\n'));
    assert.equal(paths.length, 20, paths.join('\n'));
    assert.equal(contents.size, 20, 'each file holds its own bundle');
    const digests = (run.outputs.digests ?? '').split('\n');
    const manifests = [
      image.index.digest,
      image.platforms['linux/amd64'].digest,
      image.platforms['linux/arm64'].digest,
      ...image.attestations.map((attestation) => attestation.digest),
    ];
    assert.deepEqual(
      new Set(digests),
      new Set(
        ['acme/first', 'acme/second'].flatMap((r) => manifests.map((d) => `${registry.host}/${r}@${d}`)),
      ),
    );
    for (const repository of ['acme/first', 'acme/second']) {
      const result = await verifyWithKey(
        'cosign3',
        `${registry.host}/${repository}@${image.index.digest}`,
        keys.publicKeyPath,
      );
      assert.equal(result.code, 0, result.stderr);
    }
  });

  it('keeps signing the other images when one fails, and fails the step at the end', async () => {
    const good = await pushSingleImage(registry, 'acme/good', 'v1', 'good');
    const missing = `sha256:${'0'.repeat(64)}`;
    const run = await sign({
      images: `${registry.host}/acme/missing@${missing}\n${registry.host}/acme/good@${good.digest}`,
    });
    assert.equal(run.exitCode, 1);
    const entries = JSON.parse(run.outputs.signatures ?? '[]') as (Entry & { error?: { code: string } })[];
    assert.deepEqual(
      entries.map((e) => e.status),
      ['failed', 'signed'],
    );
    assert.equal(entries[0]?.error?.code, 'MANIFEST_NOT_FOUND');
    assert.equal(await sigLayerCount(registry, 'acme/good', good.digest), 1);
    assert.ok(run.summary.indexOf('❌ failed') < run.summary.indexOf('✅ signed'), 'failures first');
  });
});
