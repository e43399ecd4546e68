import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProvenanceGate, sourceRepositoryFor, type GateDecision } from '../../../src/provenance/gate.ts';
import { readProvenance } from '../../../src/provenance/provenance-inputs.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import { parseImageRef, type ImageRef } from '../../../src/subjects/reference.ts';

const DIGEST = `sha256:${'b'.repeat(64)}`;

/** A policy with one exception of each kind, each for one image of the owner `rancher`. */
const POLICY = `
images:
  rancher/legacy-tool: { skip: "built before provenance existed" }
  rancher/fleet-agent: { source-repository: rancher/fleet }
  quay.io/rancher/mirrored: { skip: "mirrored from upstream" }
`;

const config = await readProvenance({
  get: (name) =>
    ({
      'provenance-sources': 'cosign',
      'provenance-source-repository': 'rancher/default',
      'provenance-policy': POLICY,
    })[name] ?? '',
  env: () => undefined,
  mask: () => {},
});

const image = (name: string): ImageRef => parseImageRef(`${name}@${DIGEST}`, 'test');

/** The gate over one source that finds nothing, so only an exception can let an image through. */
function judge(subject: ImageRef): Promise<GateDecision> {
  const target: SignTarget = {
    image: subject,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 1,
    storage: { registry: subject.registry, repository: subject.repository },
  };
  const nothingFound = { name: 'cosign' as const, find: () => Promise.resolve([]) };
  return new ProvenanceGate(config, [nothingFound], { serverUrl: '', repository: '', runId: '' }).check(
    subject,
    [target],
  );
}

describe('ProvenanceGate: an image exception covers that image only', () => {
  it('skips the gate for the image named, and reports the exception', async () => {
    const decision = await judge(image('ghcr.io/rancher/legacy-tool'));
    assert.equal(decision.verdict, 'skipped');
    assert.deepEqual(decision.exceptions, [
      'images["rancher/legacy-tool"].skip: built before provenance existed',
    ]);
  });

  const notCovered: [string, string][] = [
    ['a sibling under the same owner', 'ghcr.io/rancher/fleet'],
    ['a repository whose name starts with the one named', 'ghcr.io/rancher/legacy-tool-ng'],
    ['a repository nested below the one named', 'ghcr.io/rancher/legacy-tool/helper'],
    ['the same path under another owner', 'ghcr.io/suse/legacy-tool'],
    ['the same repository on another registry than the one named', 'ghcr.io/rancher/mirrored'],
  ];
  for (const [what, name] of notCovered) {
    it(`does not skip ${what} (${name}): it is refused without provenance`, async () => {
      const decision = await judge(image(name));
      assert.equal(decision.verdict, 'failed', JSON.stringify(decision));
      assert.deepEqual(decision.exceptions, []);
    });
  }

  it('applies a registry-qualified exception on that registry', async () => {
    assert.equal((await judge(image('quay.io/rancher/mirrored'))).verdict, 'skipped');
  });

  describe('source-repository mappings', () => {
    it('maps the image named to its source repository', () => {
      assert.equal(sourceRepositoryFor(config, image('ghcr.io/rancher/fleet-agent')), 'rancher/fleet');
    });

    it('leaves its siblings on the configured source repository', () => {
      for (const name of ['ghcr.io/rancher/fleet', 'ghcr.io/rancher/fleet-agent-ng', 'ghcr.io/rancher/x'])
        assert.equal(sourceRepositoryFor(config, image(name)), 'rancher/default', name);
    });
  });
});

describe('ProvenanceGate: the source repository an image must be built from', () => {
  const configWith = (sourceRepository: string, policy = '') =>
    readProvenance({
      get: (name) =>
        ({
          'provenance-sources': 'cosign',
          'provenance-source-repository': sourceRepository,
          'provenance-policy': policy,
        })[name] ?? '',
      env: () => undefined,
      mask: () => {},
    });

  describe("with 'from-image', the last two path components of the image's name (as slsactl derives them)", () => {
    const fromImage = configWith(
      'from-image',
      'images:\n  rancher/fleet-agent: { source-repository: rancher/fleet }\n',
    );
    const cases: [string, string][] = [
      ['stgregistry.suse.com/rancher/fleet', 'rancher/fleet'],
      ['rocker.local/bar/foo/bar', 'foo/bar'],
      ['docker.io/library/nginx', 'nginx'],
      ['stgregistry.suse.com/rancher/fleet-agent', 'rancher/fleet'],
    ];
    for (const [name, repository] of cases)
      it(`${name} → ${repository}`, async () =>
        assert.equal(sourceRepositoryFor(await fromImage, image(name)), repository));
  });

  it('prefers the registry-qualified exception over the one by repository path', async () => {
    const both = await configWith(
      'rancher/default',
      'images:\n  rancher/mirrored: { source-repository: rancher/by-path }\n  quay.io/rancher/mirrored: { source-repository: rancher/by-registry }\n',
    );
    assert.equal(sourceRepositoryFor(both, image('quay.io/rancher/mirrored')), 'rancher/by-registry');
    assert.equal(sourceRepositoryFor(both, image('ghcr.io/rancher/mirrored')), 'rancher/by-path');
  });

  it('reports the mapping it used for the image, and none for its sibling', async () => {
    const mapped = await judge(image('ghcr.io/rancher/fleet-agent'));
    assert.deepEqual(mapped.exceptions, ['images["rancher/fleet-agent"] → source repository rancher/fleet']);
    assert.deepEqual((await judge(image('ghcr.io/rancher/fleet'))).exceptions, []);
  });
});
