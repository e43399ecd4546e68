import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProvenanceCandidate } from '../../../src/provenance/candidate.ts';
import type { CertificateClaims } from '../../../src/sigstore/fulcio-certificate.ts';
import { checkCandidate, type CheckFailure, type Expectations } from '../../../src/provenance/policy.ts';
import type { Provenance } from '../../../src/provenance/slsa.ts';
import { BUILDKIT_V1_BUILD_TYPE, FLEET, SLSA_V1 } from '../../harness/provenance.ts';
import { FLEET_RELEASE_SAN, GITHUB_ISSUER } from './test-sigstore.ts';

// Fleet v0.13.0 (PROVENANCE.md §8.3): index, amd64 and arm64 manifests, the release run.
const INDEX = 'sha256:8f35cb21aa599cface92f70485da13e7e488e2ee2921aaee3aeef4ddc058c443';
const AMD64 = 'sha256:74aedf8b14d1b811ce9b4d69a243b5d440259392526b8778a9a0fca949cca9b6';
const ARM64 = 'sha256:77d17c135ba4ce250f45a712f2042d3f99f5bd694e6368fc25e212b208e11d39';
const RUN = `https://github.com/${FLEET.repository}/actions/runs/${FLEET.runId}/attempts/1`;
const GITHUB_WORKFLOW = 'https://actions.github.io/buildtypes/workflow/v1';
const hex = (digest: string) => digest.slice('sha256:'.length);

/** What the gate expects of Fleet's release with the default inputs, run inside its release job. */
const EXPECTED: Expectations = {
  predicateTypes: [SLSA_V1, 'https://slsa.dev/provenance/v0.2'],
  buildTypes: [BUILDKIT_V1_BUILD_TYPE, GITHUB_WORKFLOW],
  sourceRepository: FLEET.repository,
  revision: FLEET.commit,
  ref: FLEET.ref,
  buildkitBuilder: { regex: '^https://github\\.com/rancher/fleet/actions/runs/16342178123/attempts/\\d+$' },
  issuer: GITHUB_ISSUER,
  identity: {
    regex:
      '^https://github\\.com/rancher/fleet/\\.github/workflows/(release\\.yml|release\\.yaml)@refs/tags/v0\\.13\\.0$',
  },
  triggers: ['push', 'release', 'workflow_dispatch'],
  runnerEnvironments: ['github-hosted'],
  trustUnsignedBuildkit: false,
};

const CLAIMS: CertificateClaims = {
  san: FLEET_RELEASE_SAN,
  issuer: GITHUB_ISSUER,
  sourceRepositoryUri: `https://github.com/${FLEET.repository}`,
  sourceRepositoryRef: FLEET.ref,
  sourceRepositoryDigest: FLEET.commit,
  buildTrigger: 'push',
  runnerEnvironment: 'github-hosted',
};

/** actions/attest-build-provenance's statement about the index, signed keyless by Fleet's release.yml. */
const GITHUB_ATTESTATION: ProvenanceCandidate = {
  source: 'github',
  digest: INDEX,
  signer: { kind: 'keyless', claims: CLAIMS },
  provenance: {
    statementType: 'https://in-toto.io/Statement/v1',
    predicateType: SLSA_V1,
    subjectDigests: [hex(INDEX)],
    buildType: GITHUB_WORKFLOW,
    builderId: FLEET_RELEASE_SAN,
    sourceRepository: FLEET.repository,
    sourceRevision: FLEET.commit,
    sourceRef: FLEET.ref,
    finishedOn: new Date('2025-07-23T14:26:40Z'),
  },
};

/** BuildKit's statement about the amd64 manifest, built by docker/build-push-action in the same run. */
const BUILDKIT_STATEMENT: ProvenanceCandidate = {
  source: 'buildkit',
  digest: AMD64,
  signer: { kind: 'unsigned' },
  provenance: {
    statementType: 'https://in-toto.io/Statement/v1',
    predicateType: SLSA_V1,
    subjectDigests: [hex(AMD64)],
    buildType: BUILDKIT_V1_BUILD_TYPE,
    builderId: RUN,
    sourceRepository: FLEET.repository,
    sourceRevision: FLEET.commit,
    finishedOn: new Date('2025-07-23T14:26:40Z'),
  },
};

interface Row {
  readonly name: string;
  readonly base?: ProvenanceCandidate;
  readonly claims?: Partial<CertificateClaims>;
  readonly provenance?: Partial<Provenance>;
  readonly candidate?: Partial<ProvenanceCandidate>;
  readonly expected?: Partial<Expectations>;
  /** The failure, or undefined for a pass. */
  readonly fails?: CheckFailure;
}

function judge(row: Row, now = new Date('2025-07-23T15:00:00Z')): CheckFailure | undefined {
  const base = row.base ?? GITHUB_ATTESTATION;
  const signer =
    row.claims && base.signer.kind === 'keyless'
      ? { kind: 'keyless' as const, claims: { ...base.signer.claims, ...row.claims } }
      : base.signer;
  const candidate: ProvenanceCandidate = {
    ...base,
    signer,
    ...row.candidate,
    provenance: { ...base.provenance, ...row.provenance },
  };
  return checkCandidate(candidate, { ...EXPECTED, ...row.expected }, now);
}

function table(rows: readonly Row[]): void {
  for (const row of rows) {
    it(`${row.fails ? `fails '${row.fails.check}'` : 'passes'}: ${row.name}`, () => {
      assert.deepEqual(judge(row), row.fails);
    });
  }
}

const without = <K extends keyof Provenance>(key: K): Partial<Provenance> => ({ [key]: undefined });

describe('checkCandidate: who signed the provenance', () => {
  table([
    { name: "Fleet's own attestation, signed by its release workflow at the tag" },
    {
      name: 'a signature that did not verify, whatever the statement says',
      candidate: { signatureError: 'invalid signature' },
      provenance: { predicateType: 'https://spdx.dev/Document' },
      fails: { check: 'signature', expected: 'a valid signature', found: 'invalid signature' },
    },
    {
      name: 'unsigned BuildKit provenance by default',
      base: BUILDKIT_STATEMENT,
      fails: {
        check: 'signed',
        expected: "signed provenance (or 'trust-unsigned-buildkit: true')",
        found: 'unsigned BuildKit attestation',
      },
    },
    {
      name: "unsigned BuildKit provenance with 'trust-unsigned-buildkit'",
      base: BUILDKIT_STATEMENT,
      expected: { trustUnsignedBuildkit: true },
    },
    {
      name: 'a key signature (provenance-key), with no identity to judge',
      candidate: { signer: { kind: 'key' } },
      provenance: { buildType: BUILDKIT_V1_BUILD_TYPE, builderId: 'anything' },
    },
    {
      name: 'a certificate from another OIDC issuer',
      claims: { issuer: 'https://accounts.google.com' },
      fails: { check: 'issuer', expected: GITHUB_ISSUER, found: 'https://accounts.google.com' },
    },
    {
      name: 'a certificate without an issuer',
      claims: { issuer: undefined },
      fails: { check: 'issuer', expected: GITHUB_ISSUER, found: '(absent)' },
    },
    {
      name: 'a workflow of Fleet run on a branch (signer identity @refs/heads/main)',
      claims: { san: `https://github.com/${FLEET.repository}/.github/workflows/release.yml@refs/heads/main` },
      fails: {
        check: 'signer-identity',
        expected: `/${EXPECTED.identity && 'regex' in EXPECTED.identity ? EXPECTED.identity.regex : ''}/`,
        found: `https://github.com/${FLEET.repository}/.github/workflows/release.yml@refs/heads/main`,
      },
    },
    { name: 'an exact signer identity that matches', expected: { identity: { exact: FLEET_RELEASE_SAN } } },
    {
      name: 'an exact signer identity that does not',
      expected: { identity: { exact: `${FLEET_RELEASE_SAN}x` } },
      fails: { check: 'signer-identity', expected: `${FLEET_RELEASE_SAN}x`, found: FLEET_RELEASE_SAN },
    },
    {
      name: "a certificate of fleet-agent's repository (which does not exist)",
      claims: { sourceRepositoryUri: 'https://github.com/rancher/fleet-agent' },
      fails: {
        check: 'certificate-source-repository',
        expected: 'https://github.com/rancher/fleet',
        found: 'https://github.com/rancher/fleet-agent',
      },
    },
    {
      name: 'a certificate naming the repository in other case',
      claims: { sourceRepositoryUri: 'https://github.com/Rancher/Fleet' },
    },
    { name: 'a certificate without the repository claim', claims: { sourceRepositoryUri: undefined } },
    {
      name: 'a certificate from another ref',
      claims: { sourceRepositoryRef: 'refs/heads/main' },
      fails: { check: 'certificate-ref', expected: FLEET.ref, found: 'refs/heads/main' },
    },
    {
      name: 'a certificate from another ref, when no ref is expected',
      claims: { sourceRepositoryRef: 'refs/heads/main' },
      expected: { ref: undefined },
      provenance: { sourceRef: undefined },
    },
    { name: 'a certificate without the ref claim', claims: { sourceRepositoryRef: undefined } },
    {
      name: 'a certificate from another commit',
      claims: { sourceRepositoryDigest: '0'.repeat(40) },
      fails: { check: 'certificate-revision', expected: FLEET.commit, found: '0'.repeat(40) },
    },
    {
      name: 'a certificate from another commit, when no revision is expected',
      claims: { sourceRepositoryDigest: '0'.repeat(40) },
      expected: { revision: undefined },
    },
    { name: 'a certificate without the commit claim', claims: { sourceRepositoryDigest: undefined } },
    {
      name: 'a run started by workflow_dispatch when only push is allowed',
      claims: { buildTrigger: 'workflow_dispatch' },
      expected: { triggers: ['push'] },
      fails: { check: 'trigger', expected: 'push', found: 'workflow_dispatch' },
    },
    {
      name: 'a run started by pull_request',
      claims: { buildTrigger: 'pull_request' },
      fails: { check: 'trigger', expected: 'push | release | workflow_dispatch', found: 'pull_request' },
    },
    { name: 'a certificate without the trigger claim', claims: { buildTrigger: undefined } },
    {
      name: "a self-hosted runner (Fleet's RunsOn) by default",
      claims: { runnerEnvironment: 'self-hosted' },
      fails: { check: 'runner-environment', expected: 'github-hosted', found: 'self-hosted' },
    },
    {
      name: 'a self-hosted runner when allowed',
      claims: { runnerEnvironment: 'self-hosted' },
      expected: { runnerEnvironments: ['github-hosted', 'self-hosted'] },
    },
    {
      name: 'a runner environment outside a list of two',
      claims: { runnerEnvironment: 'other' },
      expected: { runnerEnvironments: ['github-hosted', 'self-hosted'] },
      fails: { check: 'runner-environment', expected: 'github-hosted | self-hosted', found: 'other' },
    },
    { name: 'a certificate without the runner claim', claims: { runnerEnvironment: undefined } },
  ]);
});

describe('checkCandidate: what the statement says', () => {
  table([
    {
      name: 'an SBOM, not provenance',
      provenance: { predicateType: 'https://spdx.dev/Document' },
      fails: {
        check: 'predicate-type',
        expected: 'https://slsa.dev/provenance/v1 | https://slsa.dev/provenance/v0.2',
        found: 'https://spdx.dev/Document',
      },
    },
    {
      name: 'a statement without a predicate type',
      provenance: { predicateType: '' },
      fails: {
        check: 'predicate-type',
        expected: 'https://slsa.dev/provenance/v1 | https://slsa.dev/provenance/v0.2',
        found: '(empty)',
      },
    },
    {
      name: 'the subject digest of arm64 while checking amd64',
      base: BUILDKIT_STATEMENT,
      expected: { trustUnsignedBuildkit: true },
      provenance: { subjectDigests: [hex(ARM64)] },
      fails: { check: 'subject', expected: AMD64, found: ARM64 },
    },
    { name: 'one subject among several', provenance: { subjectDigests: [hex(ARM64), hex(INDEX)] } },
    {
      name: 'several subjects, none of them',
      provenance: { subjectDigests: [hex(ARM64), hex(AMD64)] },
      fails: { check: 'subject', expected: INDEX, found: `${ARM64}, ${AMD64}` },
    },
    {
      name: 'no subject at all',
      provenance: { subjectDigests: [] },
      fails: { check: 'subject', expected: INDEX, found: '(none)' },
    },
    {
      name: 'a build type not allowed',
      provenance: { buildType: 'https://example.com/make@v1' },
      fails: {
        check: 'build-type',
        expected: `${BUILDKIT_V1_BUILD_TYPE} | ${GITHUB_WORKFLOW}`,
        found: 'https://example.com/make@v1',
      },
    },
    {
      name: 'no build type',
      provenance: without('buildType'),
      fails: {
        check: 'build-type',
        expected: `${BUILDKIT_V1_BUILD_TYPE} | ${GITHUB_WORKFLOW}`,
        found: '(absent)',
      },
    },
    {
      name: 'an empty build type, even when the list allows it',
      provenance: { buildType: '' },
      expected: { buildTypes: [''] },
      fails: { check: 'build-type', expected: '', found: '(empty)' },
    },
    {
      name: 'a source repository in other case',
      provenance: { sourceRepository: 'Rancher/Fleet' },
    },
    {
      name: "fleet-agent's repository as the source",
      provenance: { sourceRepository: 'rancher/fleet-agent' },
      fails: { check: 'source-repository', expected: FLEET.repository, found: 'rancher/fleet-agent' },
    },
    {
      name: 'no source repository',
      provenance: without('sourceRepository'),
      fails: { check: 'source-repository', expected: FLEET.repository, found: '(absent)' },
    },
    {
      name: 'another commit',
      provenance: { sourceRevision: '0'.repeat(40) },
      fails: { check: 'revision', expected: FLEET.commit, found: '0'.repeat(40) },
    },
    {
      name: 'no commit',
      provenance: without('sourceRevision'),
      fails: { check: 'revision', expected: FLEET.commit, found: '(absent)' },
    },
    {
      name: 'any commit when none is expected',
      provenance: { sourceRevision: '0'.repeat(40) },
      expected: { revision: undefined },
    },
    {
      name: 'another ref',
      provenance: { sourceRef: 'refs/tags/v0.12.4' },
      fails: { check: 'ref', expected: FLEET.ref, found: 'refs/tags/v0.12.4' },
    },
    { name: 'no ref (BuildKit records none)', provenance: without('sourceRef') },
    {
      name: 'any ref when none is expected',
      provenance: { sourceRef: 'refs/heads/main' },
      claims: { sourceRepositoryRef: 'refs/heads/main' },
      expected: { ref: undefined },
    },
  ]);
});

describe('checkCandidate: the builder', () => {
  const buildkit = { base: BUILDKIT_STATEMENT, expected: { trustUnsignedBuildkit: true } };
  table([
    { name: 'BuildKit under this run', ...buildkit },
    {
      name: 'BuildKit under another attempt of this run',
      ...buildkit,
      provenance: { builderId: RUN.replace(/1$/, '2') },
    },
    {
      name: "BuildKit under another repository's run",
      ...buildkit,
      provenance: { builderId: `https://github.com/evil/fleet/actions/runs/${FLEET.runId}/attempts/1` },
      fails: {
        check: 'builder',
        expected: '/^https://github\\.com/rancher/fleet/actions/runs/16342178123/attempts/\\d+$/',
        found: `https://github.com/evil/fleet/actions/runs/${FLEET.runId}/attempts/1`,
      },
    },
    {
      name: 'BuildKit driven by goreleaser (empty builder.id)',
      ...buildkit,
      provenance: { builderId: '' },
      fails: {
        check: 'builder',
        expected: '/^https://github\\.com/rancher/fleet/actions/runs/16342178123/attempts/\\d+$/',
        found: '(empty)',
      },
    },
    {
      name: 'BuildKit without a builder.id',
      ...buildkit,
      provenance: without('builderId'),
      fails: {
        check: 'builder',
        expected: '/^https://github\\.com/rancher/fleet/actions/runs/16342178123/attempts/\\d+$/',
        found: '(absent)',
      },
    },
    {
      name: 'BuildKit outside Actions (no run to expect), any builder',
      ...buildkit,
      provenance: { builderId: '' },
      expected: { trustUnsignedBuildkit: true, buildkitBuilder: undefined },
    },
    {
      name: 'BuildKit under this run when the user names another builder',
      ...buildkit,
      expected: { trustUnsignedBuildkit: true, builder: { exact: 'https://builder.example/1' } },
      fails: { check: 'builder', expected: 'https://builder.example/1', found: RUN },
    },
    {
      name: "GitHub's workflow build type names the workflow that signed it",
      provenance: {
        builderId: `https://github.com/${FLEET.repository}/.github/workflows/nightly.yml@${FLEET.ref}`,
      },
      fails: {
        check: 'builder',
        expected: FLEET_RELEASE_SAN,
        found: `https://github.com/${FLEET.repository}/.github/workflows/nightly.yml@${FLEET.ref}`,
      },
    },
    {
      name: 'another build type signed keyless: no builder expected unless the user names one',
      provenance: { buildType: BUILDKIT_V1_BUILD_TYPE, builderId: 'https://builder.example/1' },
    },
    {
      name: "GitHub's workflow build type signed with a key: no SAN to compare",
      candidate: { signer: { kind: 'key' } },
      provenance: { builderId: 'https://builder.example/1' },
    },
    {
      name: 'a builder matching the regular expression the user gives',
      expected: { builder: { regex: '^https://github\\.com/rancher/' } },
    },
  ]);
});

describe('checkCandidate: freshness (provenance-max-age-hours)', () => {
  const now = new Date('2025-07-24T14:26:40Z');
  const at = (finishedOn: string | undefined, maxAgeHours = 24) =>
    checkCandidate(
      {
        ...GITHUB_ATTESTATION,
        provenance: {
          ...GITHUB_ATTESTATION.provenance,
          finishedOn: finishedOn ? new Date(finishedOn) : undefined,
        },
      },
      { ...EXPECTED, maxAgeHours },
      now,
    );
  it('passes a build finished within the hours given, up to the bound', () => {
    assert.equal(at('2025-07-24T10:00:00Z'), undefined);
    assert.equal(at('2025-07-23T14:26:40Z'), undefined);
    assert.equal(at('2025-07-24T14:30:00Z'), undefined, 'a few minutes of clock skew');
  });
  it('fails a build finished earlier, naming when', () => {
    assert.deepEqual(at('2025-07-23T14:26:39Z'), {
      check: 'freshness',
      expected: 'finished within 24 h',
      found: '2025-07-23T14:26:39.000Z',
    });
  });
  it('fails a build that claims to finish in the future', () => {
    assert.equal(at('2025-07-24T14:33:00Z')?.check, 'freshness');
  });
  it('fails a statement without a finish time', () => {
    assert.deepEqual(at(undefined, 2), {
      check: 'freshness',
      expected: 'finished within 2 h',
      found: '(no finish time)',
    });
  });
  it('is not checked unless asked for', () => {
    assert.equal(
      judge({ name: 'old', provenance: { finishedOn: new Date('2020-01-01T00:00:00Z') } }),
      undefined,
    );
  });
});
