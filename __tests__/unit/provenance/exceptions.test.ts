import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { parseProvenancePolicy } from '../../../src/provenance/exceptions.ts';

describe('parseProvenancePolicy', () => {
  it('reads image mappings, skips with reasons and repository overrides, from YAML or JSON', () => {
    const yaml = parseProvenancePolicy(
      'images:\n  rancher/fleet-agent:\n    source-repository: rancher/fleet\n  rancher/legacy:\n    skip: built before provenance existed\nrepositories:\n  rancher/image-build-etcd:\n    workflows: [image-push.yml, release.yml]\n',
    );
    assert.deepEqual(yaml.images['rancher/fleet-agent'], { sourceRepository: 'rancher/fleet' });
    assert.deepEqual(yaml.images['rancher/legacy'], { skip: 'built before provenance existed' });
    assert.deepEqual(yaml.repositories['rancher/image-build-etcd'], {
      workflows: ['image-push.yml', 'release.yml'],
    });
    const json = parseProvenancePolicy('{"images": {"a/b": {"source-repository": "c/d"}}}');
    assert.deepEqual(json.images['a/b'], { sourceRepository: 'c/d' });
  });

  const hostile: [string, string][] = [
    ['an unknown top-level key', 'imagez: {}'],
    ['an unknown image key', 'images: {a/b: {source-repo: c/d}}'],
    ['a skip without a reason', 'images: {a/b: {skip: ""}}'],
    ['a source repository that is not owner/repo', 'images: {a/b: {source-repository: "https://evil"}}'],
    ['a broken regular expression', 'repositories: {a/b: {identity-regex: "([a"}}'],
    ['a workflow path instead of a file name', 'repositories: {a/b: {workflows: ["../x.yml"]}}'],
    ['not a mapping', '- a\n- b'],
    ['a path that is a folder (found by fuzzing)', '.'],
    [
      'YAML alias bombs',
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ],
  ];
  for (const [name, text] of hostile) {
    it(`refuses ${name} with INPUT_INVALID naming provenance-policy`, () => {
      assert.throws(
        () => parseProvenancePolicy(text),
        (err: unknown) =>
          err instanceof SignerError &&
          err.code === 'INPUT_INVALID' &&
          err.message.startsWith("Input 'provenance-policy'"),
      );
    });
  }
});
