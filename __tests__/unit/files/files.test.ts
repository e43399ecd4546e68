import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundleToJSON } from '@sigstore/bundle';
import { SignerError } from '../../../src/errors.ts';
import { collectPatternFiles, collectReleaseFiles } from '../../../src/files/collect.ts';
import { FileBundleBuilder } from '../../../src/files/file-bundle.ts';
import { readFilesConfig } from '../../../src/files/file-inputs.ts';
import { verifyFileBundle } from '../../../src/files/file-read-back.ts';
import { selectGoreleaserFiles } from '../../../src/files/goreleaser-files.ts';
import {
  PlannedReleasePublisher,
  expectedUploadOrigins,
  tagOfRef,
} from '../../../src/files/release-publisher.ts';
import { KeySigner } from '../../../src/sigstore/key-signer.ts';
import { KeyVerification } from '../../../src/sigstore/trust.ts';
import type { InputSource } from '../../../src/input-source.ts';

const inputs = (values: Record<string, string>): InputSource => ({
  get: (name) => values[name] ?? '',
  env: () => undefined,
  mask: () => undefined,
});

function codeOf(call: () => unknown): string | undefined {
  try {
    call();
  } catch (err) {
    return err instanceof SignerError ? err.code : 'not a SignerError';
  }
  return undefined;
}

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return err instanceof SignerError ? err.code : 'not a SignerError';
  }
  return undefined;
}

function workspaceWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rs-unit-files-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const ARTIFACTS = JSON.stringify([
  { name: 'checksums.txt', path: 'dist/checksums.txt', type: 'Checksum' },
  { name: 'app.tar.gz', path: 'dist/app.tar.gz', type: 'Archive' },
  { name: 'app', path: 'dist/app_linux/app', type: 'Binary' },
  { name: 'app.sbom.json', path: 'dist/app.sbom.json', type: 'SBOM' },
  { name: 'ghcr.io/acme/app:v1', path: 'ghcr.io/acme/app:v1', type: 'Docker Image' },
]);

describe('readFilesConfig', () => {
  it('defaults to no goreleaser files and no upload', () => {
    assert.deepEqual(readFilesConfig(inputs({}), undefined), {
      patterns: [],
      goreleaserFilters: [],
      uploadToRelease: false,
    });
  });
  it('takes several filters, separated by commas or lines, each once', () => {
    assert.deepEqual(
      readFilesConfig(inputs({ 'goreleaser-files': 'checksum, archive\nchecksum' }), ARTIFACTS)
        .goreleaserFilters,
      ['checksum', 'archive'],
    );
    assert.equal(
      codeOf(() => readFilesConfig(inputs({ 'goreleaser-files': 'none, checksum' }), ARTIFACTS)),
      'INPUT_INVALID',
    );
  });
  it("refuses a value that is not goreleaser's signs.artifacts", () => {
    assert.equal(
      codeOf(() => readFilesConfig(inputs({ 'goreleaser-files': 'images' }), ARTIFACTS)),
      'INPUT_INVALID',
    );
  });
  it('refuses goreleaser-files without goreleaser-artifacts', () => {
    assert.equal(
      codeOf(() => readFilesConfig(inputs({ 'goreleaser-files': 'checksum' }), undefined)),
      'INPUT_INVALID',
    );
  });
});

describe('selectGoreleaserFiles', () => {
  it('chooses by type as goreleaser signs.artifacts does', () => {
    assert.deepEqual(selectGoreleaserFiles(ARTIFACTS, ['checksum'], 'artifacts'), ['dist/checksums.txt']);
    assert.deepEqual(selectGoreleaserFiles(ARTIFACTS, ['all'], 'artifacts'), [
      'dist/checksums.txt',
      'dist/app.tar.gz',
      'dist/app_linux/app',
      'dist/app.sbom.json',
    ]);
  });
  it('is an error when the filter chooses nothing', () => {
    assert.equal(
      codeOf(() => selectGoreleaserFiles(ARTIFACTS, ['package'], 'artifacts')),
      'INPUT_INVALID',
    );
  });
  it('chooses the union of several filters, and names the one that chooses nothing', () => {
    assert.deepEqual(selectGoreleaserFiles(ARTIFACTS, ['archive', 'checksum'], 'artifacts'), [
      'dist/checksums.txt',
      'dist/app.tar.gz',
    ]);
    assert.throws(
      () => selectGoreleaserFiles(ARTIFACTS, ['checksum', 'package'], 'artifacts'),
      /'package' matched no artifact/,
    );
  });
});

describe('collecting release files', () => {
  it('expands globs relative to the workspace, each file once', async () => {
    const root = workspaceWith({ 'dist/a.tar.gz': 'a', 'dist/b.tar.gz': 'b', 'dist/checksums.txt': 'c' });
    const files = await collectReleaseFiles(
      { patterns: ['dist/*.tar.gz', 'dist/a.tar.gz'], goreleaserPaths: ['dist/checksums.txt'] },
      root,
    );
    assert.deepEqual(
      files.map((file) => file.path),
      ['dist/checksums.txt', 'dist/a.tar.gz', 'dist/b.tar.gz'],
    );
  });
  it('honours ! exclusions and never picks up bundles', async () => {
    const root = workspaceWith({ 'dist/a.txt': 'a', 'dist/b.txt': 'b', 'dist/a.txt.sigstore.json': '{}' });
    const files = await collectPatternFiles(root, ['dist/*', '!dist/b.txt']);
    assert.deepEqual(
      files.map((file) => file.path),
      ['dist/a.txt'],
    );
  });
  describe('when a path leaves the workspace', () => {
    it('refuses ../ before any glob', async () => {
      const root = workspaceWith({ 'a.txt': 'a' });
      assert.equal(await rejectionCode(collectPatternFiles(root, ['../*.txt'])), 'INPUT_INVALID');
    });
    it('refuses a symlink to a file outside', async () => {
      const outside = workspaceWith({ 'secret.txt': 'secret' });
      const root = workspaceWith({});
      symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
      assert.equal(await rejectionCode(collectPatternFiles(root, ['link.txt'])), 'INPUT_INVALID');
    });
    it('refuses a goreleaser path outside', async () => {
      const root = workspaceWith({});
      assert.equal(
        await rejectionCode(collectReleaseFiles({ patterns: [], goreleaserPaths: ['../x.tar.gz'] }, root)),
        'INPUT_INVALID',
      );
    });
  });
  it('is an error naming the line when a glob matches nothing', async () => {
    const root = workspaceWith({ 'a.txt': 'a' });
    await assert.rejects(collectPatternFiles(root, ['a.txt', 'dist/*.zip']), /Input 'files', line 2/);
  });
});

describe('FileBundleBuilder and read-back', () => {
  const privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const signer = new KeySigner(privateKey);
  const verification = new KeyVerification(signer.publicKey, { expectLog: false });

  it('makes a v0.3 message-signature bundle that verifies against the file', async () => {
    const root = workspaceWith({ 'checksums.txt': 'abc  app.tar.gz\n' });
    const file = join(root, 'checksums.txt');
    const signed = await new FileBundleBuilder({ signer, witnesses: [], serviceUrls: {} }).create(file);
    assert.equal(signed.bundle.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    await verifyFileBundle(
      file,
      JSON.stringify(bundleToJSON(signed.bundle)),
      signer.publicKey,
      verification,
      'f',
    );
  });

  it('refuses the bundle once the file changed (READBACK_MISMATCH)', async () => {
    const root = workspaceWith({ 'checksums.txt': 'abc  app.tar.gz\n' });
    const file = join(root, 'checksums.txt');
    const signed = await new FileBundleBuilder({ signer, witnesses: [], serviceUrls: {} }).create(file);
    writeFileSync(file, 'changed\n');
    assert.equal(
      await rejectionCode(
        verifyFileBundle(
          file,
          JSON.stringify(bundleToJSON(signed.bundle)),
          signer.publicKey,
          verification,
          'f',
        ),
      ),
      'READBACK_MISMATCH',
    );
  });

  it("refuses a bundle signed by another key, even one naming this key's hint", async () => {
    const root = workspaceWith({ 'checksums.txt': 'abc\n' });
    const file = join(root, 'checksums.txt');
    const other = new KeySigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const signed = await new FileBundleBuilder({ signer: other, witnesses: [], serviceUrls: {} }).create(
      file,
    );
    assert.equal(
      await rejectionCode(
        verifyFileBundle(
          file,
          JSON.stringify(bundleToJSON(signed.bundle)),
          signer.publicKey,
          verification,
          'f',
        ),
      ),
      'READBACK_MISMATCH',
    );
  });

  it('refuses an Ed25519 key for files, naming the input', async () => {
    const root = workspaceWith({ 'a.txt': 'a' });
    const ed = new KeySigner(generateKeyPairSync('ed25519').privateKey);
    await assert.rejects(
      new FileBundleBuilder({ signer: ed, witnesses: [], serviceUrls: {} }).create(join(root, 'a.txt')),
      (err: unknown) =>
        err instanceof SignerError && err.code === 'KEY_INVALID' && /Input 'key'/.test(err.message),
    );
  });
});

describe('release upload targets', () => {
  it("expects uploads on the API's own origin or its uploads host", () => {
    assert.deepEqual(expectedUploadOrigins('https://api.github.com'), [
      'https://api.github.com',
      'https://uploads.github.com',
    ]);
    assert.deepEqual(expectedUploadOrigins('https://api.acme.ghe.com'), [
      'https://api.acme.ghe.com',
      'https://uploads.acme.ghe.com',
    ]);
    assert.deepEqual(expectedUploadOrigins('https://ghes.example/api/v3'), ['https://ghes.example']);
  });
  it('takes the release tag from a tag ref only', () => {
    assert.equal(tagOfRef('refs/tags/v1.2.3'), 'v1.2.3');
    assert.equal(tagOfRef('refs/heads/main'), undefined);
    assert.equal(tagOfRef('refs/tags/'), undefined);
  });
  it('plans one asset per name and refuses a second of the same name', async () => {
    const planner = new PlannedReleasePublisher();
    assert.deepEqual(await planner.publish('a.txt.sigstore.json'), {
      name: 'a.txt.sigstore.json',
      action: 'planned',
    });
    assert.equal(await rejectionCode(planner.publish('a.txt.sigstore.json')), 'PUBLISH_CONFLICT');
  });
});
