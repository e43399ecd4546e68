import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProvenance, toRepositorySlug } from '../../../src/provenance/slsa.ts';
import { FLEET, buildkitV1Statement, githubProvenanceStatement } from '../../harness/provenance.ts';

const AMD64 = 'sha256:74aedf8b14d1b811ce9b4d69a243b5d440259392526b8778a9a0fca949cca9b6';

describe('parseProvenance', () => {
  it("reads BuildKit's SLSA v1 statement: builder run URL, VCS hints as source", () => {
    const p = parseProvenance(
      JSON.stringify(
        buildkitV1Statement(AMD64, 'linux/amd64', { imageName: 'stgregistry.suse.com/rancher/fleet' }),
      ),
    );
    assert.equal(p.builderId, `https://github.com/rancher/fleet/actions/runs/${FLEET.runId}/attempts/1`);
    assert.equal(p.sourceRepository, 'rancher/fleet');
    assert.equal(p.sourceRevision, FLEET.commit);
    assert.deepEqual(p.subjectDigests, [AMD64.slice(7)]);
    assert.equal(p.finishedOn?.toISOString(), '2025-07-23T14:26:40.000Z');
  });

  it("reads GitHub's attest-build-provenance statement: workflow repository, ref and commit", () => {
    const p = parseProvenance(
      JSON.stringify(githubProvenanceStatement({ subjectName: 'x', subjectDigest: AMD64 })),
    );
    assert.equal(p.buildType, 'https://actions.github.io/buildtypes/workflow/v1');
    assert.equal(p.sourceRepository, 'rancher/fleet');
    assert.equal(p.sourceRef, FLEET.ref);
    assert.equal(p.sourceRevision, FLEET.commit);
  });

  it('reads SLSA v0.2 with BuildKit metadata under its own key', () => {
    const statement = {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject: [{ name: 'x', digest: { sha256: 'ab'.repeat(32) } }],
      predicate: {
        builder: { id: '' },
        buildType: 'https://mobyproject.org/buildkit@v1',
        metadata: {
          'https://mobyproject.org/buildkit@v1#metadata': {
            vcs: { source: 'git@github.com:rancher/fleet.git', revision: FLEET.commit },
          },
        },
      },
    };
    const p = parseProvenance(JSON.stringify(statement));
    assert.equal(p.builderId, '');
    assert.equal(p.sourceRepository, 'rancher/fleet');
    assert.equal(p.sourceRevision, FLEET.commit);
  });
});

describe('toRepositorySlug', () => {
  const cases: [string, string | undefined][] = [
    ['git+https://github.com/rancher/fleet@refs/tags/v0.13.0', 'rancher/fleet'],
    ['https://github.com/rancher/fleet.git', 'rancher/fleet'],
    ['git@github.com:Rancher/Fleet.git', 'rancher/fleet'],
    ['https://github.com/rancher/fleet', 'rancher/fleet'],
    ['not a url', undefined],
  ];
  for (const [uri, slug] of cases) it(`reads ${uri}`, () => assert.equal(toRepositorySlug(uri), slug));
});
