import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { COSIGN_VERSIONS, type KeyPair } from '../harness/cosign.ts';
import { startFakeReleases, type FakeReleases } from '../harness/github-releases.ts';
import type { GoreleaserRelease } from '../harness/goreleaser.ts';
import {
  RELEASE_CLAIMS,
  mintToken,
  startRunnerTokenEndpoint,
  workflowIdentity,
  type RunnerTokenEndpoint,
} from '../harness/oidc.ts';
import { startSigstoreStack, type SigstoreStack, type StackTrust } from '../harness/sigstore-stack.ts';
import {
  spendFirstLogEntry,
  verifyBlobKeyless,
  verifyBlobWithKey,
  verifyWithSigstorePython,
  writeEmptyTrustedRoot,
} from '../harness/verify-blob.ts';

const TOKEN = 'ghs_goreleaserReleaseToken0123456789';
const TAG = 'v0.1.0';
const IDENTITY = workflowIdentity({ ...RELEASE_CLAIMS, ref: `refs/tags/${TAG}` });

interface FileSignature {
  path: string;
  status: string;
  'asset-name': string | null;
  'asset-action': string | null;
}

const signaturesOf = (run: ActionRun): FileSignature[] =>
  JSON.parse(run.outputs['file-signatures'] ?? '[]') as FileSignature[];

/** goreleaser's project folder without any bundle: dist/ as goreleaser left it, in a folder of its own. */
function freshCopy(release: GoreleaserRelease): string {
  const workspace = mkdtempSync(join(tmpdir(), 'rs-goreleaser-files-'));
  cpSync(release.dist, join(workspace, 'dist'), {
    recursive: true,
    filter: (source) => !source.endsWith('.sigstore.json'),
  });
  return workspace;
}

/** A copy of `file` with other content beside a copy of its bundle: what a tampered download looks like. */
function changedCopy(file: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'rs-changed-')), basename(file));
  writeFileSync(copy, 'not what goreleaser built');
  cpSync(`${file}.sigstore.json`, `${copy}.sigstore.json`);
  return copy;
}

/**
 * goreleaser's checksum file and archives, from a real goreleaser run, signed as release files with a key
 * and keyless (Fulcio, a CT log, Rekor v2 and a TSA), attached to the stand-in GitHub release of the tag,
 * and judged by cosign verify-blob (v3 and v2) and sigstore-python.
 */
export function describeReleaseFiles(
  release: () => GoreleaserRelease,
  password: string,
  keys: () => KeyPair,
): void {
  describe("goreleaser's checksum and archives as release files", () => {
    let releases: FakeReleases;
    let drafts: FakeReleases;
    let stack: SigstoreStack;
    let runner: RunnerTokenEndpoint;
    let trust: StackTrust;
    let expectedPaths: string[];
    const workspace = () => dirname(release().dist);
    const sign = (
      where: string,
      api: FakeReleases,
      signer: Record<string, string>,
      env: Record<string, string> = {},
    ): Promise<ActionRun> =>
      runAction({
        inputs: {
          'goreleaser-artifacts': join(where, 'dist', 'artifacts.json'),
          'goreleaser-files': 'checksum, archive',
          'artifact-types': 'none',
          'upload-to-release': 'true',
          'github-token': TOKEN,
          provenance: 'off',
          ...signer,
        },
        env: {
          GITHUB_WORKSPACE: where,
          GITHUB_REF: `refs/tags/${TAG}`,
          GITHUB_API_URL: api.api.url,
          ...env,
        },
      });
    const withKey = () => ({ key: keys().privateKeyPem, 'key-password': password, 'tlog-upload': 'false' });

    before(async () => {
      [releases, drafts, stack] = await Promise.all([
        startFakeReleases(),
        startFakeReleases(),
        startSigstoreStack({ ctLog: true }),
      ]);
      releases.createRelease(TAG);
      // goreleaser's `release.draft: true`: a release the API does not find by its tag.
      drafts.createRelease(TAG, { draft: true });
      runner = await startRunnerTokenEndpoint(() =>
        mintToken({ ...RELEASE_CLAIMS, ref: `refs/tags/${TAG}`, issuer: stack.issuerUrl }),
      );
      trust = await stack.trust({ log: 'rekor-v2', tsa: true });
      await spendFirstLogEntry(
        { 'signing-config': trust.signingConfigPath, 'trusted-root': trust.trustedRootPath },
        runner.env,
      );
      const artifacts = JSON.parse(readFileSync(join(release().dist, 'artifacts.json'), 'utf8')) as {
        path: string;
        type: string;
      }[];
      expectedPaths = artifacts
        .filter((artifact) => artifact.type === 'Checksum' || artifact.type === 'Archive')
        .map((artifact) => artifact.path)
        .sort();
    });
    after(async () => {
      await runner?.stop();
      await stack?.stop();
      await releases?.api.stop();
      await drafts?.api.stop();
    });

    it('signs them with a key, uploads each bundle, and cosign verify-blob accepts each', async () => {
      assert.equal(expectedPaths.length, 3, expectedPaths.join('\n'));
      const run = await sign(workspace(), releases, withKey());
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(
        signaturesOf(run)
          .map((s) => [s.path, s.status, s['asset-action']])
          .sort(),
        expectedPaths.map((path) => [path, 'signed', 'uploaded']),
      );
      const assets = releases.assetsOf(TAG);
      assert.deepEqual(
        [...assets.keys()].sort(),
        expectedPaths.map((path) => `${basename(path)}.sigstore.json`),
      );
      const emptyRoot = writeEmptyTrustedRoot();
      for (const path of expectedPaths) {
        const file = join(workspace(), path);
        assert.deepEqual(
          assets.get(`${basename(path)}.sigstore.json`),
          readFileSync(`${file}.sigstore.json`),
        );
        for (const version of COSIGN_VERSIONS) {
          const result = await verifyBlobWithKey(version, keys(), file, emptyRoot);
          assert.equal(result.code, 0, `${version} ${path}: ${result.stderr}`);
        }
      }
      const changed = await verifyBlobWithKey(
        'cosign3',
        keys(),
        changedCopy(join(workspace(), expectedPaths[0] ?? '')),
        emptyRoot,
      );
      assert.notEqual(changed.code, 0);
    });

    it('lands each asset once per name on re-runs: kept when the same, replaced when not', async () => {
      const uploadsBefore = releases.uploads.length;
      const again = await sign(workspace(), releases, withKey());
      assert.equal(again.exitCode, 0, again.stdout);
      assert.deepEqual(
        [...new Set(signaturesOf(again).map((s) => `${s.status} ${s['asset-action']}`))],
        ['already-signed unchanged'],
      );
      assert.equal(releases.uploads.length, uploadsBefore);

      // The same release signed again from another checkout: new signatures, the same names.
      const other = freshCopy(release());
      const resigned = await sign(other, releases, withKey());
      assert.equal(resigned.exitCode, 0, resigned.stdout);
      assert.deepEqual([...new Set(signaturesOf(resigned).map((s) => s['asset-action']))], ['replaced']);
      const assets = releases.assetsOf(TAG);
      assert.equal(assets.size, expectedPaths.length);
      for (const path of expectedPaths)
        assert.deepEqual(
          assets.get(`${basename(path)}.sigstore.json`),
          readFileSync(join(other, `${path}.sigstore.json`)),
        );
    });

    it("signs them keyless into goreleaser's draft release; cosign and sigstore-python accept each", async () => {
      const keyless = freshCopy(release());
      const run = await sign(
        keyless,
        drafts,
        { 'signing-config': trust.signingConfigPath, 'trusted-root': trust.trustedRootPath },
        runner.env,
      );
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(
        [...new Set(signaturesOf(run).map((s) => `${s.status} ${s['asset-action']}`))],
        ['signed uploaded'],
      );
      assert.equal(drafts.assetsOf(TAG).size, expectedPaths.length);
      const expected = {
        trustedRootPath: trust.trustedRootPath,
        identity: IDENTITY,
        issuer: stack.issuerUrl,
        rekorV2: true,
      };
      for (const path of expectedPaths) {
        const file = join(keyless, path);
        for (const version of COSIGN_VERSIONS) {
          const result = await verifyBlobKeyless(version, file, expected);
          assert.equal(result.code, 0, `${version} ${path}: ${result.stderr}`);
        }
        const python = await verifyWithSigstorePython(file, trust, expected);
        assert.equal(python.code, 0, `sigstore-python ${path}: ${python.stdout}${python.stderr}`);
      }
      const changed = changedCopy(join(keyless, expectedPaths[0] ?? ''));
      for (const version of COSIGN_VERSIONS)
        assert.notEqual((await verifyBlobKeyless(version, changed, expected)).code, 0, version);
      assert.notEqual((await verifyWithSigstorePython(changed, trust, expected)).code, 0);
    });

    it('a pull_request dry run uploads nothing and writes no bundle', async () => {
      const dry = freshCopy(release());
      const requestsBefore = releases.api.requests.length;
      const run = await runAction({
        inputs: {
          'goreleaser-artifacts': join(dry, 'dist', 'artifacts.json'),
          'goreleaser-files': 'checksum, archive',
          'artifact-types': 'none',
          'upload-to-release': 'true',
          'github-token': TOKEN,
          provenance: 'off',
        },
        env: { GITHUB_WORKSPACE: dry, GITHUB_REF: 'refs/pull/5/merge', GITHUB_API_URL: releases.api.url },
        eventName: 'pull_request',
        event: {
          pull_request: {
            number: 5,
            head: { repo: { full_name: 'acme/hello' } },
            base: { repo: { full_name: 'acme/hello' } },
          },
        },
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(
        signaturesOf(run)
          .map((s) => [s.path, s.status, s['asset-action']])
          .sort(),
        expectedPaths.map((path) => [path, 'planned', 'planned']),
      );
      assert.equal(releases.api.requests.length, requestsBefore);
      for (const path of expectedPaths) assert.ok(!existsSync(join(dry, `${path}.sigstore.json`)), path);
    });

    it("kept to GitHub's OpenAPI description in every request and answer", () => {
      assert.deepEqual([...releases.specErrors, ...drafts.specErrors], []);
      assert.ok(drafts.operations.includes('repos/list-releases'));
    });
  });
}
