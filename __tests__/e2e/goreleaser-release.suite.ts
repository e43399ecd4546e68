import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, verifyBundleWithKey, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import {
  releaseWithGoreleaser,
  type GoreleaserRelease,
  type GoreleaserVersion,
} from '../harness/goreleaser.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { describeReleaseFiles } from './goreleaser-files.suite.ts';

const PASSWORD = 'goreleaser';

interface Entry {
  image: string;
  digest: string;
  platform?: string;
  tags?: string[];
  status: string;
}

/**
 * A real goreleaser release (ko images for two platforms in two repositories, archives, checksums.txt),
 * then the action on its dist/artifacts.json, then cosign on every digest it pushed. One release per file.
 */
export function describeGoreleaserRelease(
  version: GoreleaserVersion,
  options: { readonly releaseFiles?: boolean } = {},
): void {
  describe(`after a real goreleaser ${version} release with ko images`, () => {
    let registry: TestRegistry;
    let keys: KeyPair;
    let release: GoreleaserRelease;

    before(async () => {
      [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(PASSWORD)]);
      release = await releaseWithGoreleaser(version, registry);
      console.log(`goreleaser ${version} release: ${release.seconds.toFixed(1)} s`);
    });
    after(async () => {
      release?.remove();
      await registry?.stop();
    });

    const sign = (inputs: Record<string, string>) =>
      runAction({
        inputs: {
          key: keys.privateKeyPem,
          'key-password': PASSWORD,
          'tlog-upload': 'false',
          'allow-http-registry': 'true',
          provenance: 'off',
          ...inputs,
        },
      });
    const artifactsPath = () => join(release.dist, 'artifacts.json');

    it('signs every manifest ko pushed, in every repository, and cosign verifies each', async () => {
      const run = await sign({ 'goreleaser-artifacts': artifactsPath(), 'artifact-types': 'manifests' });
      assert.equal(run.exitCode, 0, run.stdout);
      // An index and its two platforms, in each of the two repositories.
      const digests = (run.outputs.digests ?? '').split('\n').filter(Boolean);
      assert.equal(digests.length, 6, digests.join('\n'));
      assert.deepEqual(
        [...new Set(digests.map((line) => line.slice(0, line.indexOf('@'))))],
        release.repositories,
      );
      for (const ref of digests) {
        const legacy = await verifyWithKey('cosign3', ref, keys.publicKeyPath);
        assert.equal(legacy.code, 0, `${ref}: ${legacy.stderr}`);
        const bundle = await verifyBundleWithKey('cosign3', ref, keys.publicKeyPath);
        assert.equal(bundle.code, 0, `${ref}: ${bundle.stderr}`);
      }
      const bundleFiles = (run.outputs['bundle-paths'] ?? '').split('\n').filter(Boolean);
      assert.equal(new Set(bundleFiles).size, 12, 'one file per repository, digest and format');
      const entries = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
      const platforms = entries.filter((entry) => entry.platform).map((entry) => entry.platform);
      assert.deepEqual([...new Set(platforms)].sort(), ['linux/amd64', 'linux/arm64']);
    });

    it("reads the same artifacts as JSON text (goreleaser-action's artifacts output), and shows ko's tags", async () => {
      const run = await sign({
        'goreleaser-artifacts': readFileSync(artifactsPath(), 'utf8'),
        'artifact-types': 'all',
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(run.outputs.signed, '6');
      const entries = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
      for (const repository of release.repositories) {
        const index = entries.find((entry) => entry.image === repository && !entry.platform);
        assert.deepEqual(index?.tags, ['0.1.0', 'latest'], repository);
      }
      assert.match(run.summary, new RegExp(`acme/hello \\| 0\\.1\\.0, latest \\|`));
    });

    it(`names ko's first push ${version === 'v2.17.0' ? 'host/repo@sha256:… (goreleaser issue 6925)' : 'host/repo'}`, () => {
      const artifacts = JSON.parse(readFileSync(artifactsPath(), 'utf8')) as { name: string; type: string }[];
      const first = artifacts.find((artifact) => artifact.type === 'Docker Manifest');
      assert.equal(first?.name.includes('@sha256:'), version === 'v2.17.0', first?.name);
    });

    it(`writes dist/digests.txt for ko ${version === 'v2.17.0' ? 'empty (goreleaser issue 6926)' : 'with every push'}`, () => {
      const lines = readFileSync(join(release.dist, 'digests.txt'), 'utf8').split('\n').filter(Boolean);
      assert.equal(lines.length, version === 'v2.17.0' ? 0 : 3, lines.join('\n'));
    });

    it("signs nothing and succeeds with a notice under goreleaser's default filter: ko images are manifests", async () => {
      const run = await sign({ 'goreleaser-artifacts': artifactsPath() });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(run.outputs.signed, '0');
      assert.match(run.stdout, /::notice::artifact-types '' .* matched no image.*Docker Manifest/);
    });

    // The same goreleaser run: one per file is all the machine affords.
    if (options.releaseFiles)
      describeReleaseFiles(
        () => release,
        PASSWORD,
        () => keys,
      );
  });
}
