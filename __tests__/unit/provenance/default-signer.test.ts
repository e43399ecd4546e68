import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceEntry } from '../../../src/provenance/candidate.ts';
import { ProvenanceGate, type GateDecision } from '../../../src/provenance/gate.ts';
import { readProvenance } from '../../../src/provenance/provenance-inputs.ts';
import { SLSA_V1 } from '../../../src/provenance/slsa.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import { parseImageRef } from '../../../src/subjects/reference.ts';

const HEX = 'b'.repeat(64);
const COMMIT = '4f1c0a6f7e4a1b2c3d4e5f60718293a4b5c6d7e8';
const REF = 'refs/tags/v1.2.3';
const subject = parseImageRef(`ghcr.io/acme/app@sha256:${HEX}`, 'test');
const target: SignTarget = {
  image: subject,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  size: 1,
  storage: { registry: subject.registry, repository: subject.repository },
};

/** The run of `acme/app`'s workflow `workflowRef`, at the release tag. */
const RUN_ENV = {
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_SHA: COMMIT,
  GITHUB_REF: REF,
  GITHUB_WORKFLOW_REF: `acme/app/.github/workflows/build-and-sign.yml@${REF}`,
};

interface Signer {
  readonly repository?: string;
  readonly workflow?: string;
  readonly trigger?: string;
}

/** What actions/attest-build-provenance records, keyless, for a workflow of `repository`. */
function attestation({ repository = 'acme/app', workflow = 'build-and-sign.yml', trigger = 'push' }: Signer) {
  const san = `https://github.com/${repository}/.github/workflows/${workflow}@${REF}`;
  const entry: SourceEntry = {
    source: 'referrers',
    digest: subject.digest,
    signer: {
      kind: 'keyless',
      claims: {
        san,
        issuer: 'https://token.actions.githubusercontent.com',
        sourceRepositoryUri: `https://github.com/${repository}`,
        sourceRepositoryRef: REF,
        sourceRepositoryDigest: COMMIT,
        buildTrigger: trigger,
        runnerEnvironment: 'github-hosted',
      },
    },
    provenance: {
      statementType: 'https://in-toto.io/Statement/v1',
      predicateType: SLSA_V1,
      subjectDigests: [HEX],
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      builderId: san,
      sourceRepository: repository,
      sourceRevision: COMMIT,
      sourceRef: REF,
    },
  };
  return entry;
}

async function judge(
  entry: SourceEntry,
  inputs: Record<string, string> = {},
  env: Record<string, string> = RUN_ENV,
): Promise<GateDecision> {
  const config = await readProvenance({
    get: (name) => ({ 'provenance-sources': 'referrers', ...inputs })[name] ?? '',
    env: (name) => env[name],
    mask: () => {},
  });
  return new ProvenanceGate(config, [{ name: 'referrers', find: async () => [entry] }], {
    serverUrl: 'https://github.com',
    repository: 'acme/app',
    runId: '1',
  }).check(subject, [target]);
}

const checkOf = (decision: GateDecision): string =>
  decision.verdict === 'failed' ? decision.failure.check : decision.verdict;

describe('the default provenance signer', () => {
  describe('when provenance-workflows is left empty', () => {
    it('accepts release.yml and release.yaml of the source repository', async () => {
      assert.equal(checkOf(await judge(attestation({ workflow: 'release.yml' }))), 'passed');
      assert.equal(checkOf(await judge(attestation({ workflow: 'release.yaml' }))), 'passed');
    });

    it("accepts the signing run's own workflow file (GITHUB_WORKFLOW_REF), whatever its name", async () => {
      assert.equal(checkOf(await judge(attestation({}))), 'passed');
    });

    it('refuses any other workflow of the same repository', async () => {
      assert.equal(checkOf(await judge(attestation({ workflow: 'nightly.yml' }))), 'signer-identity');
    });

    it("refuses the run's workflow file name in another repository", async () => {
      const decision = await judge(attestation({ repository: 'evil/app' }), {
        'provenance-source-repository': 'evil/app',
      });
      assert.equal(checkOf(decision), 'signer-identity');
    });

    it('refuses a workflow of the same name when the run is of another repository (a foreign caller)', async () => {
      const decision = await judge(
        attestation({}),
        {},
        {
          ...RUN_ENV,
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_WORKFLOW_REF: `acme/other/.github/workflows/build-and-sign.yml@${REF}`,
        },
      );
      assert.equal(checkOf(decision), 'signer-identity');
    });
  });

  it('accepts only the listed files when provenance-workflows is set', async () => {
    const listed = { 'provenance-workflows': 'release.yml' };
    assert.equal(checkOf(await judge(attestation({}), listed)), 'signer-identity');
    assert.equal(checkOf(await judge(attestation({ workflow: 'release.yml' }), listed)), 'passed');
  });

  describe('triggers', () => {
    it('accept push, release and workflow_dispatch by default', async () => {
      for (const trigger of ['push', 'release', 'workflow_dispatch'])
        assert.equal(checkOf(await judge(attestation({ trigger }))), 'passed', trigger);
    });

    it('refuse pull_request and schedule by default', async () => {
      for (const trigger of ['pull_request', 'pull_request_target', 'schedule'])
        assert.equal(checkOf(await judge(attestation({ trigger }))), 'trigger', trigger);
    });

    it('follow provenance-triggers when it is set', async () => {
      const decision = await judge(attestation({ trigger: 'workflow_dispatch' }), {
        'provenance-triggers': 'push',
      });
      assert.equal(checkOf(decision), 'trigger');
    });
  });
});
