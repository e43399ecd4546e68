import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { cosign } from '../harness/cosign.ts';
import { pushSingleImage, type PushedManifest } from '../harness/fixtures.ts';
import { referrerDigests, sigLayerCount } from '../harness/inspect.ts';
import {
  GITHUB_ISSUER,
  RELEASE_CLAIMS,
  mintToken,
  startRunnerTokenEndpoint,
  workflowIdentity,
  type RunnerTokenEndpoint,
} from '../harness/oidc.ts';
import {
  makeLookAlikeCertificate,
  plantBundleReferrer,
  plantLegacySignature,
} from '../harness/planted-signature.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';
import { startTufRepository, type TufRepository } from '../harness/tuf-repository.ts';

const IDENTITY = workflowIdentity(RELEASE_CLAIMS);

/**
 * Keyless without `trusted-root` (public-good's default): the trusted root comes through TUF (here a TUF
 * repository on loopback publishing the stand-in's), and signatures already in the registry whose
 * certificate merely names the release workflow must not pass for ours.
 */
describe('a planted look-alike signature', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreStandIn;
  let tuf: TufRepository;
  let runner: RunnerTokenEndpoint;
  let image: PushedManifest;
  let run: ActionRun;
  let plantedReferrer: string;
  const repository = 'acme/planted';

  before(async () => {
    [registry, sigstore] = await Promise.all([startRegistry(), startSigstoreStandIn()]);
    [tuf, runner] = await Promise.all([
      startTufRepository(sigstore.trustedRootPath),
      startRunnerTokenEndpoint(() => mintToken()),
    ]);
    image = await pushSingleImage(registry, repository, 'v1');
    const lookAlike = await makeLookAlikeCertificate(IDENTITY, GITHUB_ISSUER);
    await plantLegacySignature(registry, repository, image.digest, lookAlike);
    plantedReferrer = await plantBundleReferrer(registry, repository, image, lookAlike);
    run = await runAction({
      inputs: {
        images: `${registry.host}/${repository}@${image.digest}`,
        'fulcio-url': sigstore.url,
        'tlog-upload': 'false',
        'tsa-url': sigstore.url,
        'tuf-mirror-url': tuf.url,
        'tuf-root': tuf.rootPath,
        'signature-format': 'both',
        'allow-http-registry': 'true',
        provenance: 'off',
      },
      env: runner.env,
    });
  });
  after(async () => {
    await runner?.stop();
    await tuf?.stop();
    await sigstore?.stop();
    await registry?.stop();
  });

  it('is not taken for ours: both formats are signed anew, next to the planted ones', async () => {
    assert.equal(run.exitCode, 0, run.stdout);
    const [output] = JSON.parse(run.outputs.signatures ?? '[]') as {
      status: string;
      formats: string[];
      verified: boolean;
    }[];
    assert.deepEqual(
      [output?.status, [...(output?.formats ?? [])].sort(), output?.verified],
      ['signed', ['bundle', 'legacy'], true],
    );
    assert.equal(await sigLayerCount(registry, repository, image.digest), 2);
    const referrers = await referrerDigests(registry, repository, image.digest);
    assert.equal(referrers.length, 2);
    assert.ok(referrers.includes(plantedReferrer), 'the planted referrer is not ours to remove');
  });

  it('fetched the trusted root through TUF', () => {
    assert.ok(tuf.requests.includes('/targets/trusted_root.json'), tuf.requests.join(' '));
  });

  it('leaves what cosign verifies for the workflow identity, in both formats', async () => {
    const ref = `${registry.host}/${repository}@${image.digest}`;
    for (const format of [[], ['--new-bundle-format=false']]) {
      const result = await cosign('cosign3', [
        'verify',
        '--certificate-identity',
        IDENTITY,
        '--certificate-oidc-issuer',
        GITHUB_ISSUER,
        '--trusted-root',
        sigstore.trustedRootPath,
        '--use-signed-timestamps',
        '--insecure-ignore-tlog=true',
        '--allow-http-registry=true',
        ...format,
        ref,
      ]);
      assert.equal(result.code, 0, `${format.join(' ')}: ${result.stderr}`);
    }
  });
});
