import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { verifyBlobWithKey, writeEmptyTrustedRoot } from '../harness/verify-blob.ts';

interface FileSignature {
  path: string;
  sha256: string;
  'bundle-path': string;
  status: string;
  'log-index': string | null;
  error?: { code: string };
}

/** A workspace like goreleaser leaves it: dist/ with a checksum file and two archives. */
function makeWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'rs-files-'));
  mkdirSync(join(workspace, 'dist'));
  writeFileSync(join(workspace, 'dist', 'app_1.0.0_linux_amd64.tar.gz'), Buffer.alloc(3 * 1024 * 1024, 7));
  writeFileSync(join(workspace, 'dist', 'app_1.0.0_darwin_arm64.tar.gz'), 'darwin archive');
  writeFileSync(join(workspace, 'dist', 'checksums.txt'), 'abc  app_1.0.0_linux_amd64.tar.gz\n');
  return workspace;
}

function fileSignatures(outputs: Readonly<Record<string, string>>): FileSignature[] {
  return JSON.parse(outputs['file-signatures'] ?? '[]') as FileSignature[];
}

describe('release files signed with a key', () => {
  let key: KeyPair;
  let workspace: string;
  let emptyRoot: string;
  let run: Awaited<ReturnType<typeof runAction>>;

  before(async () => {
    key = await generateKeyPair('files-password');
    workspace = makeWorkspace();
    emptyRoot = writeEmptyTrustedRoot();
    run = await runAction({
      inputs: {
        files: 'dist/*.tar.gz\ndist/checksums.txt',
        key: key.privateKeyPem,
        'key-password': key.password,
        'tlog-upload': 'false',
        provenance: 'off',
      },
      env: { GITHUB_WORKSPACE: workspace, GITHUB_REF: 'refs/tags/v1.0.0' },
    });
  });

  it('signs every file and lists each in file-signatures', () => {
    assert.equal(run.exitCode, 0, run.stdout);
    const signatures = fileSignatures(run.outputs);
    assert.deepEqual(
      signatures.map((s) => [s.path, s.status, s['bundle-path']]),
      [
        ['dist/app_1.0.0_darwin_arm64.tar.gz', 'signed', 'dist/app_1.0.0_darwin_arm64.tar.gz.sigstore.json'],
        ['dist/app_1.0.0_linux_amd64.tar.gz', 'signed', 'dist/app_1.0.0_linux_amd64.tar.gz.sigstore.json'],
        ['dist/checksums.txt', 'signed', 'dist/checksums.txt.sigstore.json'],
      ],
    );
    for (const s of signatures) assert.match(s.sha256, /^[0-9a-f]{64}$/);
  });

  it('logs one group for the files and none for images it was not given', () => {
    assert.match(run.stdout, /^::group::Signing 3 release file\(s\)$/m);
    assert.doesNotMatch(run.stdout, /image\(s\)/);
  });

  it('writes a v0.3 bundle with a message signature, as cosign sign-blob --bundle does', () => {
    const bundle = JSON.parse(readFileSync(join(workspace, 'dist', 'checksums.txt.sigstore.json'), 'utf8'));
    assert.equal(bundle.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    assert.equal(bundle.messageSignature.messageDigest.algorithm, 'SHA2_256');
    assert.ok(bundle.verificationMaterial.publicKey.hint);
  });

  for (const version of ['cosign3', 'cosign2'] as const) {
    it(`${version} verify-blob --bundle accepts each file`, async () => {
      for (const name of ['checksums.txt', 'app_1.0.0_linux_amd64.tar.gz', 'app_1.0.0_darwin_arm64.tar.gz']) {
        const result = await verifyBlobWithKey(version, key, join(workspace, 'dist', name), emptyRoot);
        assert.equal(result.code, 0, `${name}: ${result.stderr}`);
      }
    });
  }

  it('cosign verify-blob refuses a changed file', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'rs-changed-'));
    const file = join(copy, 'checksums.txt');
    writeFileSync(file, 'abc  something else\n');
    writeFileSync(
      `${file}.sigstore.json`,
      readFileSync(join(workspace, 'dist', 'checksums.txt.sigstore.json')),
    );
    const result = await verifyBlobWithKey('cosign3', key, file, emptyRoot);
    assert.notEqual(result.code, 0);
  });

  it('does not sign its own bundles on a re-run of the same globs', async () => {
    const again = await runAction({
      inputs: {
        files: 'dist/*',
        key: key.privateKeyPem,
        'key-password': key.password,
        'tlog-upload': 'false',
        provenance: 'off',
      },
      env: { GITHUB_WORKSPACE: workspace },
    });
    assert.equal(again.exitCode, 0, again.stdout);
    assert.equal(fileSignatures(again.outputs).length, 3);
    assert.ok(
      !readdirSync(join(workspace, 'dist')).some((name) => name.endsWith('.sigstore.json.sigstore.json')),
    );
  });

  it('fails on a line that matches nothing, naming the input and the line', async () => {
    const missing = await runAction({
      inputs: {
        files: 'dist/checksums.txt\ndist/*.zip',
        key: key.privateKeyPem,
        'key-password': key.password,
        provenance: 'off',
      },
      env: { GITHUB_WORKSPACE: workspace },
    });
    assert.equal(missing.exitCode, 1);
    assert.match(missing.stdout, /Input 'files', line 2: 'dist\/\*\.zip' matches no file/);
  });

  it('refuses a file outside the workspace', async () => {
    const outside = await runAction({
      inputs: {
        files: '../outside.txt',
        key: key.privateKeyPem,
        'key-password': key.password,
        provenance: 'off',
      },
      env: { GITHUB_WORKSPACE: workspace },
    });
    assert.equal(outside.exitCode, 1);
    assert.match(outside.stdout, /points outside GITHUB_WORKSPACE/);
  });

  it("signs goreleaser's checksum and archives chosen by goreleaser-files", async () => {
    const fresh = makeWorkspace();
    const artifacts = [
      { name: 'checksums.txt', path: 'dist/checksums.txt', type: 'Checksum' },
      { name: 'app_1.0.0_linux_amd64.tar.gz', path: 'dist/app_1.0.0_linux_amd64.tar.gz', type: 'Archive' },
      { name: 'app_1.0.0_darwin_arm64.tar.gz', path: 'dist/app_1.0.0_darwin_arm64.tar.gz', type: 'Archive' },
      { name: 'app', path: 'dist/app_linux_amd64_v1/app', type: 'Binary' },
    ];
    writeFileSync(join(fresh, 'dist', 'artifacts.json'), JSON.stringify(artifacts));
    const checksumOnly = await runAction({
      inputs: {
        'goreleaser-artifacts': join(fresh, 'dist', 'artifacts.json'),
        'goreleaser-files': 'checksum',
        'artifact-types': 'none',
        key: key.privateKeyPem,
        'key-password': key.password,
        'tlog-upload': 'false',
        provenance: 'off',
      },
      env: { GITHUB_WORKSPACE: fresh },
    });
    assert.equal(checksumOnly.exitCode, 0, checksumOnly.stdout);
    assert.deepEqual(
      fileSignatures(checksumOnly.outputs).map((s) => s.path),
      ['dist/checksums.txt'],
    );
    const archives = await runAction({
      inputs: {
        'goreleaser-artifacts': join(fresh, 'dist', 'artifacts.json'),
        'goreleaser-files': 'archive',
        'artifact-types': 'none',
        key: key.privateKeyPem,
        'key-password': key.password,
        'tlog-upload': 'false',
        provenance: 'off',
      },
      env: { GITHUB_WORKSPACE: fresh },
    });
    assert.equal(archives.exitCode, 0, archives.stdout);
    for (const s of fileSignatures(archives.outputs)) {
      const result = await verifyBlobWithKey('cosign3', key, join(fresh, s.path), emptyRoot);
      assert.equal(result.code, 0, `${s.path}: ${result.stderr}`);
    }
    assert.equal(fileSignatures(archives.outputs).length, 2);
  });

  it('a pull request dry run signs with a throwaway key and writes no bundle', async () => {
    const fresh = makeWorkspace();
    const dry = await runAction({
      inputs: { files: 'dist/checksums.txt', provenance: 'off' },
      env: { GITHUB_WORKSPACE: fresh, GITHUB_REF: 'refs/pull/7/merge' },
      eventName: 'pull_request',
      event: {
        pull_request: {
          number: 7,
          head: { repo: { full_name: 'acme/app' } },
          base: { repo: { full_name: 'acme/app' } },
        },
      },
    });
    assert.equal(dry.exitCode, 0, dry.stdout);
    assert.deepEqual(
      fileSignatures(dry.outputs).map((s) => [s.path, s.status]),
      [['dist/checksums.txt', 'planned']],
    );
    assert.ok(!existsSync(join(fresh, 'dist', 'checksums.txt.sigstore.json')));
    assert.match(dry.summary, /Release files/);
  });
});
