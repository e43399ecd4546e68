import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { startFakeReleases, type FakeReleases } from '../harness/github-releases.ts';
import { leakedSecrets } from '../harness/secrets.ts';

const TOKEN = 'ghs_releaseUploadToken0123456789';

interface FileSignature {
  path: string;
  status: string;
  'asset-name': string | null;
  'asset-url': string | null;
  'asset-action': string | null;
  error?: { code: string; message: string };
}

function makeWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'rs-upload-'));
  mkdirSync(join(workspace, 'dist'));
  writeFileSync(join(workspace, 'dist', 'app_linux_amd64.tar.gz'), 'linux archive');
  writeFileSync(join(workspace, 'dist', 'checksums.txt'), 'abc  app_linux_amd64.tar.gz\n');
  return workspace;
}

const signatures = (outputs: Readonly<Record<string, string>>): FileSignature[] =>
  JSON.parse(outputs['file-signatures'] ?? '[]') as FileSignature[];

describe('bundles attached to the GitHub release', () => {
  let key: KeyPair;
  let releases: FakeReleases;
  const sign = (workspace: string, ref = 'refs/tags/v1.0.0', extra: Record<string, string> = {}) =>
    runAction({
      inputs: {
        files: 'dist/checksums.txt\ndist/*.tar.gz',
        key: key.privateKeyPem,
        'key-password': key.password,
        'tlog-upload': 'false',
        provenance: 'off',
        'upload-to-release': 'true',
        'github-token': TOKEN,
        ...extra,
      },
      env: { GITHUB_WORKSPACE: workspace, GITHUB_REF: ref, GITHUB_API_URL: releases.api.url },
    });

  before(async () => {
    key = await generateKeyPair('upload-password');
    releases = await startFakeReleases(1);
    releases.createRelease('v1.0.0');
  });
  after(async () => {
    await releases?.api.stop();
  });

  it('uploads each bundle once, with the token, and reports name and URL', async () => {
    const workspace = makeWorkspace();
    const run = await sign(workspace);
    assert.equal(run.exitCode, 0, run.stdout);
    assert.deepEqual(
      signatures(run.outputs).map((s) => [s['asset-name'], s['asset-action']]),
      [
        ['checksums.txt.sigstore.json', 'uploaded'],
        ['app_linux_amd64.tar.gz.sigstore.json', 'uploaded'],
      ],
    );
    assert.match(
      signatures(run.outputs)[0]?.['asset-url'] ?? '',
      /releases\/download\/v1\.0\.0\/checksums\.txt\.sigstore\.json$/,
    );
    const assets = releases.assetsOf('v1.0.0');
    assert.deepEqual(
      assets.get('checksums.txt.sigstore.json'),
      readFileSync(join(workspace, 'dist', 'checksums.txt.sigstore.json')),
    );
    assert.ok(releases.uploads.every((upload) => upload.authorization === `Bearer ${TOKEN}`));
    assert.deepEqual(leakedSecrets(run, [TOKEN]), []);

    // A re-run keeps its verified bundles: the assets hold the same bytes and are not touched.
    const uploadsBefore = releases.uploads.length;
    const again = await sign(workspace);
    assert.equal(again.exitCode, 0, again.stdout);
    assert.deepEqual(
      signatures(again.outputs).map((s) => [s.status, s['asset-action']]),
      [
        ['already-signed', 'unchanged'],
        ['already-signed', 'unchanged'],
      ],
    );
    assert.equal(releases.uploads.length, uploadsBefore);

    // Another workspace signs anew: same names, other bytes: replaced, never a second asset of one name.
    releases.withoutDigests = true;
    const other = await sign(makeWorkspace());
    assert.equal(other.exitCode, 0, other.stdout);
    assert.deepEqual(
      signatures(other.outputs).map((s) => s['asset-action']),
      ['replaced', 'replaced'],
    );
    assert.equal(releases.assetsOf('v1.0.0').size, 2);
    releases.withoutDigests = false;
  });

  it("uploads to the tag's draft release (goreleaser's release.draft), found through the release list", async () => {
    releases.createRelease('v2.0.0', { draft: true });
    // Newer releases ahead of it: the draft is on a later page (the stand-in pages one release at a time).
    releases.createRelease('v2.0.1');
    releases.createRelease('v2.0.2');
    const operationsBefore = releases.operations.length;
    const run = await sign(makeWorkspace(), 'refs/tags/v2.0.0');
    assert.equal(run.exitCode, 0, run.stdout);
    assert.deepEqual(
      signatures(run.outputs).map((s) => s['asset-action']),
      ['uploaded', 'uploaded'],
    );
    assert.deepEqual([...releases.assetsOf('v2.0.0').keys()].sort(), [
      'app_linux_amd64.tar.gz.sigstore.json',
      'checksums.txt.sigstore.json',
    ]);
    const operations = releases.operations.slice(operationsBefore);
    assert.equal(operations[0], 'repos/get-release-by-tag');
    assert.equal(operations.filter((op) => op === 'repos/list-releases').length, 3);
  });

  it('fails naming the tag and the permission when the tag has no release', async () => {
    const run = await sign(makeWorkspace(), 'refs/tags/v9.9.9');
    assert.equal(run.exitCode, 1);
    const [first] = signatures(run.outputs);
    assert.equal(first?.error?.code, 'RELEASE_NOT_FOUND');
    assert.match(first?.error?.message ?? '', /tag 'v9\.9\.9'/);
    assert.match(first?.error?.message ?? '', /contents: write/);
  });

  it('quotes the permission lines to add on a 403', async () => {
    releases.refuseWith = 403;
    try {
      const run = await sign(makeWorkspace());
      assert.equal(run.exitCode, 1);
      const [first] = signatures(run.outputs);
      assert.equal(first?.error?.code, 'RELEASE_DENIED');
      assert.match(first?.error?.message ?? '', /permissions:\n {2}contents: write/);
    } finally {
      releases.refuseWith = undefined;
    }
  });

  it('refuses an upload_url on an origin this API does not upload to, and sends it no token', async () => {
    releases.uploadOrigin = 'http://127.0.0.2:9';
    const uploadsBefore = releases.uploads.length;
    try {
      const run = await sign(makeWorkspace());
      assert.equal(run.exitCode, 1);
      assert.equal(signatures(run.outputs)[0]?.error?.code, 'RELEASE_UNAVAILABLE');
      assert.equal(releases.uploads.length, uploadsBefore);
    } finally {
      releases.uploadOrigin = undefined;
    }
  });

  it('needs a tag push', async () => {
    const run = await sign(makeWorkspace(), 'refs/heads/main');
    assert.equal(run.exitCode, 1);
    assert.match(
      signatures(run.outputs)[0]?.error?.message ?? '',
      /GITHUB_REF is 'refs\/heads\/main', not a tag/,
    );
  });

  it('a pull request dry run uploads nothing and lists what it would upload', async () => {
    const requestsBefore = releases.api.requests.length;
    const run = await runAction({
      inputs: {
        files: 'dist/checksums.txt',
        provenance: 'off',
        'upload-to-release': 'true',
        'github-token': TOKEN,
      },
      env: {
        GITHUB_WORKSPACE: makeWorkspace(),
        GITHUB_REF: 'refs/pull/3/merge',
        GITHUB_API_URL: releases.api.url,
      },
      eventName: 'pull_request',
      event: {
        pull_request: {
          number: 3,
          head: { repo: { full_name: 'acme/app' } },
          base: { repo: { full_name: 'acme/app' } },
        },
      },
    });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.deepEqual(
      signatures(run.outputs).map((s) => [s.status, s['asset-name'], s['asset-action']]),
      [['planned', 'checksums.txt.sigstore.json', 'planned']],
    );
    assert.equal(releases.api.requests.length, requestsBefore);
    assert.match(run.summary, /would upload checksums\.txt\.sigstore\.json/);
  });

  it("sent GitHub's stand-in only requests its OpenAPI description allows, and got only answers it allows", () => {
    assert.ok(releases.operations.length > 0);
    assert.deepEqual(releases.specErrors, []);
  });
});
