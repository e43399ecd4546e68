import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import type { InputSource } from '../../../src/input-source.ts';
import { parseWorkflowRef, readProvenance } from '../../../src/provenance/provenance-inputs.ts';
import { FLEET } from '../../harness/provenance.ts';

/** The inputs, with Fleet's release job as the run environment. */
function sourceOf(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  masked: string[] = [],
): InputSource {
  const runEnv: Record<string, string> = { GITHUB_REPOSITORY: FLEET.repository, ...env };
  return {
    get: (name) => inputs[name] ?? '',
    env: (name) => runEnv[name],
    mask: (secret) => void masked.push(secret),
  };
}

const refusal = async (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<string> => {
  try {
    await readProvenance(sourceOf(inputs, env));
  } catch (err) {
    assert.ok(err instanceof SignerError && err.code === 'INPUT_INVALID', String(err));
    return err.message;
  }
  assert.fail('was accepted');
};

describe('readProvenance: the defaults, inside a release job', () => {
  it('requires signed provenance of this repository, at this commit and ref, from the release workflow', async () => {
    const config = await readProvenance(
      sourceOf({}, { GITHUB_SHA: FLEET.commit, GITHUB_REF: FLEET.ref, GITHUB_TOKEN: 'ghs_fromenv' }),
    );
    assert.deepEqual(config, {
      mode: 'required',
      sources: ['cosign', 'referrers', 'github', 'buildkit'],
      trustUnsignedBuildkit: false,
      predicateTypes: ['https://slsa.dev/provenance/v1', 'https://slsa.dev/provenance/v0.2'],
      buildTypes: [
        'https://mobyproject.org/buildkit@v1',
        'https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md',
        'https://actions.github.io/buildtypes/workflow/v1',
        'https://github.com/slsa-framework/slsa-github-generator/container@v1',
        'https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1',
      ],
      issuer: 'https://token.actions.githubusercontent.com',
      workflowFiles: ['release.yml', 'release.yaml'],
      sourceRepository: FLEET.repository,
      revision: FLEET.commit,
      ref: FLEET.ref,
      triggers: ['push', 'release', 'workflow_dispatch'],
      runnerEnvironments: ['github-hosted'],
      exceptions: { images: {}, repositories: {} },
    });
  });

  it('takes the inputs over the run environment', async () => {
    const masked: string[] = [];
    const config = await readProvenance(
      sourceOf(
        {
          provenance: ' If-Present ',
          'provenance-sources': 'github, buildkit',
          'provenance-source-repository': 'rancher/fleet-src',
          'provenance-revision': '1'.repeat(40),
          'provenance-ref': 'refs/tags/v0.13.1',
          'github-token': ' ghs_input ',
          'provenance-issuer': 'https://token.actions.example.ghe.com',
          'provenance-identity-regex': '^https://github\\.com/rancher/',
          'provenance-builder-id': 'https://builder.example/1',
          'provenance-max-age-hours': '1.5',
          'trust-unsigned-buildkit': 'true',
        },
        { GITHUB_SHA: FLEET.commit, GITHUB_REF: FLEET.ref, GITHUB_TOKEN: 'ghs_fromenv' },
        masked,
      ),
    );
    assert.equal(config.mode, 'if-present');
    assert.deepEqual(config.sources, ['github', 'buildkit']);
    assert.equal(config.sourceRepository, 'rancher/fleet-src');
    assert.equal(config.revision, '1'.repeat(40));
    assert.equal(config.ref, 'refs/tags/v0.13.1');
    assert.equal(config.issuer, 'https://token.actions.example.ghe.com');
    assert.deepEqual(config.identity, { regex: '^https://github\\.com/rancher/' });
    assert.deepEqual(config.builder, { exact: 'https://builder.example/1' });
    assert.equal(config.maxAgeHours, 1.5);
    assert.equal(config.trustUnsignedBuildkit, true);
  });

  it("accepts the run's own workflow while provenance-workflows is empty, and only then", async () => {
    const env = { GITHUB_WORKFLOW_REF: `${FLEET.repository}/.github/workflows/build.yml@${FLEET.ref}` };
    assert.deepEqual((await readProvenance(sourceOf({}, env))).runWorkflow, {
      repository: FLEET.repository,
      file: 'build.yml',
    });
    const listed = await readProvenance(sourceOf({ 'provenance-workflows': 'publish.yml' }, env));
    assert.equal(listed.runWorkflow, undefined);
    assert.deepEqual(listed.workflowFiles, ['publish.yml']);
  });

  it("needs no source repository when provenance is 'off'", async () => {
    assert.equal(
      (await readProvenance(sourceOf({ provenance: 'off' }, { GITHUB_REPOSITORY: '' }))).mode,
      'off',
    );
  });
});

describe('readProvenance: refusals name the input, the value and the fix', () => {
  const refusals: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    [
      'an unknown mode',
      { provenance: 'Maybe' },
      {},
      /^Input 'provenance': 'maybe' is not a mode\. Use 'required', 'if-present' or 'off'$/,
    ],
    [
      'an unknown source',
      { 'provenance-sources': 'cosign, sbom' },
      {},
      /^Input 'provenance-sources': 'sbom' is not a source\. Use some of cosign, referrers, github, buildkit$/,
    ],
    [
      'zero hours',
      { 'provenance-max-age-hours': '0' },
      {},
      /^Input 'provenance-max-age-hours': '0' is not a positive number\. Give hours, e\.g\. 24$/,
    ],
    ['negative hours', { 'provenance-max-age-hours': '-3' }, {}, /'-3' is not a positive number/],
    [
      'hours that are no number',
      { 'provenance-max-age-hours': 'a day' },
      {},
      /'a day' is not a positive number/,
    ],
    [
      'a source repository that is no owner/repo',
      { 'provenance-source-repository': 'https://github.com/rancher/fleet' },
      {},
      /^Input 'provenance-source-repository': 'https:\/\/github\.com\/rancher\/fleet' is not owner\/repo\. Set it to the owner\/repo that built the images/,
    ],
    [
      'a source repository below a repository',
      { 'provenance-source-repository': 'rancher/fleet/extra' },
      {},
      /is not owner\/repo/,
    ],
    [
      'a source repository with something before it',
      { 'provenance-source-repository': ' x rancher/fleet' },
      {},
      /is not owner\/repo/,
    ],
    [
      'no repository at all outside Actions',
      {},
      { GITHUB_REPOSITORY: '' },
      /^Input 'provenance-source-repository': '' is not owner\/repo/,
    ],
  ];
  for (const [what, inputs, env, message] of refusals)
    it(what, async () => assert.match(await refusal(inputs, env), message));

  it("accepts 'from-image' as the source repository", async () => {
    assert.equal(
      (await readProvenance(sourceOf({ 'provenance-source-repository': 'from-image' }))).sourceRepository,
      'from-image',
    );
  });
});

describe('parseWorkflowRef (GITHUB_WORKFLOW_REF)', () => {
  const cases: [string | undefined, object | undefined][] = [
    [
      `${FLEET.repository}/.github/workflows/release.yml@${FLEET.ref}`,
      { repository: FLEET.repository, file: 'release.yml' },
    ],
    [
      'rancher/fleet.io/.github/workflows/build-and-sign.yaml@refs/heads/main',
      { repository: 'rancher/fleet.io', file: 'build-and-sign.yaml' },
    ],
    [`${FLEET.repository}/.github/workflows/release.yml`, undefined],
    [`x/${FLEET.repository}/.github/workflows/release.yml@${FLEET.ref}`, undefined],
    [`${FLEET.repository}/.github/workflows/sub/release.yml@${FLEET.ref}`, undefined],
    [undefined, undefined],
  ];
  for (const [ref, parsed] of cases)
    it(`${ref ?? '(unset)'}`, () => assert.deepEqual(parseWorkflowRef(ref), parsed));
});
