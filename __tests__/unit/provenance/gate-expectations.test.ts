import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceEntry } from '../../../src/provenance/candidate.ts';
import type { CertificateClaims } from '../../../src/sigstore/fulcio-certificate.ts';
import { ProvenanceGate, type GateContext, type GateDecision } from '../../../src/provenance/gate.ts';
import { readProvenance } from '../../../src/provenance/provenance-inputs.ts';
import type { Provenance } from '../../../src/provenance/slsa.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import { parseImageRef } from '../../../src/subjects/reference.ts';
import { BUILDKIT_V1_BUILD_TYPE, FLEET, FLEET_RUN_ENV, SLSA_V1 } from '../../harness/provenance.ts';
import { GITHUB_ISSUER } from './test-sigstore.ts';

// The gate's expectations come from the inputs and the run; each row changes one and names the check.
const INDEX = 'sha256:8f35cb21aa599cface92f70485da13e7e488e2ee2921aaee3aeef4ddc058c443';
const subject = parseImageRef(`stgregistry.suse.com/rancher/fleet:${FLEET.tag}@${INDEX}`, 'test');
const target: SignTarget = {
  image: subject,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  size: 1,
  storage: { registry: subject.registry, repository: subject.repository },
};
const RUN_CONTEXT: GateContext = {
  serverUrl: 'https://github.com',
  repository: FLEET.repository,
  runId: FLEET.runId,
};
const workflowSan = (file: string, ref: string = FLEET.ref, repository: string = FLEET.repository) =>
  `https://github.com/${repository}/.github/workflows/${file}@${ref}`;

interface Attestation {
  readonly san?: string;
  readonly claims?: Partial<CertificateClaims>;
  readonly provenance?: Partial<Provenance>;
}

/** actions/attest-build-provenance's statement about the index, signed keyless as `san`. */
function attestation({
  san = workflowSan('release.yml'),
  claims,
  provenance,
}: Attestation = {}): SourceEntry {
  return {
    source: 'github',
    digest: INDEX,
    signer: {
      kind: 'keyless',
      claims: {
        san,
        issuer: GITHUB_ISSUER,
        sourceRepositoryUri: `https://github.com/${FLEET.repository}`,
        buildTrigger: 'push',
        runnerEnvironment: 'github-hosted',
        ...claims,
      },
    },
    provenance: {
      statementType: 'https://in-toto.io/Statement/v1',
      predicateType: SLSA_V1,
      subjectDigests: [INDEX.slice(7)],
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      builderId: san,
      sourceRepository: FLEET.repository,
      sourceRevision: FLEET.commit,
      sourceRef: FLEET.ref,
      finishedOn: new Date('2025-07-23T14:26:40Z'),
      ...provenance,
    },
  };
}

/** BuildKit's unsigned statement about the index itself, built under `builderId`. */
function buildkitStatement(builderId: string): SourceEntry {
  return {
    source: 'buildkit',
    digest: INDEX,
    signer: { kind: 'unsigned' },
    provenance: {
      statementType: 'https://in-toto.io/Statement/v1',
      predicateType: SLSA_V1,
      subjectDigests: [INDEX.slice(7)],
      buildType: BUILDKIT_V1_BUILD_TYPE,
      builderId,
      sourceRepository: FLEET.repository,
      sourceRevision: FLEET.commit,
    },
  };
}

interface Setting {
  readonly inputs?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly context?: GateContext;
}

async function judge(
  entry: SourceEntry,
  { inputs = {}, env = FLEET_RUN_ENV, context = RUN_CONTEXT }: Setting = {},
) {
  const config = await readProvenance({
    get: (name) => ({ 'provenance-sources': 'github,buildkit', ...inputs })[name] ?? '',
    env: (name) => (env as Record<string, string>)[name],
    mask: () => {},
  });
  return new ProvenanceGate(config, [{ name: entry.source, find: async () => [entry] }], context).check(
    subject,
    [target],
  );
}

const outcome = (decision: GateDecision): string =>
  decision.verdict === 'failed' ? decision.failure.check : decision.verdict;

interface Row {
  readonly name: string;
  readonly entry: SourceEntry;
  readonly setting?: Setting;
  readonly outcome: string;
}

function table(rows: readonly Row[]): void {
  for (const row of rows) {
    it(`${row.outcome}: ${row.name}`, async () => {
      assert.equal(outcome(await judge(row.entry, row.setting)), row.outcome);
    });
  }
}

const WITHOUT_REF = { GITHUB_REPOSITORY: FLEET.repository, GITHUB_SHA: FLEET.commit };
const POLICY = (repositories: string) => ({ 'provenance-policy': `repositories:\n  ${repositories}\n` });

describe('ProvenanceGate: the signer identity it expects', () => {
  table([
    {
      name: "release.yml of the source repository at this run's ref",
      entry: attestation(),
      outcome: 'passed',
    },
    { name: 'release.yaml too', entry: attestation({ san: workflowSan('release.yaml') }), outcome: 'passed' },
    {
      name: 'the same file name with its dot as any character',
      entry: attestation({ san: workflowSan('releaseXyml') }),
      outcome: 'signer-identity',
    },
    {
      name: 'release.yml at another tag',
      entry: attestation({ san: workflowSan('release.yml', 'refs/tags/v0.12.4') }),
      outcome: 'signer-identity',
    },
    {
      name: 'release.yml at any ref when neither provenance-ref nor GITHUB_REF says one',
      entry: attestation({
        san: workflowSan('release.yml', 'refs/heads/main'),
        provenance: { sourceRef: 'refs/heads/main' },
      }),
      setting: { env: WITHOUT_REF },
      outcome: 'passed',
    },
    {
      name: 'release.yml with no ref at all, even then',
      entry: attestation({ san: `https://github.com/${FLEET.repository}/.github/workflows/release.yml@` }),
      setting: { env: WITHOUT_REF },
      outcome: 'signer-identity',
    },
    {
      name: "the run's own workflow file, in its own repository (GITHUB_WORKFLOW_REF, any case)",
      entry: attestation({ san: workflowSan('build.yml') }),
      setting: {
        env: {
          ...FLEET_RUN_ENV,
          GITHUB_WORKFLOW_REF: `Rancher/Fleet/.github/workflows/build.yml@${FLEET.ref}`,
        },
      },
      outcome: 'passed',
    },
    {
      name: "the run's own workflow file when it is of another repository",
      entry: attestation({ san: workflowSan('build.yml') }),
      setting: {
        env: {
          ...FLEET_RUN_ENV,
          GITHUB_WORKFLOW_REF: `rancher/other/.github/workflows/build.yml@${FLEET.ref}`,
        },
      },
      outcome: 'signer-identity',
    },
    {
      name: "the identity given in 'provenance-identity', whatever the workflow",
      entry: attestation({ san: workflowSan('nightly.yml') }),
      setting: { inputs: { 'provenance-identity': workflowSan('nightly.yml') } },
      outcome: 'passed',
    },
    {
      name: "release.yml when 'provenance-identity' names another",
      entry: attestation(),
      setting: { inputs: { 'provenance-identity': workflowSan('nightly.yml') } },
      outcome: 'signer-identity',
    },
    {
      name: "a workflow of another organisation when the policy's repository entry gives its identity regex",
      entry: attestation({
        san: 'https://github.com/cilium/cilium/.github/workflows/build-images-releases.yaml@refs/tags/v1.16.0',
      }),
      setting: {
        inputs: POLICY('Rancher/Fleet: {identity-regex: "^https://github\\\\.com/cilium/cilium/"}'),
      },
      outcome: 'passed',
    },
    {
      name: "a workflow the policy's repository entry lists",
      entry: attestation({ san: workflowSan('image-push.yml') }),
      setting: { inputs: POLICY('rancher/fleet: {workflows: [image-push.yml]}') },
      outcome: 'passed',
    },
    {
      name: "release.yml when the policy's repository entry lists other workflows only",
      entry: attestation(),
      setting: { inputs: POLICY('rancher/fleet: {workflows: [image-push.yml]}') },
      outcome: 'signer-identity',
    },
  ]);

  it('reports the repository exception it used', async () => {
    const decision = await judge(attestation(), {
      inputs: POLICY('rancher/fleet: {workflows: [release.yml]}'),
    });
    assert.deepEqual(decision, {
      verdict: 'passed',
      sources: ['github'],
      exceptions: ['repositories["rancher/fleet"] overrides the signer identity'],
    });
  });
});

describe('ProvenanceGate: the builder, revision and age it expects', () => {
  const thisRun = `https://github.com/${FLEET.repository}/actions/runs/${FLEET.runId}/attempts/2`;
  const otherRun = `https://github.com/${FLEET.repository}/actions/runs/1/attempts/1`;
  const trusting = { 'trust-unsigned-buildkit': 'true' };
  table([
    {
      name: 'BuildKit under this run',
      entry: buildkitStatement(thisRun),
      setting: { inputs: trusting },
      outcome: 'passed',
    },
    {
      name: 'BuildKit under another run',
      entry: buildkitStatement(otherRun),
      setting: { inputs: trusting },
      outcome: 'builder',
    },
    {
      name: 'BuildKit under a run of the same number in another repository',
      entry: buildkitStatement(thisRun.replace('rancher/fleet', 'rancher/fleetXio')),
      setting: { inputs: trusting, context: { ...RUN_CONTEXT, repository: 'rancher/fleet.io' } },
      outcome: 'builder',
    },
    {
      name: 'BuildKit under any builder outside Actions (no run id)',
      entry: buildkitStatement(otherRun),
      setting: { inputs: trusting, context: { ...RUN_CONTEXT, runId: '' } },
      outcome: 'passed',
    },
    {
      name: 'BuildKit under any builder outside Actions (no repository)',
      entry: buildkitStatement(otherRun),
      setting: { inputs: trusting, context: { ...RUN_CONTEXT, repository: '' } },
      outcome: 'passed',
    },
    {
      name: "BuildKit under this run when 'provenance-builder-id' names another",
      entry: buildkitStatement(thisRun),
      setting: { inputs: { ...trusting, 'provenance-builder-id': otherRun } },
      outcome: 'builder',
    },
    {
      name: "the builder the policy's repository entry allows",
      entry: buildkitStatement(otherRun),
      setting: {
        inputs: {
          ...trusting,
          ...POLICY(
            'rancher/fleet: {builder-regex: "^https://github\\\\.com/rancher/fleet/actions/runs/1/"}',
          ),
        },
      },
      outcome: 'passed',
    },
    {
      name: "a builder outside the policy's repository entry, even when 'provenance-builder-id' names it",
      entry: buildkitStatement(thisRun),
      setting: {
        inputs: {
          ...trusting,
          'provenance-builder-id': thisRun,
          ...POLICY(
            'rancher/fleet: {builder-regex: "^https://github\\\\.com/rancher/fleet/actions/runs/1/"}',
          ),
        },
      },
      outcome: 'builder',
    },
    {
      name: 'another commit than GITHUB_SHA',
      entry: attestation({ provenance: { sourceRevision: '0'.repeat(40) } }),
      outcome: 'revision',
    },
    {
      name: 'any commit when neither provenance-revision nor GITHUB_SHA says one',
      entry: attestation({ provenance: { sourceRevision: '0'.repeat(40) } }),
      setting: { env: { GITHUB_REPOSITORY: FLEET.repository, GITHUB_REF: FLEET.ref } },
      outcome: 'passed',
    },
    {
      name: 'a build older than provenance-max-age-hours',
      entry: attestation(),
      setting: { inputs: { 'provenance-max-age-hours': '24' } },
      outcome: 'freshness',
    },
  ]);
});
