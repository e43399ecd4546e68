import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { COSIGN_VERSIONS } from '../harness/cosign.ts';
import { pushMultiArchImage, type MultiArchImage } from '../harness/fixtures.ts';
import { verifyKeyless, type KeylessExpectation, type SignatureFormat } from '../harness/keyless-verify.ts';
import {
  RELEASE_CLAIMS,
  mintToken,
  startOidcIssuer,
  startRunnerTokenEndpoint,
  workflowIdentity,
  type RunnerTokenEndpoint,
} from '../harness/oidc.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { startTufRepository } from '../harness/tuf-repository.ts';
import { startSigstoreStack, type SigstoreStack, type StackTrust } from '../harness/sigstore-stack.ts';

const IDENTITY = workflowIdentity(RELEASE_CLAIMS);

/**
 * Keyless signing through a real private Sigstore (Fulcio with a CT log, Rekor v2, a TSA), chosen by a
 * signing config as cosign v3 takes it, and judged by cosign v3 and v2.
 */
describe('keyless through Fulcio, CT log, Rekor v2 and a TSA', () => {
  let registry: TestRegistry;
  let stack: SigstoreStack;
  let runner: RunnerTokenEndpoint;
  let rekorV2: StackTrust;
  let timestampOnly: StackTrust;
  const ref = (repository: string, digest: string): string => `${registry.host}/${repository}@${digest}`;
  const allDigests = (image: MultiArchImage): string[] => [
    image.index.digest,
    ...Object.values(image.platforms).map((manifest) => manifest.digest),
  ];
  const expect = (trust: StackTrust, extra: Partial<KeylessExpectation> = {}): KeylessExpectation => ({
    trustedRootPath: trust.trustedRootPath,
    identity: IDENTITY,
    issuer: stack.issuerUrl,
    ...extra,
  });
  const sign = (image: string, trust: StackTrust, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction({
      inputs: {
        images: image,
        'signing-config': trust.signingConfigPath,
        'trusted-root': trust.trustedRootPath,
        'allow-http-registry': 'true',
        provenance: 'off',
        ...inputs,
      },
      env: runner.env,
    });

  before(async () => {
    [registry, stack] = await Promise.all([startRegistry(), startSigstoreStack({ ctLog: true })]);
    runner = await startRunnerTokenEndpoint(() => mintToken({ ...RELEASE_CLAIMS, issuer: stack.issuerUrl }));
    [rekorV2, timestampOnly] = await Promise.all([
      stack.trust({ log: 'rekor-v2', tsa: true }),
      stack.trust({ log: 'none', tsa: true }),
    ]);
  });
  after(async () => {
    await runner?.stop();
    await stack?.stop();
    await registry?.stop();
  });

  describe('with a signing config that chooses Rekor v2', () => {
    let image: MultiArchImage;
    let run: ActionRun;
    let logSizeAfterFirstRun: number;
    before(async () => {
      image = await pushMultiArchImage(registry, 'acme/v2', 'v1', 'rekor-v2');
      run = await sign(ref('acme/v2', image.index.digest), rekorV2, { 'signature-format': 'bundle' });
      logSizeAfterFirstRun = await stack.rekorV2Size();
    });

    it('logs every signature in Rekor v2 and reads each back verified', () => {
      assert.equal(run.exitCode, 0, run.stdout);
      const outputs = JSON.parse(run.outputs.signatures ?? '[]') as {
        verified: boolean;
        formats: string[];
      }[];
      assert.deepEqual(
        outputs.map((output) => [output.verified, output.formats]),
        Array.from({ length: 5 }, () => [true, ['bundle']]),
      );
      assert.equal(run.outputs['certificate-oidc-issuer'], stack.issuerUrl);
      // The index, two platforms and their two attestation manifests.
      assert.equal(logSizeAfterFirstRun, 5);
    });

    for (const version of COSIGN_VERSIONS) {
      it(`${version} verifies the index and every platform for the workflow identity`, async () => {
        for (const digest of allDigests(image)) {
          const result = await verifyKeyless(
            version,
            'bundle',
            ref('acme/v2', digest),
            expect(rekorV2, { rekorV2: true }),
          );
          assert.equal(result.code, 0, `${digest}: ${result.stderr}`);
        }
      });

      it(`${version} rejects another identity and another issuer`, async () => {
        const imageRef = ref('acme/v2', image.index.digest);
        const otherIdentity = await verifyKeyless(version, 'bundle', imageRef, {
          ...expect(rekorV2, { rekorV2: true }),
          identity: 'https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main',
        });
        assert.notEqual(otherIdentity.code, 0);
        const otherIssuer = await verifyKeyless(version, 'bundle', imageRef, {
          ...expect(rekorV2, { rekorV2: true }),
          issuer: 'https://token.actions.githubusercontent.com',
        });
        assert.notEqual(otherIssuer.code, 0);
      });
    }

    it('a re-run finds its signatures and adds no log entry', async () => {
      const again = await sign(ref('acme/v2', image.index.digest), rekorV2, { 'signature-format': 'bundle' });
      assert.equal(again.exitCode, 0, again.stdout);
      assert.equal(await stack.rekorV2Size(), logSizeAfterFirstRun);
    });

    it("refuses cosign's legacy format with Rekor v2, naming both inputs, and writes nothing", async () => {
      const snapshot = snapshotRegistry(registry);
      const refused = await sign(ref('acme/v2', image.index.digest), rekorV2);
      assert.equal(refused.exitCode, 1);
      assert.match(
        refused.stdout,
        /::error::Inputs 'signing-config' \(a Rekor v2 log\) and 'signature-format: both' conflict/,
      );
      assert.deepEqual(snapshotRegistry(registry), snapshot);
    });
  });

  describe('with tlog-upload false and the TSA', () => {
    let image: MultiArchImage;
    let run: ActionRun;
    let logSizeBefore: number;
    before(async () => {
      image = await pushMultiArchImage(registry, 'acme/tsa', 'v1', 'tsa-only');
      logSizeBefore = await stack.rekorV2Size();
      run = await sign(ref('acme/tsa', image.index.digest), timestampOnly, { 'tlog-upload': 'false' });
    });

    it('signs both formats without a log entry and says which cosign flags verify them', async () => {
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(await stack.rekorV2Size(), logSizeBefore);
      assert.match(run.stdout, /::warning::.*--use-signed-timestamps --insecure-ignore-tlog=true/);
      assert.doesNotMatch(run.stdout, /key's holder/);
    });

    for (const version of COSIGN_VERSIONS) {
      for (const format of ['bundle', 'legacy'] as SignatureFormat[]) {
        it(`${format}: ${version} verifies every manifest by its signed timestamp`, async () => {
          for (const digest of allDigests(image)) {
            const result = await verifyKeyless(
              version,
              format,
              ref('acme/tsa', digest),
              expect(timestampOnly, { timestampOnly: true }),
            );
            assert.equal(result.code, 0, `${digest}: ${result.stderr}`);
          }
        });
      }
    }
    it('is rejected by cosign v2 and v3 when the trusted root does not list the TSA', async () => {
      const root = JSON.parse(readFileSync(timestampOnly.trustedRootPath, 'utf8')) as object;
      const withoutTsa = join(mkdtempSync(join(tmpdir(), 'rs-root-')), 'trusted_root.json');
      writeFileSync(withoutTsa, JSON.stringify({ ...root, timestampAuthorities: [] }));
      for (const version of COSIGN_VERSIONS) {
        for (const format of ['bundle', 'legacy'] as SignatureFormat[]) {
          const result = await verifyKeyless(version, format, ref('acme/tsa', image.index.digest), {
            ...expect(timestampOnly, { timestampOnly: true }),
            trustedRootPath: withoutTsa,
          });
          assert.notEqual(result.code, 0, `${version} ${format} accepted without the TSA`);
        }
      }
    });
  });

  it("with 'signing-config: tuf', takes the log and TSA from the TUF repository's signing config", async () => {
    const tuf = await startTufRepository(rekorV2.trustedRootPath, rekorV2.signingConfigPath);
    try {
      const image = await pushMultiArchImage(registry, 'acme/tuf', 'v1', 'tuf-signing-config');
      const entries = await stack.rekorV2Size();
      const run = await runAction({
        inputs: {
          images: ref('acme/tuf', image.index.digest),
          'signing-config': 'tuf',
          'tuf-mirror-url': tuf.url,
          'tuf-root': tuf.rootPath,
          'signature-format': 'bundle',
          recursive: 'false',
          'allow-http-registry': 'true',
          provenance: 'off',
        },
        env: runner.env,
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.ok(tuf.requests.includes('/targets/signing_config.v0.2.json'));
      // One TUF update serves the signing config and the trusted root.
      assert.equal(
        tuf.requests.filter((path) => path === '/timestamp.json').length,
        1,
        tuf.requests.join(' '),
      );
      assert.equal(await stack.rekorV2Size(), entries + 1);
      const result = await verifyKeyless(
        'cosign3',
        'bundle',
        ref('acme/tuf', image.index.digest),
        expect(rekorV2, { rekorV2: true }),
      );
      assert.equal(result.code, 0, result.stderr);
    } finally {
      await tuf.stop();
    }
  });

  it('a token from an issuer Fulcio does not trust gets no certificate, and nothing is written', async () => {
    const stranger = await startOidcIssuer();
    try {
      const image = await pushMultiArchImage(registry, 'acme/stranger', 'v1', 'stranger');
      const snapshot = snapshotRegistry(registry);
      const refused = await sign(ref('acme/stranger', image.index.digest), rekorV2, {
        'signature-format': 'bundle',
        'identity-token': mintToken({ ...RELEASE_CLAIMS, issuer: stranger.url }),
      });
      assert.equal(refused.exitCode, 1);
      assert.match(refused.stdout, /::error::Fulcio did not issue a signing certificate/);
      assert.deepEqual(snapshotRegistry(registry), snapshot);
    } finally {
      await stranger.stop();
    }
  });
});
