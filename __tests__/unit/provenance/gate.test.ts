import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  ProvenanceSource,
  ProvenanceSourceName,
  SourceEntry,
} from '../../../src/provenance/candidate.ts';
import { ProvenanceGate, type GateDecision } from '../../../src/provenance/gate.ts';
import { readProvenance } from '../../../src/provenance/provenance-inputs.ts';
import { SLSA_V1 } from '../../../src/provenance/slsa.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import { parseImageRef } from '../../../src/subjects/reference.ts';

const HEX = 'a'.repeat(64);
const COMMIT = 'e0324f2d4c06dad05a298622a1276ea596367b6a';
const subject = parseImageRef(`ghcr.io/rancher/fleet@sha256:${HEX}`, 'test');
const target: SignTarget = {
  image: subject,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  size: 1,
  storage: { registry: subject.registry, repository: subject.repository },
};

const config = await readProvenance({
  get: (name) =>
    ({
      'provenance-sources': 'cosign,referrers,github',
      'provenance-key': '',
      'provenance-source-repository': 'rancher/fleet',
      'provenance-revision': COMMIT,
    })[name] ?? '',
  env: () => undefined,
  mask: () => {},
});

/** A key-signed statement about the subject from `source`, built from `revision`. */
const statement = (
  source: ProvenanceSourceName,
  revision = COMMIT,
  statementType = 'https://in-toto.io/Statement/v1',
): SourceEntry => ({
  source,
  digest: subject.digest,
  signer: { kind: 'key' },
  provenance: {
    statementType,
    predicateType: SLSA_V1,
    subjectDigests: [HEX],
    buildType: 'https://actions.github.io/buildtypes/workflow/v1',
    sourceRepository: 'rancher/fleet',
    sourceRevision: revision,
  },
});
const malformed = (source: ProvenanceSourceName): SourceEntry => ({
  source,
  digest: subject.digest,
  unreadable: 'layer sha256:…: Unexpected token',
});

/** A source that answers `entries`, or throws `error` as an unreachable API does. */
const source = (name: ProvenanceSourceName, answer: SourceEntry[] | Error): ProvenanceSource => ({
  name,
  find: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
});

const judge = (...sources: ProvenanceSource[]): Promise<GateDecision> =>
  new ProvenanceGate(config, sources, { serverUrl: '', repository: '', runId: '' }).check(subject, [target]);

const failed = (decision: GateDecision) => {
  assert.equal(decision.verdict, 'failed', JSON.stringify(decision));
  return decision as GateDecision & { verdict: 'failed' };
};

const unreachable = new Error(
  'GitHub attestations API for rancher/fleet: getaddrinfo ENOTFOUND api.github.com',
);

describe('ProvenanceGate', () => {
  describe('when a statement is not an in-toto statement', () => {
    for (const statementType of ['', 'https://in-toto.io/Statement/v2', 'https://example.com/Statement/v1']) {
      it(`refuses _type ${JSON.stringify(statementType)} by the statement-type check, whatever its predicate`, async () => {
        const decision = failed(
          await judge(source('referrers', [statement('referrers', COMMIT, statementType)])),
        );
        assert.equal(decision.failure.check, 'statement-type');
        assert.equal(
          decision.failure.expected,
          'https://in-toto.io/Statement/v0.1 | https://in-toto.io/Statement/v1',
        );
        if (statementType) assert.equal(decision.failure.found, statementType);
      });
    }

    it('accepts in-toto v0.1 statements, as BuildKit writes them', async () => {
      const decision = await judge(
        source('referrers', [statement('referrers', COMMIT, 'https://in-toto.io/Statement/v0.1')]),
      );
      assert.equal(decision.verdict, 'passed', JSON.stringify(decision));
    });
  });

  describe('when a source cannot be read', () => {
    it('still passes on a statement from a source asked after it', async () => {
      const decision = await judge(
        source('github', unreachable),
        source('cosign', [malformed('cosign')]),
        source('referrers', [statement('referrers')]),
      );
      assert.equal(decision.verdict, 'passed');
      assert.deepEqual(decision.verdict === 'passed' && decision.sources, ['referrers']);
    });

    it('names the check a statement failed, and the unreadable source after it', async () => {
      const decision = failed(
        await judge(
          source('github', unreachable),
          source('referrers', [statement('referrers', '0'.repeat(40))]),
        ),
      );
      assert.deepEqual(decision.failure, { check: 'revision', expected: COMMIT, found: '0'.repeat(40) });
      assert.equal(decision.source, 'referrers');
      assert.deepEqual(decision.others, [`github provenance unreadable: ${unreachable.message}`]);
    });

    it('names the unreadable source when nothing else was found', async () => {
      const decision = failed(await judge(source('cosign', [malformed('cosign')]), source('github', [])));
      assert.equal(decision.failure.check, 'source-unreadable');
      assert.equal(decision.source, 'cosign');
      assert.match(decision.failure.found, /Unexpected token/);
    });
  });

  describe('when a malformed entry sits next to a statement in the same source', () => {
    it('passes on the statement', async () => {
      const decision = await judge(source('cosign', [malformed('cosign'), statement('cosign')]));
      assert.equal(decision.verdict, 'passed');
    });

    it('refuses on the failing statement, naming its check, not the malformed entry', async () => {
      const decision = failed(
        await judge(source('cosign', [malformed('cosign'), statement('cosign', '0'.repeat(40))])),
      );
      assert.equal(decision.failure.check, 'revision');
      assert.equal(decision.others.length, 1);
    });
  });

  it('reports "none found" only when every source answered and none had anything', async () => {
    const decision = failed(await judge(source('cosign', []), source('github', [])));
    assert.equal(decision.failure.check, 'present');
    assert.deepEqual(decision.others, []);
  });

  describe('for the manifests below an index', () => {
    const child = (hex: string, platform?: string): SignTarget => ({
      image: { ...subject, digest: `sha256:${hex}` },
      ...(platform ? { platform } : {}),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: 1,
      storage: target.storage,
    });
    const about = (hex: string): SourceEntry => {
      const entry = statement('referrers');
      return {
        ...entry,
        digest: `sha256:${hex}`,
        ...('provenance' in entry ? { provenance: { ...entry.provenance, subjectDigests: [hex] } } : {}),
      } as SourceEntry;
    };
    /** Answers, like a registry, only what it holds about the digest asked for. */
    const holding = (entries: SourceEntry[]): ProvenanceSource => ({
      name: 'referrers',
      find: (_image, digest) => Promise.resolve(entries.filter((entry) => entry.digest === digest)),
    });
    const amd64 = 'b'.repeat(64);
    const platformless = 'c'.repeat(64);

    it('asks provenance of a manifest that names no platform too, not only of the platform manifests', async () => {
      const decision = failed(
        await new ProvenanceGate(config, [holding([about(amd64)])], {
          serverUrl: '',
          repository: '',
          runId: '',
        }).check(subject, [target, child(amd64, 'linux/amd64'), child(platformless)]),
      );
      assert.equal(decision.failure.check, 'present');
      assert.match(decision.failure.expected, new RegExp(platformless));
    });

    it('passes when every manifest below the index has its own', async () => {
      const decision = await new ProvenanceGate(config, [holding([about(amd64), about(platformless)])], {
        serverUrl: '',
        repository: '',
        runId: '',
      }).check(subject, [target, child(amd64, 'linux/amd64'), child(platformless)]);
      assert.equal(decision.verdict, 'passed', JSON.stringify(decision));
    });

    it('asks none of a BuildKit attestation manifest: the platform it describes answers for it', async () => {
      const attestation: SignTarget = {
        ...child('d'.repeat(64)),
        attestation: { describes: `sha256:${amd64}` },
      };
      const decision = await new ProvenanceGate(config, [holding([about(amd64)])], {
        serverUrl: '',
        repository: '',
        runId: '',
      }).check(subject, [target, child(amd64, 'linux/amd64'), attestation]);
      assert.equal(decision.verdict, 'passed', JSON.stringify(decision));
    });
  });
});
