import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runAction } from '../harness/action-runner.ts';
import { pushMultiArchImage, type MultiArchImage } from '../harness/fixtures.ts';
import { startFakeReleases } from '../harness/github-releases.ts';
import { mintToken, startRunnerTokenEndpoint, type WorkflowClaims } from '../harness/oidc.ts';
import {
  SLSA_V1,
  attachBundleReferrer,
  attestKeyless,
  buildkitV1Statement,
  githubProvenanceStatement,
  startFakeGitHubApi,
  type FakeGitHubApi,
} from '../harness/provenance.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';
import { runProcess } from '../harness/process.ts';
import { REPO_ROOT, tool } from '../harness/tools.ts';
import { replayInputs, type ExpressionValues } from '../harness/workflow-replay.ts';

/**
 * Every example workflow, replayed as the runner would run its release-signer step: the inputs it shows
 * (expressions filled from the table below), on the release it describes, with the provenance its earlier
 * steps leave. ghcr.io is played by a registry on loopback and Sigstore by the stand-in; those are the only
 * inputs the replay adds.
 */

const REPOSITORY = 'acme/app';
const TAG = 'v1.2.3';
const COMMIT = '4f1c0a6f7e4a1b2c3d4e5f60718293a4b5c6d7e8';
const RUN_ID = '16342178123';

/** The release each example describes, from its `on:`. */
interface Release {
  readonly eventName: string;
  readonly ref: string;
  readonly event: object;
}
const RELEASES: Record<string, Release> = {
  push: { eventName: 'push', ref: `refs/tags/${TAG}`, event: { ref: `refs/tags/${TAG}` } },
  release: {
    eventName: 'release',
    ref: `refs/tags/${TAG}`,
    event: { action: 'published', release: { tag_name: TAG } },
  },
  // A fork's pull request: the hardest case for a dry run (no token, no secret).
  pull_request: {
    eventName: 'pull_request',
    ref: 'refs/pull/7/merge',
    event: {
      pull_request: {
        number: 7,
        head: { repo: { full_name: 'someone/app', fork: true } },
        base: { repo: { full_name: REPOSITORY } },
      },
    },
  },
};

interface ExampleWorkflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
}

const EXAMPLES = [
  'after-build-push.yml',
  'after-goreleaser.yml',
  'call-reusable-workflow.yml',
  'pull-request-dry-run.yml',
];
/** Examples that sign release files only. */
const FILE_EXAMPLES = ['goreleaser-release-files.yml'];

describe('every example workflow, replayed', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreStandIn;
  let github: FakeGitHubApi;

  before(async () => {
    [registry, sigstore, github] = await Promise.all([
      startRegistry(),
      startSigstoreStandIn(),
      startFakeGitHubApi(),
    ]);
  });
  after(async () => {
    await github?.stop();
    await sigstore?.stop();
    await registry?.stop();
  });

  /** What a build step of the example pushes: a multi-arch image with BuildKit's provenance of this run. */
  const build = (repository: string, seed: string): Promise<MultiArchImage> =>
    pushMultiArchImage(registry, repository, TAG, seed, {
      provenance: (digest, platform) =>
        buildkitV1Statement(digest, platform, {
          imageName: `${registry.host}/${repository}`,
          repository: REPOSITORY,
          revision: COMMIT,
          builderId: `https://github.com/${REPOSITORY}/actions/runs/${RUN_ID}/attempts/1`,
        }),
    });

  /** What actions/attest-build-provenance leaves when the example runs it: GitHub's copy, and a referrer. */
  const attest = async (
    image: MultiArchImage,
    repository: string,
    claims: WorkflowClaims,
    pushToRegistry: boolean,
  ) => {
    const statement = githubProvenanceStatement({
      subjectName: `${registry.host}/${repository}`,
      subjectDigest: image.index.digest,
      claims,
    });
    const bundle = await attestKeyless(statement, sigstore, claims);
    github.add(REPOSITORY, image.index.digest, bundle);
    if (pushToRegistry) await attachBundleReferrer(registry, repository, image.index, bundle, SLSA_V1);
  };

  for (const file of EXAMPLES) {
    it(`${file} signs (or plans) every manifest of the release it describes`, async () => {
      const path = `examples/${file}`;
      const workflow = parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as ExampleWorkflow;
      const trigger = Object.keys(workflow.on)[0] ?? '';
      const release = RELEASES[trigger];
      assert.ok(release, `${path}: no replay for on: ${trigger}`);
      const repository = `${REPOSITORY}-${basename(file, '.yml')}`;
      const image = await build(repository, `example-${file}`);
      const claims: WorkflowClaims = {
        repository: REPOSITORY,
        workflowFile: file,
        ref: release.ref,
        sha: COMMIT,
        eventName: release.eventName,
      };
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
      const attestStep = steps.find((step) => step.uses?.startsWith('actions/attest-build-provenance@'));
      if (attestStep) await attest(image, repository, claims, attestStep.with?.['push-to-registry'] === true);

      const imageName = `${registry.host}/${repository}`;
      // The last release's image, for an example that rehearses with the `latest` tag.
      const tagged = await runProcess(tool('crane'), [
        'tag',
        '--insecure',
        `${imageName}@${image.index.digest}`,
        'latest',
      ]);
      assert.equal(tagged.code, 0, tagged.stderr);
      const metadata = JSON.stringify({
        'containerimage.digest': image.index.digest,
        'image.name': `${imageName}:${TAG}`,
      });
      const values: ExpressionValues = {
        'github.repository': REPOSITORY,
        'github.ref_name': TAG,
        'github.actor': 'octocat',
        'github.token': 'ghs_replayToken',
        'github.event.release.tag_name': TAG,
        'steps.build.outputs.metadata': metadata,
        'steps.build.outputs.digest': image.index.digest,
        'needs.build.outputs.metadata': metadata,
        'steps.goreleaser.outputs.artifacts': JSON.stringify([
          {
            name: `${imageName}:${TAG}`,
            path: `${imageName}:${TAG}`,
            internal_type: 38,
            type: 'Docker Image',
            extra: { Digest: image.index.digest, ID: 'app', Platforms: ['linux/amd64', 'linux/arm64'] },
          },
          { name: 'app_1.2.3_linux_amd64.tar.gz', path: 'dist/app.tar.gz', type: 'Archive', extra: {} },
        ]),
      };
      const shown = replayInputs(path, values);
      for (const name of ['fulcio-url', 'rekor-url', 'trusted-root', 'allow-http-registry'])
        assert.equal(shown[name] ?? '', '', `${path} sets ${name}, which the replay plays`);
      // ghcr.io/acme/app is played by the loopback registry.
      const images = (shown.images ?? '').replaceAll(`ghcr.io/${REPOSITORY}`, imageName);

      // Keyless signing names the workflow the step runs in: the reusable one when it is called.
      const reusable = Object.values(workflow.jobs).some((job) => 'uses' in job);
      const signer: WorkflowClaims = reusable
        ? {
            ...claims,
            repository: 'acme/release-signer',
            workflowFile: 'release-sign.yml',
            sourceRepository: REPOSITORY,
          }
        : claims;
      const runner = await startRunnerTokenEndpoint(() => mintToken(signer));
      try {
        const run = await runAction({
          inputs: {
            ...shown,
            images,
            'fulcio-url': sigstore.url,
            'rekor-url': sigstore.url,
            'trusted-root': sigstore.trustedRootPath,
            'allow-http-registry': 'true',
          },
          eventName: release.eventName,
          event: release.event,
          env: {
            ...runner.env,
            GITHUB_REPOSITORY: REPOSITORY,
            GITHUB_SHA: COMMIT,
            GITHUB_REF: release.ref,
            GITHUB_RUN_ID: RUN_ID,
            GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/${file}@${release.ref}`,
            GITHUB_API_URL: github.url,
          },
        });
        assert.equal(run.exitCode, 0, run.stdout);
        const dryRun = release.eventName === 'pull_request';
        assert.equal(run.outputs.failed, '0');
        assert.equal(dryRun ? run.outputs.planned : run.outputs.signed, '5', run.stdout);
        const entries = JSON.parse(run.outputs.signatures ?? '[]') as { provenance?: { verdict: string } }[];
        const expectedVerdict = shown.provenance === 'off' ? 'off' : 'passed';
        for (const entry of entries) assert.equal(entry.provenance?.verdict, expectedVerdict);
      } finally {
        await runner.stop();
      }
    });
  }

  it('replays every workflow in examples/', () => {
    const present = readdirSync(join(REPO_ROOT, 'examples')).filter((name) => name.endsWith('.yml'));
    assert.deepEqual(present.sort(), [...EXAMPLES, ...FILE_EXAMPLES].sort());
  });

  for (const file of FILE_EXAMPLES) {
    it(`${file} signs goreleaser's checksum and archives and attaches each bundle to the release`, async () => {
      const path = `examples/${file}`;
      const workflow = parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as ExampleWorkflow;
      const release = RELEASES[Object.keys(workflow.on)[0] ?? ''];
      assert.ok(release, `${path}: no replay for its trigger`);
      // dist/ as goreleaser leaves it, and goreleaser-action's artifacts output describing it.
      const workspace = mkdtempSync(join(tmpdir(), 'rs-example-files-'));
      mkdirSync(join(workspace, 'dist'));
      const artifacts = [
        { name: 'checksums.txt', path: 'dist/checksums.txt', type: 'Checksum', extra: {} },
        {
          name: 'app_1.2.3_linux_amd64.tar.gz',
          path: 'dist/app_1.2.3_linux_amd64.tar.gz',
          type: 'Archive',
          extra: {},
        },
        {
          name: 'app_1.2.3_linux_arm64.tar.gz',
          path: 'dist/app_1.2.3_linux_arm64.tar.gz',
          type: 'Archive',
          extra: {},
        },
        { name: 'app', path: 'dist/app_linux_amd64_v1/app', type: 'Binary', extra: {} },
      ];
      for (const artifact of artifacts.slice(0, 3))
        writeFileSync(join(workspace, artifact.path), `${artifact.name} of ${TAG}`);
      const shown = replayInputs(path, {
        'github.token': 'ghs_replayToken',
        'steps.goreleaser.outputs.artifacts': JSON.stringify(artifacts),
      });
      for (const name of ['fulcio-url', 'rekor-url', 'trusted-root'])
        assert.equal(shown[name] ?? '', '', `${path} sets ${name}, which the replay plays`);
      const releases = await startFakeReleases();
      releases.createRelease(TAG);
      const runner = await startRunnerTokenEndpoint(() =>
        mintToken({
          repository: REPOSITORY,
          workflowFile: file,
          ref: release.ref,
          sha: COMMIT,
          eventName: release.eventName,
        }),
      );
      try {
        const run = await runAction({
          inputs: {
            ...shown,
            'github-token': 'ghs_replayToken',
            'fulcio-url': sigstore.url,
            'rekor-url': sigstore.url,
            'trusted-root': sigstore.trustedRootPath,
          },
          eventName: release.eventName,
          event: release.event,
          env: {
            ...runner.env,
            GITHUB_WORKSPACE: workspace,
            GITHUB_REPOSITORY: REPOSITORY,
            GITHUB_SHA: COMMIT,
            GITHUB_REF: release.ref,
            GITHUB_API_URL: releases.api.url,
          },
        });
        assert.equal(run.exitCode, 0, run.stdout);
        const signatures = JSON.parse(run.outputs['file-signatures'] ?? '[]') as {
          status: string;
          'asset-action': string;
        }[];
        assert.deepEqual(
          signatures.map((s) => [s.status, s['asset-action']]),
          Array.from({ length: 3 }, () => ['signed', 'uploaded']),
        );
        assert.deepEqual(
          [...releases.assetsOf(TAG).keys()].sort(),
          artifacts
            .slice(0, 3)
            .map((artifact) => `${artifact.name}.sigstore.json`)
            .sort(),
        );
        assert.deepEqual(releases.specErrors, []);
      } finally {
        await runner.stop();
        await releases.api.stop();
      }
    });
  }
});
