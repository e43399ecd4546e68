import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { COSIGN_VERSIONS } from '../harness/cosign.ts';
import type { KeylessExpectation } from '../harness/keyless-verify.ts';
import {
  RELEASE_CLAIMS,
  mintToken,
  startRunnerTokenEndpoint,
  workflowIdentity,
  type RunnerTokenEndpoint,
} from '../harness/oidc.ts';
import { startSigstoreStack, type SigstoreStack, type StackTrust } from '../harness/sigstore-stack.ts';
import { spendFirstLogEntry, verifyBlobKeyless, verifyWithSigstorePython } from '../harness/verify-blob.ts';

const IDENTITY = workflowIdentity(RELEASE_CLAIMS);
const FILES = ['checksums.txt', 'app_1.0.0_linux_amd64.tar.gz', 'app_1.0.0_darwin_arm64.tar.gz'];

interface FileSignature {
  path: string;
  status: string;
  'log-index': string | null;
}

/** A workspace like goreleaser leaves it: dist/ with a checksum file and two archives. */
function makeWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'rs-files-keyless-'));
  mkdirSync(join(workspace, 'dist'));
  writeFileSync(join(workspace, 'dist', 'app_1.0.0_linux_amd64.tar.gz'), Buffer.alloc(3 * 1024 * 1024, 7));
  writeFileSync(join(workspace, 'dist', 'app_1.0.0_darwin_arm64.tar.gz'), 'darwin archive');
  writeFileSync(join(workspace, 'dist', 'checksums.txt'), 'abc  app_1.0.0_linux_amd64.tar.gz\n');
  return workspace;
}

/** A copy of `file` with other content beside a copy of its bundle: what a tampered download looks like. */
function changedCopy(file: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'rs-changed-')), 'checksums.txt');
  writeFileSync(copy, 'abc  something else\n');
  copyFileSync(`${file}.sigstore.json`, `${copy}.sigstore.json`);
  return copy;
}

/** How each run is witnessed, the inputs that choose it, and what a verifier must be told about it. */
interface Witnessing {
  readonly name: string;
  readonly trust: () => StackTrust;
  readonly inputs: (trust: StackTrust) => Record<string, string>;
  readonly expectation: Partial<KeylessExpectation>;
  readonly logged: boolean;
}

/**
 * Release files signed keyless through Sigstore's own servers (Fulcio with a CT log, Rekor v1 on Trillian,
 * Rekor v2, a TSA), one stack for the file, judged by cosign v3 and v2 verify-blob and by sigstore-python.
 */
describe('release files signed keyless through a private Sigstore', () => {
  let stack: SigstoreStack;
  let runner: RunnerTokenEndpoint;
  let rekorV1: StackTrust;
  let rekorV2: StackTrust;
  let timestampOnly: StackTrust;

  before(async () => {
    stack = await startSigstoreStack({ ctLog: true, rekorV1: true });
    runner = await startRunnerTokenEndpoint(() => mintToken({ ...RELEASE_CLAIMS, issuer: stack.issuerUrl }));
    [rekorV1, rekorV2, timestampOnly] = await Promise.all([
      stack.trust({ log: 'rekor-v1', tsa: false }),
      stack.trust({ log: 'rekor-v2', tsa: true }),
      stack.trust({ log: 'none', tsa: true }),
    ]);
    // Each log's entry 0 goes to a signature nobody judges (sigstore-python refuses index 0: verify-blob.ts).
    await Promise.all([
      spendFirstLogEntry(
        {
          'fulcio-url': stack.fulcioUrl,
          'rekor-url': stack.rekorV1Url ?? '',
          'trusted-root': rekorV1.trustedRootPath,
        },
        runner.env,
      ),
      spendFirstLogEntry(
        { 'signing-config': rekorV2.signingConfigPath, 'trusted-root': rekorV2.trustedRootPath },
        runner.env,
      ),
    ]);
    assert.deepEqual([await stack.rekorV1Size(), await stack.rekorV2Size()], [1, 1]);
  });
  after(async () => {
    await runner?.stop();
    await stack?.stop();
  });

  const witnessings: readonly Witnessing[] = [
    {
      name: 'Rekor v1, named by fulcio-url and rekor-url',
      trust: () => rekorV1,
      inputs: (trust) => ({
        'fulcio-url': stack.fulcioUrl,
        'rekor-url': stack.rekorV1Url ?? '',
        'trusted-root': trust.trustedRootPath,
      }),
      expectation: {},
      logged: true,
    },
    {
      name: 'Rekor v2 and a TSA, chosen by a signing config',
      trust: () => rekorV2,
      inputs: (trust) => ({
        'signing-config': trust.signingConfigPath,
        'trusted-root': trust.trustedRootPath,
      }),
      expectation: { rekorV2: true },
      logged: true,
    },
    {
      name: 'tlog-upload false and a TSA',
      trust: () => timestampOnly,
      inputs: (trust) => ({
        'fulcio-url': stack.fulcioUrl,
        'tlog-upload': 'false',
        'tsa-url': stack.tsaUrl,
        'trusted-root': trust.trustedRootPath,
      }),
      expectation: { timestampOnly: true },
      logged: false,
    },
  ];

  for (const witnessing of witnessings) {
    describe(`with ${witnessing.name}`, () => {
      let workspace: string;
      let run: ActionRun;
      const expected = (extra: Partial<KeylessExpectation> = {}): KeylessExpectation => ({
        trustedRootPath: witnessing.trust().trustedRootPath,
        identity: IDENTITY,
        issuer: stack.issuerUrl,
        ...witnessing.expectation,
        ...extra,
      });
      const fileOf = (name: string) => join(workspace, 'dist', name);

      before(async () => {
        workspace = makeWorkspace();
        run = await runAction({
          inputs: {
            files: 'dist/checksums.txt\ndist/*.tar.gz',
            provenance: 'off',
            ...witnessing.inputs(witnessing.trust()),
          },
          env: { ...runner.env, GITHUB_WORKSPACE: workspace },
        });
      });

      it(`signs each file${witnessing.logged ? ' with a log entry' : ', with a signed timestamp and no log entry'}`, () => {
        assert.equal(run.exitCode, 0, run.stdout);
        const signatures = JSON.parse(run.outputs['file-signatures'] ?? '[]') as FileSignature[];
        assert.deepEqual(
          signatures.map((s) => [s.path, s.status]),
          // In the order of the input's lines, each glob's matches sorted.
          ['checksums.txt', 'app_1.0.0_darwin_arm64.tar.gz', 'app_1.0.0_linux_amd64.tar.gz'].map((name) => [
            `dist/${name}`,
            'signed',
          ]),
        );
        for (const s of signatures)
          if (witnessing.logged) assert.match(s['log-index'] ?? '', /^\d+$/, s.path);
          else assert.equal(s['log-index'], null, s.path);
        const bundle = JSON.parse(readFileSync(`${fileOf('checksums.txt')}.sigstore.json`, 'utf8'));
        assert.equal(bundle.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
        assert.ok(bundle.verificationMaterial.certificate.rawBytes, 'the leaf alone, as cosign v3 writes it');
        assert.equal(bundle.verificationMaterial.tlogEntries?.length ?? 0, witnessing.logged ? 1 : 0);
      });

      for (const version of COSIGN_VERSIONS) {
        it(`${version} verify-blob --bundle accepts each file for the workflow identity`, async () => {
          for (const name of FILES) {
            const result = await verifyBlobKeyless(version, fileOf(name), expected());
            assert.equal(result.code, 0, `${name}: ${result.stderr}`);
          }
        });

        it(`${version} verify-blob refuses a changed file, another identity and another issuer`, async () => {
          const changed = await verifyBlobKeyless(version, changedCopy(fileOf('checksums.txt')), expected());
          assert.notEqual(changed.code, 0);
          const otherIdentity = await verifyBlobKeyless(
            version,
            fileOf('checksums.txt'),
            expected({
              identity: 'https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1.0.0',
            }),
          );
          assert.notEqual(otherIdentity.code, 0);
          const otherIssuer = await verifyBlobKeyless(
            version,
            fileOf('checksums.txt'),
            expected({ issuer: 'https://token.actions.githubusercontent.com' }),
          );
          assert.notEqual(otherIssuer.code, 0);
        });
      }

      const who = () => ({ identity: IDENTITY, issuer: stack.issuerUrl });
      if (!witnessing.logged) {
        // sigstore-python 4.5.1 demands exactly one log entry in a bundle (models.py); its bundle model even
        // requires the tlogEntries field, which proto3 JSON (sigstore-js's and cosign's) leaves out when
        // empty. A signed timestamp does not stand in for it: users who verify with it keep tlog-upload on.
        it('sigstore-python refuses it for having no log entry, even trusting a log and the TSA', async () => {
          const result = await verifyWithSigstorePython(fileOf('checksums.txt'), rekorV2, who());
          assert.notEqual(result.code, 0);
          assert.match(
            result.stdout + result.stderr,
            /verificationMaterial\.tlogEntries\s+Field required|expected exactly one log entry in bundle/,
          );
        });
        return;
      }

      it('sigstore-python verifies each bundle and refuses a changed file', async () => {
        const trust = witnessing.trust();
        for (const name of FILES) {
          const result = await verifyWithSigstorePython(fileOf(name), trust, who());
          assert.equal(result.code, 0, `${name}: ${result.stdout}${result.stderr}`);
        }
        const changed = await verifyWithSigstorePython(changedCopy(fileOf('checksums.txt')), trust, who());
        assert.notEqual(changed.code, 0);
      });
    });
  }
});
