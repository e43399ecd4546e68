import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  ProvenanceSource,
  ProvenanceSourceName,
  SourceEntry,
} from '../../../src/provenance/candidate.ts';
import { ProvenanceGate, type GateDecision } from '../../../src/provenance/gate.ts';
import { readProvenance } from '../../../src/provenance/provenance-inputs.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import { parseImageRef, type Digest } from '../../../src/subjects/reference.ts';
import { BUILDKIT_V1_BUILD_TYPE, FLEET, FLEET_RUN_ENV, SLSA_V1 } from '../../harness/provenance.ts';

// Fleet v0.13.0's index and its platform manifests (PROVENANCE.md §8.3).
const INDEX = 'sha256:8f35cb21aa599cface92f70485da13e7e488e2ee2921aaee3aeef4ddc058c443';
const AMD64 = 'sha256:74aedf8b14d1b811ce9b4d69a243b5d440259392526b8778a9a0fca949cca9b6';
const ARM64 = 'sha256:77d17c135ba4ce250f45a712f2042d3f99f5bd694e6368fc25e212b208e11d39';
const NESTED: Digest = `sha256:${'c'.repeat(64)}`;
const subject = parseImageRef(`stgregistry.suse.com/rancher/fleet:${FLEET.tag}@${INDEX}`, 'test');
const storage = { registry: subject.registry, repository: subject.repository };
const indexTarget: SignTarget = {
  image: subject,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  size: 1,
  storage,
};
const platformTarget = (digest: Digest, platform: string): SignTarget => ({
  image: { ...subject, digest },
  platform,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 1,
  storage,
});
const TARGETS = [indexTarget, platformTarget(AMD64, 'linux/amd64'), platformTarget(ARM64, 'linux/arm64')];

/** A statement about `digest` from `source`, key-signed except BuildKit's; built from `revision`. */
function statement(
  source: ProvenanceSourceName,
  digest: string,
  revision: string = FLEET.commit,
): SourceEntry {
  return {
    source,
    digest,
    signer: source === 'buildkit' ? { kind: 'unsigned' } : { kind: 'key' },
    provenance: {
      statementType: 'https://in-toto.io/Statement/v1',
      predicateType: SLSA_V1,
      subjectDigests: [digest.slice(7)],
      buildType: BUILDKIT_V1_BUILD_TYPE,
      builderId: `https://github.com/${FLEET.repository}/actions/runs/${FLEET.runId}/attempts/1`,
      sourceRepository: FLEET.repository,
      sourceRevision: revision,
    },
  };
}

/** A source answering from what it holds by the digest asked, or failing as an API that is down; it counts the digests asked. */
function source(name: ProvenanceSourceName, holds: SourceEntry[] | Error) {
  const asked: string[] = [];
  const provenanceSource: ProvenanceSource = {
    name,
    find: async (_image, digest) => {
      asked.push(digest);
      if (holds instanceof Error) throw holds;
      // BuildKit, asked about the index, answers for its platforms.
      return holds.filter((entry) => (name === 'buildkit' ? digest === INDEX : entry.digest === digest));
    },
  };
  return { source: provenanceSource, asked };
}

async function judge(
  sources: ProvenanceSource[],
  targets: SignTarget[] = TARGETS,
  mode = 'required',
): Promise<GateDecision> {
  const config = await readProvenance({
    get: (name) =>
      ({
        provenance: mode,
        'provenance-sources': sources.map((s) => s.name).join(','),
        'trust-unsigned-buildkit': 'true',
      })[name] ?? '',
    env: (name) => (FLEET_RUN_ENV as Record<string, string>)[name],
    mask: () => {},
  });
  return new ProvenanceGate(config, sources, {
    serverUrl: 'https://github.com',
    repository: FLEET.repository,
    runId: FLEET.runId,
  }).check(subject, targets);
}

const failed = (decision: GateDecision) => {
  assert.equal(decision.verdict, 'failed', JSON.stringify(decision));
  return decision as GateDecision & { verdict: 'failed' };
};

describe('ProvenanceGate: an index whose platforms carry their own provenance', () => {
  it("passes on BuildKit's statement for every platform, asking BuildKit about the index only", async () => {
    const buildkit = source('buildkit', [statement('buildkit', AMD64), statement('buildkit', ARM64)]);
    const decision = await judge([buildkit.source]);
    assert.deepEqual(decision, { verdict: 'passed', sources: ['buildkit'], exceptions: [] });
    assert.deepEqual(buildkit.asked, [INDEX]);
  });

  it('asks the other sources about each platform BuildKit does not vouch for, and names every source that did', async () => {
    const buildkit = source('buildkit', [statement('buildkit', AMD64)]);
    const cosign = source('cosign', [statement('cosign', ARM64)]);
    const decision = await judge([cosign.source, buildkit.source]);
    assert.deepEqual(decision, { verdict: 'passed', sources: ['buildkit', 'cosign'], exceptions: [] });
    assert.deepEqual(cosign.asked, [INDEX, ARM64]);
    assert.deepEqual(buildkit.asked, [INDEX]);
  });

  it('refuses when one platform has none, naming that platform', async () => {
    const decision = failed(await judge([source('buildkit', [statement('buildkit', AMD64)]).source]));
    assert.deepEqual(decision.failure, {
      check: 'present',
      expected: 'provenance for linux/arm64',
      found: 'none',
    });
    assert.equal(decision.digest, ARM64);
    assert.equal(decision.source, undefined);
    assert.deepEqual(decision.rejections, [{ failure: decision.failure, digest: ARM64 }]);
  });

  it("refuses on a platform's failed check, not as 'none found'", async () => {
    const decision = failed(
      await judge([
        source('buildkit', [statement('buildkit', AMD64), statement('buildkit', ARM64, '0'.repeat(40))])
          .source,
      ]),
    );
    assert.equal(decision.failure.check, 'revision');
    assert.equal(decision.digest, ARM64);
    assert.equal(decision.source, 'buildkit');
    assert.deepEqual(decision.others, []);
  });

  it("does not take a platform's statement for the whole image", async () => {
    const decision = failed(
      await judge([source('buildkit', [statement('buildkit', AMD64)]).source], [indexTarget]),
    );
    assert.deepEqual(decision.failure, {
      check: 'present',
      expected: 'provenance from buildkit',
      found: 'none',
    });
    assert.deepEqual(decision.rejections, []);
  });

  it('passes every platform on whole-image provenance, without asking about them', async () => {
    const cosign = source('cosign', [statement('cosign', INDEX)]);
    assert.equal((await judge([cosign.source])).verdict, 'passed');
    assert.deepEqual(cosign.asked, [INDEX]);
  });

  it('asks no provenance of a nested index: the manifests it lists answer for it', async () => {
    const cosign = source('cosign', [statement('cosign', AMD64), statement('cosign', ARM64)]);
    const nested: SignTarget = { ...indexTarget, image: { ...subject, digest: NESTED } };
    assert.equal((await judge([cosign.source], [...TARGETS, nested])).verdict, 'passed');
    assert.deepEqual(cosign.asked, [INDEX, AMD64, ARM64]);
  });

  it('asks a source that could not be read no more for this image, and names it', async () => {
    const github = source('github', new Error('GitHub attestations API for rancher/fleet: HTTP 503'));
    const decision = failed(await judge([github.source]));
    assert.deepEqual(github.asked, [INDEX]);
    assert.deepEqual(decision.failure, {
      check: 'source-unreadable',
      expected: 'github provenance readable',
      found: 'GitHub attestations API for rancher/fleet: HTTP 503',
    });
    assert.equal(decision.source, 'github');
    assert.equal(decision.digest, INDEX);
  });
});
