import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { cosign, type CosignVersion } from '../harness/cosign.ts';
import { pushMultiArchImage, pushSingleImage, type MultiArchImage } from '../harness/fixtures.ts';
import {
  GITHUB_ISSUER,
  RELEASE_CLAIMS,
  mintToken,
  startRunnerTokenEndpoint,
  workflowIdentity,
  type RunnerTokenEndpoint,
} from '../harness/oidc.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { visibleText } from '../harness/secrets.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';

const IDENTITY = workflowIdentity(RELEASE_CLAIMS);

/** cosign verify of a keyless signature, pinned to the workflow identity, against the stand-in's trust. */
function verifyKeyless(
  version: CosignVersion,
  format: 'legacy' | 'bundle',
  ref: string,
  sigstore: SigstoreStandIn,
  identity = IDENTITY,
  extra: string[] = [],
) {
  const args = [
    'verify',
    '--certificate-identity',
    identity,
    '--certificate-oidc-issuer',
    GITHUB_ISSUER,
    '--allow-http-registry=true',
    '--output',
    'json',
  ];
  if (format === 'bundle') args.push('--new-bundle-format', '--trusted-root', sigstore.trustedRootPath);
  else if (version === 'cosign3')
    args.push('--new-bundle-format=false', '--trusted-root', sigstore.trustedRootPath);
  else args.push('--offline');
  return cosign(version, [...args, ...extra, ref], sigstore.cosignEnv());
}

/**
 * Keyless failures that need a fault on demand (a service down, a response lost): @sigstore/mock's
 * handlers. Signing and verification through Sigstore's real servers are in keyless.test.ts.
 */
describe('keyless signing when a Sigstore service fails', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreStandIn;
  let runner: RunnerTokenEndpoint;
  const images = new Map<string, MultiArchImage>();
  const runs = new Map<string, ActionRun>();
  const ref = (repository: string, digest: string): string => `${registry.host}/${repository}@${digest}`;

  const sign = (
    images: string,
    inputs: Record<string, string> = {},
    env: Record<string, string> = runner.env,
  ) =>
    runAction({
      inputs: {
        images,
        'fulcio-url': sigstore.url,
        'rekor-url': sigstore.url,
        'trusted-root': sigstore.trustedRootPath,
        'allow-http-registry': 'true',
        provenance: 'off',
        ...inputs,
      },
      env,
    });

  before(async () => {
    [registry, sigstore] = await Promise.all([startRegistry(), startSigstoreStandIn()]);
    runner = await startRunnerTokenEndpoint(() => mintToken());
    for (const format of ['legacy', 'bundle']) {
      const image = await pushMultiArchImage(registry, `acme/${format}`, 'v1', `keyless-${format}`);
      images.set(format, image);
      runs.set(format, await sign(ref(`acme/${format}`, image.index.digest), { 'signature-format': format }));
    }
  });
  after(async () => {
    await runner?.stop();
    await sigstore?.stop();
    await registry?.stop();
  });

  it('signs with a certificate for the workflow identity and says so in the outputs', () => {
    for (const run of runs.values()) {
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(run.outputs['certificate-identity'], IDENTITY);
      assert.equal(run.outputs['certificate-oidc-issuer'], GITHUB_ISSUER);
      const outputs = JSON.parse(run.outputs.signatures ?? '[]') as { verified: boolean }[];
      assert.deepEqual(
        outputs.map((o) => o.verified),
        Array<boolean>(5).fill(true),
      );
    }
    assert.ok(runner.requests.some((request) => request.includes('audience=sigstore')));
  });

  it('asks Fulcio once per run, not once per signature', () => {
    assert.equal(sigstore.requests.get('POST /api/v2/signingCert'), 2);
  });

  describe('when something is missing or down', () => {
    let imageRef: string;
    before(async () => {
      const image = await pushSingleImage(registry, 'acme/faults', 'v1', 'keyless-faults');
      imageRef = ref('acme/faults', image.digest);
    });

    it('without id-token: write, says which permission to add and writes nothing', async () => {
      const snapshot = snapshotRegistry(registry);
      const run = await sign(imageRef, {}, {});
      assert.equal(run.exitCode, 1);
      assert.match(run.stdout, /id-token: write/);
      assert.deepEqual(snapshotRegistry(registry), snapshot);
    });

    it('with an expired token, says it expired and writes nothing', async () => {
      const snapshot = snapshotRegistry(registry);
      const run = await sign(
        imageRef,
        { 'identity-token': mintToken(RELEASE_CLAIMS, { expiresIn: -60 }) },
        {},
      );
      assert.equal(run.exitCode, 1);
      assert.match(run.stdout, /::error::The OIDC identity token expired at/);
      assert.deepEqual(snapshotRegistry(registry), snapshot);
    });

    it('with Fulcio down, names Fulcio and writes nothing', async () => {
      const snapshot = snapshotRegistry(registry);
      sigstore.setDown(true);
      try {
        const run = await sign(imageRef);
        assert.equal(run.exitCode, 1);
        assert.match(run.stdout, /::error::Fulcio did not issue a signing certificate.*fulcio-url/);
        assert.doesNotMatch(visibleText(run), /eyJ[\w-]+\.eyJ/, 'no token in what a person sees');
      } finally {
        sigstore.setDown(false);
      }
      assert.deepEqual(snapshotRegistry(registry), snapshot);
    });

    it('when Rekor already holds the entry (a lost response, retried), reuses it', async () => {
      const entriesBefore = sigstore.logEntries();
      sigstore.dropNextLogResponses(1);
      const run = await sign(imageRef, { 'signature-format': 'legacy' });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(sigstore.logEntries(), entriesBefore + 1);
      assert.ok(
        [...sigstore.requests.keys()].some((request) => request.startsWith('GET /api/v1/log/entries/')),
        'fetched the existing entry',
      );
      const result = await verifyKeyless('cosign2', 'legacy', imageRef, sigstore);
      assert.equal(result.code, 0, result.stderr);
    });
  });
});
