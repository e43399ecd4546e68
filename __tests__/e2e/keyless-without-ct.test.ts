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
  startRunnerTokenEndpoint,
  workflowIdentity,
  type RunnerTokenEndpoint,
} from '../harness/oidc.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { startSigstoreStack, type SigstoreStack, type StackTrust } from '../harness/sigstore-stack.ts';

interface SignatureOutput {
  status: string;
  verified: boolean;
  formats: string[];
  error?: { code: string; message: string };
}

/**
 * A Fulcio without a CT log issues certificates without SCTs. With a trusted root that lists no CT log,
 * cosign accepts them (with --insecure-ignore-sct), and so must read-back.
 */
describe('keyless through a Fulcio without a CT log', () => {
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
  const expect = (trust: StackTrust, extra: Partial<KeylessExpectation>): KeylessExpectation => ({
    trustedRootPath: trust.trustedRootPath,
    identity: workflowIdentity(RELEASE_CLAIMS),
    issuer: stack.issuerUrl,
    withoutSct: true,
    ...extra,
  });
  const sign = (image: string, inputs: Record<string, string>): Promise<ActionRun> =>
    runAction({
      inputs: { images: image, 'allow-http-registry': 'true', provenance: 'off', ...inputs },
      env: runner.env,
    });
  const outputsOf = (run: ActionRun): SignatureOutput[] =>
    JSON.parse(run.outputs.signatures ?? '[]') as SignatureOutput[];

  before(async () => {
    [registry, stack] = await Promise.all([startRegistry(), startSigstoreStack({ ctLog: false })]);
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

  describe('with Rekor v2', () => {
    let image: MultiArchImage;
    let run: ActionRun;
    before(async () => {
      image = await pushMultiArchImage(registry, 'acme/v2', 'v1', 'no-ct-v2');
      run = await sign(ref('acme/v2', image.index.digest), {
        'signing-config': rekorV2.signingConfigPath,
        'trusted-root': rekorV2.trustedRootPath,
        'signature-format': 'bundle',
      });
    });

    it('reads back every signature verified', () => {
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(
        outputsOf(run).map((output) => output.verified),
        Array<boolean>(5).fill(true),
      );
    });

    for (const version of COSIGN_VERSIONS) {
      it(`${version} verifies the index and every platform with --insecure-ignore-sct`, async () => {
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
    }
  });

  describe('with tlog-upload false and the TSA', () => {
    let image: MultiArchImage;
    let run: ActionRun;
    before(async () => {
      image = await pushMultiArchImage(registry, 'acme/tsa', 'v1', 'no-ct-tsa');
      run = await sign(ref('acme/tsa', image.index.digest), {
        'tsa-url': stack.tsaUrl,
        'fulcio-url': stack.fulcioUrl,
        'tlog-upload': 'false',
        'trusted-root': timestampOnly.trustedRootPath,
      });
    });

    it('reads back both formats verified', () => {
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(
        outputsOf(run).map((output) => [output.verified, output.formats]),
        // The index, two platforms and their two attestation manifests.
        Array.from({ length: 5 }, () => [true, ['bundle', 'legacy']]),
      );
    });

    for (const version of COSIGN_VERSIONS) {
      for (const format of ['bundle', 'legacy'] as SignatureFormat[]) {
        it(`${format}: ${version} verifies every manifest`, async () => {
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
  });

  it('with a trusted root that wants an SCT, blames the trust, not the registry, and lists what was written', async () => {
    // The root lists a CT log (Rekor's key stands in for one) that this Fulcio never submits to.
    const root = JSON.parse(readFileSync(rekorV2.trustedRootPath, 'utf8')) as {
      tlogs: unknown[];
      ctlogs?: unknown[];
    };
    const wantsSct = join(mkdtempSync(join(tmpdir(), 'rs-root-')), 'trusted_root.json');
    writeFileSync(wantsSct, JSON.stringify({ ...root, ctlogs: root.tlogs }));
    const image = await pushMultiArchImage(registry, 'acme/wants-sct', 'v1', 'wants-sct');
    const run = await sign(ref('acme/wants-sct', image.index.digest), {
      'tsa-url': stack.tsaUrl,
      'fulcio-url': stack.fulcioUrl,
      'tlog-upload': 'false',
      'trusted-root': wantsSct,
      recursive: 'false',
    });
    assert.equal(run.exitCode, 1, run.stdout);
    const [output] = outputsOf(run);
    assert.equal(output?.error?.code, 'READBACK_UNTRUSTED', output?.error?.message);
    assert.match(output?.error?.message ?? '', /SCT/);
    assert.match(output?.error?.message ?? '', /'trusted-root'/);
    assert.doesNotMatch(output?.error?.message ?? '', /registry did not keep/);
    assert.deepEqual(output?.formats, ['bundle', 'legacy']);
    assert.equal(output?.verified, false);
  });
});
