import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { cosign, generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { pushMultiArchImage, type MultiArchImage } from '../harness/fixtures.ts';
import { sigLayerCount } from '../harness/inspect.ts';
import { mintToken, type WorkflowClaims } from '../harness/oidc.ts';
import {
  FLEET,
  FLEET_CLAIMS,
  FLEET_RUN_ENV,
  SLSA_V1,
  attachBundleReferrer,
  attestKeyless,
  buildkitV1Statement,
  githubProvenanceStatement,
  startFakeGitHubApi,
  type BuildkitOptions,
  type FakeGitHubApi,
} from '../harness/provenance.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { startSigstoreStack, type SigstoreStack, type StackTrust } from '../harness/sigstore-stack.ts';

const PASSWORD = 'provenance';

interface SignatureEntry {
  status: string;
  error?: { code: string; message: string };
  provenance?: {
    verdict: string;
    sources?: string[];
    check?: string;
    expected?: string;
    found?: string;
    exceptions: string[];
  };
}

/** The SLSA predicate of a GitHub-built image, as a file for `cosign attest --predicate`. */
function writePredicate(image: MultiArchImage): string {
  const statement = githubProvenanceStatement({ subjectName: 'x', subjectDigest: image.index.digest }) as {
    predicate: object;
  };
  const path = join(mkdtempSync(join(tmpdir(), 'rs-predicate-')), 'predicate.json');
  writeFileSync(path, JSON.stringify(statement.predicate));
  return path;
}

/** cosign reads --identity-token as a file when it can: give it one. */
function writeToken(claims: WorkflowClaims): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rs-token-')), 'token');
  writeFileSync(path, mintToken(claims));
  return path;
}

/** The input each refusal must end with: what would change the outcome. */
const FIX_INPUT: Record<string, RegExp> = {
  'signer-identity': /'provenance-workflows'/,
  trigger: /'provenance-triggers'/,
  'runner-environment': /'provenance-runner-environments'/,
  signed: /'trust-unsigned-buildkit: true'/,
  present: /actions\/attest-build-provenance/,
};
/** Stands for the second issuer the stack's Fulcio trusts, known once it runs. */
const OTHER_ISSUER = 'other-issuer';

describe('provenance gate', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreStack;
  let trust: StackTrust;
  let github: FakeGitHubApi;
  let keys: KeyPair;
  let counter = 0;

  before(async () => {
    [registry, sigstore, github, keys] = await Promise.all([
      startRegistry(),
      startSigstoreStack({ ctLog: true, rekorV1: true, otherIssuer: true }),
      startFakeGitHubApi(2),
      generateKeyPair(PASSWORD),
    ]);
    trust = await sigstore.trust({ log: 'rekor-v1', tsa: false });
  });
  after(async () => {
    await github?.stop();
    await sigstore?.stop();
    await registry?.stop();
  });

  /** A fresh multi-arch image in `repository`, BuildKit provenance per `buildkit`. */
  const pushImage = (
    repository: string = FLEET.repository,
    buildkit: Partial<BuildkitOptions> = {},
  ): Promise<MultiArchImage> =>
    pushMultiArchImage(registry, repository, FLEET.tag, `provenance-${++counter}`, {
      provenance: (digest, platform) =>
        buildkitV1Statement(digest, platform, { imageName: `${registry.host}/${repository}`, ...buildkit }),
    });

  const sign = (
    repository: string,
    image: MultiArchImage,
    inputs: Record<string, string> = {},
  ): Promise<ActionRun> =>
    runAction({
      inputs: {
        images: `${registry.host}/${repository}:${FLEET.tag}@${image.index.digest}`,
        key: keys.privateKeyPem,
        'key-password': PASSWORD,
        'tlog-upload': 'false',
        'signature-format': 'legacy',
        'allow-http-registry': 'true',
        'trusted-root': trust.trustedRootPath,
        'provenance-issuer': sigstore.issuerUrl,
        ...inputs,
      },
      env: { ...FLEET_RUN_ENV, GITHUB_API_URL: github.url },
    });

  /** Fulcio and Rekor v1 of the real stack, for attestations made by "another workflow". */
  const services = () => ({
    fulcioUrl: sigstore.fulcioUrl,
    rekorUrl: sigstore.rekorV1Url ?? '',
    issuerUrl: sigstore.issuerUrl,
  });
  /** Tokens name the stack's issuer (Fulcio trusts no other), unless a test picks the other one. */
  const withIssuer = (claims: WorkflowClaims): WorkflowClaims => ({ issuer: sigstore.issuerUrl, ...claims });

  const entries = (run: ActionRun): SignatureEntry[] =>
    JSON.parse(run.outputs.signatures ?? '[]') as SignatureEntry[];

  /** A GitHub artifact attestation for the index, signed keyless through the private Sigstore. */
  const attestToApi = async (
    image: MultiArchImage,
    repository: string,
    claims: WorkflowClaims = FLEET_CLAIMS,
    predicateType = SLSA_V1,
  ) => {
    const statement = githubProvenanceStatement({
      subjectName: `${registry.host}/${repository}`,
      subjectDigest: image.index.digest,
      claims,
      predicateType,
    });
    github.add(
      claims.sourceRepository ?? claims.repository,
      image.index.digest,
      await attestKeyless(statement, services(), claims),
    );
  };

  describe('when the provenance is right', () => {
    it('signs after a GitHub artifact attestation from the API passes, paging and retrying as needed', async () => {
      const image = await pushImage();
      // Two wrong ones fill the first page (the fake pages by 2): the valid one is found on page 2.
      await attestToApi(image, FLEET.repository, { ...FLEET_CLAIMS, sha: '0'.repeat(40) });
      await attestToApi(image, FLEET.repository, { ...FLEET_CLAIMS, ref: 'refs/heads/main' });
      await attestToApi(image, FLEET.repository);
      github.failNext(503, 1);
      const run = await sign(FLEET.repository, image, { 'provenance-sources': 'github' });
      assert.equal(run.exitCode, 0, run.stdout);
      for (const entry of entries(run)) assert.deepEqual(entry.provenance?.sources, ['github']);
      const asked = github.requests.filter((r) => decodeURIComponent(r).includes(image.index.digest));
      assert.ok(
        asked.some((r) => r.includes('page=2')),
        `paged: ${asked.join(', ')}`,
      );
      assert.ok(asked.length >= 3, 'retried the 503');
    });

    it("signs provenance from the signing run's own workflow, started by workflow_dispatch, by default", async () => {
      const image = await pushImage();
      const claims = { ...FLEET_CLAIMS, workflowFile: 'publish-images.yml', eventName: 'workflow_dispatch' };
      await attestToApi(image, FLEET.repository, claims);
      const run = await runAction({
        inputs: {
          images: `${registry.host}/${FLEET.repository}:${FLEET.tag}@${image.index.digest}`,
          key: keys.privateKeyPem,
          'key-password': PASSWORD,
          'tlog-upload': 'false',
          'allow-http-registry': 'true',
          'trusted-root': trust.trustedRootPath,
          'provenance-issuer': sigstore.issuerUrl,
          'provenance-sources': 'github',
        },
        eventName: 'workflow_dispatch',
        env: {
          ...FLEET_RUN_ENV,
          GITHUB_API_URL: github.url,
          GITHUB_WORKFLOW_REF: `${FLEET.repository}/.github/workflows/publish-images.yml@${FLEET.ref}`,
        },
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(entries(run)[0]?.provenance?.sources, ['github']);
    });

    it('signs after a referrer bundle (actions/attest push-to-registry) passes', async () => {
      const image = await pushImage();
      const statement = githubProvenanceStatement({
        subjectName: `${registry.host}/${FLEET.repository}`,
        subjectDigest: image.index.digest,
      });
      await attachBundleReferrer(
        registry,
        FLEET.repository,
        image.index,
        await attestKeyless(statement, services()),
        SLSA_V1,
      );
      const run = await sign(FLEET.repository, image, { 'provenance-sources': 'referrers' });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(entries(run)[0]?.provenance?.sources, ['referrers']);
    });

    it('signs after a cosign attest --key attestation (.att) passes', async () => {
      const image = await pushImage('rancher/fleet-cosign');
      const predicatePath = writePredicate(image);
      const ref = `${registry.host}/rancher/fleet-cosign@${image.index.digest}`;
      const attest = await cosign(
        'cosign2',
        [
          'attest',
          '--yes',
          '--key',
          keys.publicKeyPath.replace('.pub', '.key'),
          '--type',
          'slsaprovenance1',
          '--predicate',
          predicatePath,
          '--tlog-upload=false',
          '--allow-http-registry',
          ref,
        ],
        { COSIGN_PASSWORD: PASSWORD },
      );
      assert.equal(attest.code, 0, attest.stderr);
      const run = await sign('rancher/fleet-cosign', image, {
        'provenance-sources': 'cosign',
        'provenance-key': readFileSync(keys.publicKeyPath, 'utf8'),
        'provenance-source-repository': FLEET.repository,
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(entries(run)[0]?.provenance?.sources, ['cosign']);
    });

    it('signs after a keyless cosign attest (.att) through Fulcio and Rekor v1 passes', async () => {
      const image = await pushImage('rancher/fleet-keyless');
      const predicatePath = writePredicate(image);
      const tokenPath = writeToken(withIssuer(FLEET_CLAIMS));
      const attest = await cosign(
        'cosign2',
        [
          'attest',
          '--yes',
          '--type',
          'slsaprovenance1',
          '--predicate',
          predicatePath,
          '--fulcio-url',
          sigstore.fulcioUrl,
          '--rekor-url',
          sigstore.rekorV1Url ?? '',
          '--identity-token',
          tokenPath,
          '--allow-http-registry',
          `${registry.host}/rancher/fleet-keyless@${image.index.digest}`,
        ],
        sigstore.cosignEnv(),
      );
      assert.equal(attest.code, 0, attest.stderr);
      const run = await sign('rancher/fleet-keyless', image, {
        'provenance-sources': 'cosign',
        'provenance-source-repository': FLEET.repository,
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(entries(run)[0]?.provenance?.sources, ['cosign']);
    });

    /** The build job signed the index keyless (cosign sign through Fulcio and Rekor v1), as goreleaser's docker_signs does. */
    const cosignSignIndex = async (repository: string, image: MultiArchImage, claims: WorkflowClaims) => {
      const tokenPath = writeToken(withIssuer(claims));
      const signed = await cosign(
        'cosign2',
        [
          'sign',
          '--yes',
          '--fulcio-url',
          sigstore.fulcioUrl,
          '--rekor-url',
          sigstore.rekorV1Url ?? '',
          '--identity-token',
          tokenPath,
          '--allow-http-registry',
          `${registry.host}/${repository}@${image.index.digest}`,
        ],
        sigstore.cosignEnv(),
      );
      assert.equal(signed.code, 0, signed.stderr);
    };

    it("trusts BuildKit's in-index provenance through the release workflow's verified signature on the index", async () => {
      const image = await pushImage('rancher/fleet-indexsig');
      await cosignSignIndex('rancher/fleet-indexsig', image, FLEET_CLAIMS);
      const run = await sign('rancher/fleet-indexsig', image, {
        'provenance-sources': 'buildkit',
        'provenance-source-repository': FLEET.repository,
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.deepEqual(entries(run)[0]?.provenance?.sources, ['buildkit']);
    });

    it("signs each platform after BuildKit's in-index provenance passes, when unsigned BuildKit is trusted", async () => {
      const image = await pushImage();
      const run = await sign(FLEET.repository, image, {
        'provenance-sources': 'buildkit',
        'trust-unsigned-buildkit': 'true',
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(entries(run).length, 5);
      assert.deepEqual(entries(run)[0]?.provenance?.sources, ['buildkit']);
    });
  });

  describe('when the provenance is wrong, the image is not signed and the failure names the check', () => {
    const refused = async (
      run: ActionRun,
      image: MultiArchImage,
      repository: string,
      check: string,
      before: Map<string, string>,
      layersAlready = 0,
    ) => {
      assert.equal(run.exitCode, 1, run.stdout);
      const all = entries(run);
      assert.ok(all.length > 0);
      for (const entry of all) {
        assert.equal(entry.status, 'failed');
        assert.equal(entry.provenance?.check, check, JSON.stringify(entry.provenance));
        assert.match(entry.error?.message ?? '', new RegExp(`Provenance check '${check}' failed`));
        assert.match(entry.error?.message ?? '', FIX_INPUT[check] ?? /'provenance: off'/);
      }
      assert.match(run.stdout, new RegExp(`::error::.*Provenance check '${check}' failed.*expected .*found`));
      // One refusal per image, naming its platforms and counting its attestation manifests.
      const refusals = run.stdout.split('\n').filter((line) => /^::error::.*Provenance check/.test(line));
      assert.equal(refusals.length, 1, refusals.join('\n'));
      assert.match(
        refusals[0] ?? '',
        /and its 2 platforms \(linux\/amd64, linux\/arm64\/v8\) and 2 attestation manifests/,
      );
      assert.doesNotMatch(run.stdout, /(PROVENANCE_\w+), \1/, 'each code named once');
      assert.equal(run.summary.split(`Provenance check '${check}' failed`).length - 1, 1, run.summary);
      assert.equal(await sigLayerCount(registry, repository, image.index.digest), layersAlready);
      assert.deepEqual(snapshotRegistry(registry), before);
    };

    const apiCases: [string, Partial<WorkflowClaims>, string, string?, Record<string, string>?][] = [
      ['a ref other than the release tag', { ref: 'refs/heads/main' }, 'signer-identity'],
      ['a workflow other than the release workflow', { workflowFile: 'nightly.yml' }, 'signer-identity'],
      [
        'another source repository in the certificate',
        { sourceRepository: 'rancher/fleet-agent' },
        'certificate-source-repository',
      ],
      ['a pull_request trigger', { eventName: 'pull_request' }, 'trigger'],
      [
        'a workflow_dispatch trigger that provenance-triggers leaves out',
        { eventName: 'workflow_dispatch' },
        'trigger',
        undefined,
        { 'provenance-triggers': 'push,release' },
      ],
      ['a foreign issuer', { issuer: OTHER_ISSUER }, 'issuer'],
      ['a self-hosted runner', { runnerEnvironment: 'self-hosted' }, 'runner-environment'],
      ['an SPDX document instead of provenance', {}, 'predicate-type', 'https://spdx.dev/Document'],
    ];
    for (const [name, claims, check, predicateType, inputs = {}] of apiCases) {
      it(`refuses ${name}: '${check}'`, async () => {
        const image = await pushImage();
        const wrong = {
          ...FLEET_CLAIMS,
          ...claims,
          ...(claims.issuer === OTHER_ISSUER ? { issuer: sigstore.otherIssuerUrl } : {}),
        };
        const statement = githubProvenanceStatement({
          subjectName: 'x',
          subjectDigest: image.index.digest,
          claims: wrong,
          predicateType,
        });
        github.add(FLEET.repository, image.index.digest, await attestKeyless(statement, services(), wrong));
        const snapshot = snapshotRegistry(registry);
        await refused(
          await sign(FLEET.repository, image, { 'provenance-sources': 'github', ...inputs }),
          image,
          FLEET.repository,
          check,
          snapshot,
        );
      });
    }

    it("refuses BuildKit provenance whose subject is another platform: 'subject'", async () => {
      let arm64 = '';
      const image = await pushMultiArchImage(
        registry,
        FLEET.repository,
        FLEET.tag,
        `provenance-${++counter}`,
        {
          provenance: (digest, platform) => {
            if (platform === 'linux/arm64') arm64 = digest;
            return buildkitV1Statement(digest, platform, {
              imageName: 'x',
              subjectDigest: platform === 'linux/amd64' ? 'sha256:' + 'f'.repeat(64) : undefined,
            });
          },
        },
      );
      assert.ok(arm64);
      const snapshot = snapshotRegistry(registry);
      const run = await sign(FLEET.repository, image, {
        'provenance-sources': 'buildkit',
        'trust-unsigned-buildkit': 'true',
      });
      await refused(run, image, FLEET.repository, 'subject', snapshot);
    });

    it("refuses BuildKit provenance built by another repository's run: 'builder'", async () => {
      const image = await pushImage(FLEET.repository, {
        builderId: 'https://github.com/evil/fleet-fork/actions/runs/16342178123/attempts/1',
      });
      const snapshot = snapshotRegistry(registry);
      const run = await sign(FLEET.repository, image, {
        'provenance-sources': 'buildkit',
        'trust-unsigned-buildkit': 'true',
      });
      await refused(run, image, FLEET.repository, 'builder', snapshot);
    });

    it("refuses BuildKit provenance vouched for by an index signature of another workflow: 'signer-identity'", async () => {
      const image = await pushImage('rancher/fleet-wrongsig');
      const tokenPath = writeToken(withIssuer({ ...FLEET_CLAIMS, ref: 'refs/heads/main' }));
      const signed = await cosign(
        'cosign2',
        [
          'sign',
          '--yes',
          '--fulcio-url',
          sigstore.fulcioUrl,
          '--rekor-url',
          sigstore.rekorV1Url ?? '',
          '--identity-token',
          tokenPath,
          '--allow-http-registry',
          `${registry.host}/rancher/fleet-wrongsig@${image.index.digest}`,
        ],
        sigstore.cosignEnv(),
      );
      assert.equal(signed.code, 0, signed.stderr);
      const snapshot = snapshotRegistry(registry);
      const run = await sign('rancher/fleet-wrongsig', image, {
        'provenance-sources': 'buildkit',
        'provenance-source-repository': FLEET.repository,
      });
      await refused(run, image, 'rancher/fleet-wrongsig', 'signer-identity', snapshot, 1);
    });

    it("refuses unsigned BuildKit provenance unless trusted: 'signed'", async () => {
      const image = await pushImage();
      const snapshot = snapshotRegistry(registry);
      await refused(
        await sign(FLEET.repository, image, { 'provenance-sources': 'buildkit' }),
        image,
        FLEET.repository,
        'signed',
        snapshot,
      );
    });

    it("refuses an image with no provenance at all: 'present'", async () => {
      const image = await pushImage('rancher/no-provenance');
      const snapshot = snapshotRegistry(registry);
      const run = await sign('rancher/no-provenance', image, {
        'provenance-sources': 'github,referrers,cosign',
      });
      await refused(run, image, 'rancher/no-provenance', 'present', snapshot);
      assert.ok(entries(run).every((entry) => entry.error?.code === 'PROVENANCE_MISSING'));
    });
  });

  describe('the fleet-agent exception: an image built by another repository', () => {
    let image: MultiArchImage;
    before(async () => {
      image = await pushImage('rancher/fleet-agent');
      const statement = githubProvenanceStatement({
        subjectName: `${registry.host}/rancher/fleet-agent`,
        subjectDigest: image.index.digest,
      });
      await attachBundleReferrer(
        registry,
        'rancher/fleet-agent',
        image.index,
        await attestKeyless(statement, services()),
        SLSA_V1,
      );
    });
    const inputs = { 'provenance-sources': 'referrers', 'provenance-source-repository': 'from-image' };

    it('is refused without the mapping', async () => {
      const run = await sign('rancher/fleet-agent', image, inputs);
      assert.equal(run.exitCode, 1);
      assert.equal(entries(run)[0]?.provenance?.check, 'signer-identity');
    });

    it('passes with the mapping, and the outputs say the mapping was used', async () => {
      const run = await sign('rancher/fleet-agent', image, {
        ...inputs,
        'provenance-policy': 'images:\n  rancher/fleet-agent:\n    source-repository: rancher/fleet\n',
      });
      assert.equal(run.exitCode, 0, run.stdout);
      const provenance = entries(run)[0]?.provenance;
      assert.equal(provenance?.verdict, 'passed');
      assert.deepEqual(provenance?.exceptions, [
        'images["rancher/fleet-agent"] → source repository rancher/fleet',
      ]);
      assert.match(run.summary, /source repository rancher\/fleet/);
    });
  });
});
