import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { COSIGN_VERSIONS, verifiedTypes } from '../harness/cosign.ts';
import { pushMultiArchImage, type MultiArchImage } from '../harness/fixtures.ts';
import { readManifest } from '../harness/inspect.ts';
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

const IDENTITY = workflowIdentity(RELEASE_CLAIMS);
const FORMATS: readonly SignatureFormat[] = ['legacy', 'bundle'];

/**
 * Keyless signing through Sigstore's own servers (Fulcio with a CT log, Rekor v1 on Trillian), named by
 * `fulcio-url` and `rekor-url` as most users do, and judged by cosign v3 and v2 with the trusted root.
 */
describe('keyless signing through Fulcio, a CT log and Rekor v1', () => {
  let registry: TestRegistry;
  let stack: SigstoreStack;
  let runner: RunnerTokenEndpoint;
  let rekorV1: StackTrust;
  const images = new Map<SignatureFormat, MultiArchImage>();
  const runs = new Map<SignatureFormat, ActionRun>();
  const ref = (repository: string, digest: string): string => `${registry.host}/${repository}@${digest}`;
  const expected = (extra: Partial<KeylessExpectation> = {}): KeylessExpectation => ({
    trustedRootPath: rekorV1.trustedRootPath,
    identity: IDENTITY,
    issuer: stack.issuerUrl,
    ...extra,
  });
  const sign = (image: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction({
      inputs: {
        images: image,
        'fulcio-url': stack.fulcioUrl,
        'rekor-url': stack.rekorV1Url ?? '',
        'trusted-root': rekorV1.trustedRootPath,
        'allow-http-registry': 'true',
        provenance: 'off',
        ...inputs,
      },
      env: runner.env,
    });

  before(async () => {
    [registry, stack] = await Promise.all([
      startRegistry(),
      startSigstoreStack({ ctLog: true, rekorV1: true }),
    ]);
    runner = await startRunnerTokenEndpoint(() => mintToken({ ...RELEASE_CLAIMS, issuer: stack.issuerUrl }));
    rekorV1 = await stack.trust({ log: 'rekor-v1', tsa: false });
    await Promise.all(
      FORMATS.map(async (format) => {
        const image = await pushMultiArchImage(registry, `acme/${format}`, 'v1', `keyless-${format}`);
        images.set(format, image);
        runs.set(
          format,
          await sign(ref(`acme/${format}`, image.index.digest), { 'signature-format': format }),
        );
      }),
    );
  });
  after(async () => {
    await runner?.stop();
    await stack?.stop();
    await registry?.stop();
  });

  it('signs with a certificate for the workflow identity and reports real log indexes', () => {
    for (const run of runs.values()) {
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(run.outputs['certificate-identity'], IDENTITY);
      assert.equal(run.outputs['certificate-oidc-issuer'], stack.issuerUrl);
      const outputs = JSON.parse(run.outputs.signatures ?? '[]') as {
        verified: boolean;
        'log-indexes': Record<string, string>;
      }[];
      assert.deepEqual(
        outputs.map((output) => [output.verified, Object.keys(output['log-indexes']).length]),
        // The index, two platforms and their two attestation manifests.
        Array.from({ length: 5 }, () => [true, 1]),
      );
    }
  });

  it('writes the certificate, chain and log bundle on each legacy layer, as cosign does', async () => {
    const image = images.get('legacy') as MultiArchImage;
    const sig = await readManifest(registry, 'acme/legacy', `${image.index.digest.replace(':', '-')}.sig`);
    const annotations = sig?.layers[0]?.annotations ?? {};
    assert.match(annotations['dev.sigstore.cosign/certificate'] ?? '', /BEGIN CERTIFICATE/);
    assert.ok('dev.sigstore.cosign/chain' in annotations);
    assert.ok('dev.sigstore.cosign/bundle' in annotations);
  });

  for (const format of FORMATS) {
    for (const version of COSIGN_VERSIONS) {
      it(`${format}: ${version} verifies the index and every platform for the workflow identity`, async () => {
        const image = images.get(format) as MultiArchImage;
        for (const digest of [image.index.digest, ...Object.values(image.platforms).map((m) => m.digest)]) {
          const result = await verifyKeyless(version, format, ref(`acme/${format}`, digest), expected());
          assert.equal(result.code, 0, `${digest}: ${result.stderr}`);
          assert.equal(verifiedTypes(result).length, 1);
        }
      });

      it(`${format}: ${version} rejects another identity and another issuer`, async () => {
        const image = images.get(format) as MultiArchImage;
        const imageRef = ref(`acme/${format}`, image.index.digest);
        const otherIdentity = await verifyKeyless(version, format, imageRef, {
          ...expected(),
          identity: 'https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main',
        });
        assert.notEqual(otherIdentity.code, 0);
        const otherIssuer = await verifyKeyless(version, format, imageRef, {
          ...expected(),
          issuer: 'https://token.actions.githubusercontent.com',
        });
        assert.notEqual(otherIssuer.code, 0);
      });
    }
  }

  it('a re-run finds its signatures and adds no log entry', async () => {
    const entries = await stack.rekorV1Size();
    for (const format of FORMATS) {
      const image = images.get(format) as MultiArchImage;
      const run = await sign(ref(`acme/${format}`, image.index.digest), { 'signature-format': format });
      assert.equal(run.exitCode, 0, run.stdout);
    }
    assert.equal(await stack.rekorV1Size(), entries);
  });

  it('a signing config that chooses Rekor v1 signs both formats', async () => {
    const image = await pushMultiArchImage(registry, 'acme/config-v1', 'v1', 'config-v1');
    const run = await runAction({
      inputs: {
        images: ref('acme/config-v1', image.index.digest),
        'signing-config': rekorV1.signingConfigPath,
        'trusted-root': rekorV1.trustedRootPath,
        'allow-http-registry': 'true',
        provenance: 'off',
        recursive: 'false',
      },
      env: runner.env,
    });
    assert.equal(run.exitCode, 0, run.stdout);
    for (const format of FORMATS) {
      const result = await verifyKeyless(
        'cosign3',
        format,
        ref('acme/config-v1', image.index.digest),
        expected(),
      );
      assert.equal(result.code, 0, `${format}: ${result.stderr}`);
    }
  });
});
