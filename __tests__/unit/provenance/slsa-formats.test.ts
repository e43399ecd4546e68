import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProvenance, toRepositorySlug } from '../../../src/provenance/slsa.ts';
import { FLEET } from '../../harness/provenance.ts';

// Each row is one statement as a builder writes it, and what the gate reads from it (absent fields left out).
const AMD64_HEX = '74aedf8b14d1b811ce9b4d69a243b5d440259392526b8778a9a0fca949cca9b6';
const V02 = 'https://slsa.dev/provenance/v0.2';
const V1 = 'https://slsa.dev/provenance/v1';
const SUBJECT = [
  { name: 'pkg:docker/stgregistry.suse.com/rancher/fleet@v0.13.0', digest: { sha256: AMD64_HEX } },
];
const GIT_URI = `git+https://github.com/${FLEET.repository}@${FLEET.ref}`;
const BUILDKIT_METADATA = 'https://mobyproject.org/buildkit@v1#metadata';

const statement = (predicateType: string, predicate: object, extra: object = {}) =>
  JSON.stringify({
    _type: 'https://in-toto.io/Statement/v1',
    subject: SUBJECT,
    predicateType,
    predicate,
    ...extra,
  });

/** What a caller reads, as plain JSON: dates as ISO text, absent fields left out. */
const read = (text: string): object => JSON.parse(JSON.stringify(parseProvenance(text))) as object;
const base = (predicateType: string) => ({
  statementType: 'https://in-toto.io/Statement/v1',
  predicateType,
  subjectDigests: [AMD64_HEX],
});

describe('parseProvenance: SLSA v0.2', () => {
  const rows: [string, object, object][] = [
    [
      'slsa-github-generator: configSource names repository, ref and commit',
      {
        builder: {
          id: 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.0.0',
        },
        buildType: 'https://github.com/slsa-framework/slsa-github-generator/container@v1',
        invocation: {
          configSource: {
            uri: GIT_URI,
            digest: { sha1: FLEET.commit },
            entryPoint: '.github/workflows/release.yml',
          },
        },
        metadata: { buildFinishedOn: '2025-07-23T14:26:40Z' },
      },
      {
        buildType: 'https://github.com/slsa-framework/slsa-github-generator/container@v1',
        builderId:
          'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.0.0',
        sourceRepository: FLEET.repository,
        sourceRevision: FLEET.commit,
        sourceRef: FLEET.ref,
        finishedOn: '2025-07-23T14:26:40.000Z',
      },
    ],
    [
      "BuildKit's VCS hints before configSource",
      {
        builder: { id: '' },
        buildType: 'https://mobyproject.org/buildkit@v1',
        invocation: {
          configSource: { uri: 'https://github.com/other/repo.git#main', digest: { sha1: '1'.repeat(40) } },
        },
        metadata: {
          [BUILDKIT_METADATA]: {
            vcs: { source: `https://github.com/${FLEET.repository}.git`, revision: FLEET.commit },
          },
        },
      },
      {
        buildType: 'https://mobyproject.org/buildkit@v1',
        builderId: '',
        sourceRepository: FLEET.repository,
        sourceRevision: FLEET.commit,
      },
    ],
    ['an empty predicate', {}, {}],
    [
      'fields of the wrong kinds',
      { builder: 'x', buildType: 7, invocation: [], metadata: { buildFinishedOn: 'yesterday' } },
      {},
    ],
  ];
  for (const [what, predicate, fields] of rows)
    it(what, () => assert.deepEqual(read(statement(V02, predicate)), { ...base(V02), ...fields }));
});

describe('parseProvenance: SLSA v1', () => {
  const rows: [string, object, object][] = [
    [
      "GitHub's attest-build-provenance: the workflow names repository and ref, the git dependency the commit",
      {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: {
            workflow: {
              ref: FLEET.ref,
              repository: `https://github.com/${FLEET.repository}`,
              path: '.github/workflows/release.yml',
            },
          },
          resolvedDependencies: [
            {
              uri: 'git+https://github.com/other/repo@refs/heads/dependency',
              digest: { gitCommit: FLEET.commit },
            },
          ],
        },
        runDetails: {
          builder: { id: 'https://github.com/rancher/fleet/.github/workflows/release.yml@refs/tags/v0.13.0' },
          metadata: { finishedOn: '2025-07-23T14:26:40Z' },
        },
      },
      {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        builderId: 'https://github.com/rancher/fleet/.github/workflows/release.yml@refs/tags/v0.13.0',
        sourceRepository: FLEET.repository,
        sourceRevision: FLEET.commit,
        sourceRef: FLEET.ref,
        finishedOn: '2025-07-23T14:26:40.000Z',
      },
    ],
    [
      'slsactl buildkit-gha/v1: the first git dependency, after image ones, names repository, ref and commit',
      {
        buildDefinition: {
          buildType: 'https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1',
          externalParameters: {},
          resolvedDependencies: [
            { uri: 'pkg:docker/registry.suse.com/bci/bci-micro@15.6', digest: { sha256: 'a'.repeat(64) } },
            { uri: GIT_URI, digest: { gitCommit: FLEET.commit } },
            {
              uri: 'git+https://github.com/other/repo@refs/heads/main',
              digest: { gitCommit: '2'.repeat(40) },
            },
          ],
        },
        runDetails: {
          builder: { id: 'https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1' },
        },
      },
      {
        buildType: 'https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1',
        builderId: 'https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1',
        sourceRepository: FLEET.repository,
        sourceRevision: FLEET.commit,
        sourceRef: FLEET.ref,
      },
    ],
    [
      "BuildKit's metadata VCS hints before its request args",
      {
        buildDefinition: {
          buildType: 'https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md',
          externalParameters: {
            configSource: { uri: 'https://github.com/config/source.git' },
            request: {
              args: { 'vcs:source': 'https://github.com/args/source.git', 'vcs:revision': '3'.repeat(40) },
            },
          },
        },
        runDetails: {
          builder: { id: '' },
          metadata: {
            buildkit_metadata: {
              vcs: { source: `https://github.com/${FLEET.repository}.git`, revision: FLEET.commit },
            },
          },
        },
      },
      {
        buildType: 'https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md',
        builderId: '',
        sourceRepository: FLEET.repository,
        sourceRevision: FLEET.commit,
      },
    ],
    [
      "BuildKit's request args before configSource (mode=min keeps no metadata)",
      {
        buildDefinition: {
          externalParameters: {
            configSource: { uri: 'https://github.com/config/source.git' },
            request: {
              args: {
                'vcs:source': `https://github.com/${FLEET.repository}.git`,
                'vcs:revision': FLEET.commit,
              },
            },
          },
        },
      },
      { sourceRepository: FLEET.repository, sourceRevision: FLEET.commit },
    ],
    [
      'configSource alone (a git context)',
      {
        buildDefinition: {
          externalParameters: {
            configSource: { uri: `https://github.com/${FLEET.repository}.git#${FLEET.tag}` },
          },
        },
      },
      { sourceRepository: FLEET.repository },
    ],
    [
      'a git dependency pinned by commit names no ref',
      {
        buildDefinition: {
          resolvedDependencies: [
            {
              uri: `git+https://github.com/${FLEET.repository}@${FLEET.commit}`,
              digest: { gitCommit: FLEET.commit },
            },
          ],
        },
      },
      { sourceRepository: FLEET.repository, sourceRevision: FLEET.commit },
    ],
    [
      'fields of the wrong kinds',
      {
        buildDefinition: { resolvedDependencies: 'git+x', externalParameters: [] },
        runDetails: { metadata: { finishedOn: 7 } },
      },
      {},
    ],
  ];
  for (const [what, predicate, fields] of rows)
    it(what, () => assert.deepEqual(read(statement(V1, predicate)), { ...base(V1), ...fields }));
});

describe('parseProvenance: the statement', () => {
  it('reads v0.1 statements, and keeps only subjects with a sha256 digest', () => {
    const text = JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: V02,
      subject: [{ name: 'a', digest: { sha512: 'ff' } }, 'b', { digest: { sha256: AMD64_HEX } }],
      predicate: {},
    });
    assert.deepEqual(read(text), { ...base(V02), statementType: 'https://in-toto.io/Statement/v0.1' });
  });

  it('reads nothing of the predicate of another kind (an SBOM)', () => {
    const sbom = statement('https://spdx.dev/Document', {
      buildDefinition: { buildType: 'x' },
      buildType: 'x',
    });
    assert.deepEqual(read(sbom), base('https://spdx.dev/Document'));
  });

  it('reads a JSON document that is no statement as an empty one', () => {
    assert.deepEqual(read('[1]'), { statementType: '', predicateType: '', subjectDigests: [] });
    assert.deepEqual(read(JSON.stringify({ _type: 7, predicateType: 7, subject: {} })), {
      statementType: '',
      predicateType: '',
      subjectDigests: [],
    });
  });

  it('throws on bytes that are no JSON', () => {
    assert.throws(() => parseProvenance(Buffer.from('{"_type": ')), SyntaxError);
  });
});

describe('toRepositorySlug: owner/repo from the URIs builders write', () => {
  const cases: [string | undefined, string | undefined][] = [
    ['git+https://github.com/rancher/fleet@refs/tags/v0.13.0', 'rancher/fleet'],
    ['git+https://github.com/rancher/fleet.git@refs/tags/v0.13.0', 'rancher/fleet'],
    ['http://github.com/rancher/fleet', 'rancher/fleet'],
    ['ssh://git@github.com/rancher/fleet.git', 'rancher/fleet'],
    ['git@github.com:rancher/fleet.git', 'rancher/fleet'],
    ['https://github.com/rancher/fleet.git#v0.13.0', 'rancher/fleet'],
    ['https://github.com/rancher/fleet?ref=main', 'rancher/fleet'],
    ['https://github.com/rancher/fleet.github.io', 'rancher/fleet.github.io'],
    ['https://github.com/rancher', undefined],
    ['https://github.com/rancher/fleet/tree/main', undefined],
    ['ftp://github.com/rancher/fleet', undefined],
    ['see https://github.com/rancher/fleet', undefined],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [uri, slug] of cases)
    it(`${uri ?? '(absent)'} → ${slug ?? '(none)'}`, () => assert.equal(toRepositorySlug(uri), slug));
});
