import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { parseProvenancePolicy } from '../../../src/provenance/exceptions.ts';
import { MAX_POLICY_BYTES } from '../../../src/provenance/policy-file.ts';

describe('parseProvenancePolicy', () => {
  it('reads image mappings, skips with reasons and repository overrides, from YAML or JSON', async () => {
    const yaml = await parseProvenancePolicy(
      'images:\n  rancher/fleet-agent:\n    source-repository: rancher/fleet\n  rancher/legacy:\n    skip: built before provenance existed\nrepositories:\n  rancher/image-build-etcd:\n    workflows: [image-push.yml, release.yml]\n',
    );
    assert.deepEqual(yaml.images['rancher/fleet-agent'], { sourceRepository: 'rancher/fleet' });
    assert.deepEqual(yaml.images['rancher/legacy'], { skip: 'built before provenance existed' });
    assert.deepEqual(yaml.repositories['rancher/image-build-etcd'], {
      workflows: ['image-push.yml', 'release.yml'],
    });
    const json = await parseProvenancePolicy('{"images": {"a/b": {"source-repository": "c/d"}}}');
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
    it(`refuses ${name} with INPUT_INVALID naming provenance-policy`, async () => {
      await assert.rejects(
        parseProvenancePolicy(text),
        (err: unknown) =>
          err instanceof SignerError &&
          err.code === 'INPUT_INVALID' &&
          err.message.startsWith("Input 'provenance-policy'"),
      );
    });
  }
});

describe('parseProvenancePolicy: what it keeps', () => {
  it('reads nothing from blank text', async () => {
    assert.deepEqual(await parseProvenancePolicy(' \n'), { images: {}, repositories: {} });
  });

  it('keeps every repository override, keyed in lower case, and trims the strings it reads', async () => {
    const policy = await parseProvenancePolicy(
      [
        'images:',
        '  rancher/fleet-agent: {source-repository: "  rancher/fleet  ", skip: "  mirrored  "}',
        'repositories:',
        '  Rancher/Image-Build-Etcd:',
        '    identity-regex: "^https://github\\\\.com/rancher/image-build-etcd/"',
        '    builder-regex: "^https://github\\\\.com/rancher/"',
        '    workflows: [image-push.yml, release.yml]',
      ].join('\n'),
    );
    assert.deepEqual(policy, {
      images: { 'rancher/fleet-agent': { sourceRepository: 'rancher/fleet', skip: 'mirrored' } },
      repositories: {
        'rancher/image-build-etcd': {
          identityRegex: '^https://github\\.com/rancher/image-build-etcd/',
          builderRegex: '^https://github\\.com/rancher/',
          workflows: ['image-push.yml', 'release.yml'],
        },
      },
    });
  });

  it('reads a policy of exactly the size cap', async () => {
    const text = `images: {}\n#${'x'.repeat(MAX_POLICY_BYTES - 12)}`;
    assert.equal(text.length, MAX_POLICY_BYTES);
    assert.deepEqual((await parseProvenancePolicy(text)).images, {});
  });
});

describe('parseProvenancePolicy: a refusal names the place in the policy and what is wrong', () => {
  const refusals: [string, string, RegExp][] = [
    ['larger than the cap', `#${'x'.repeat(MAX_POLICY_BYTES)}`, /^it is larger than 262144 bytes$/],
    ['broken YAML', 'images: [\n  a', /^it is neither YAML nor JSON \([A-Z_]+ at line \d+\)$/],
    [
      'alias bombs',
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      /^it is neither YAML nor JSON \(unreadable\)$/,
    ],
    ['a list', '- a', /^it is not a mapping$/],
    [
      'another top-level key',
      'images: {}\nimagez: {}',
      /^it has a top-level key other than images and repositories$/,
    ],
    ['images as a list', 'images: [a]', /^images must be a mapping$/],
    [
      'an image entry that is no mapping',
      'images: {a/b: {skip: x}, c/d: x}',
      /^images, entry 2 must be a mapping$/,
    ],
    [
      'an unknown image key',
      'images: {a/b: {source-repo: c/d}}',
      /^images, entry 1 has a key other than source-repository and skip$/,
    ],
    ['a blank skip', 'images: {a/b: {skip: "  "}}', /^images, entry 1: skip must be a non-empty string$/],
    [
      'a numeric source repository',
      'images: {a/b: {source-repository: 7}}',
      /^images, entry 1: source-repository must be a non-empty string$/,
    ],
    [
      'a URL as source repository',
      'images: {a/b: {source-repository: "https://github.com/rancher/fleet"}}',
      /^images, entry 1: source-repository must be owner\/repo$/,
    ],
    [
      'a path below a repository',
      'images: {a/b: {source-repository: rancher/fleet/extra}}',
      /^images, entry 1: source-repository must be owner\/repo$/,
    ],
    ['repositories as a list', 'repositories: [a]', /^repositories must be a mapping$/],
    [
      'a repository entry that is no mapping',
      'repositories: {a/b: x}',
      /^repositories, entry 1 must be a mapping$/,
    ],
    [
      'an unknown repository key',
      'repositories: {a/b: {workflows: [release.yml]}, c/d: {identity: x}}',
      /^repositories, entry 2 has a key other than identity-regex, workflows and builder-regex$/,
    ],
    [
      'workflows as a string',
      'repositories: {a/b: {workflows: release.yml}}',
      /^repositories, entry 1: workflows must be a list of workflow file names$/,
    ],
    [
      'one workflow path among file names',
      'repositories: {a/b: {workflows: [release.yml, ../x.yml]}}',
      /^repositories, entry 1: workflows must be a list of workflow file names$/,
    ],
    [
      'a workflow that is no string',
      'repositories: {a/b: {workflows: [7]}}',
      /^repositories, entry 1: workflows must be a list of workflow file names$/,
    ],
    [
      'a broken identity regex',
      'repositories: {a/b: {identity-regex: "([a"}}',
      /^repositories, entry 1: identity-regex is not a valid regular expression$/,
    ],
    [
      'a broken builder regex',
      'repositories: {a/b: {builder-regex: "([a"}}',
      /^repositories, entry 1: builder-regex is not a valid regular expression$/,
    ],
    [
      'a blank identity regex',
      'repositories: {a/b: {identity-regex: ""}}',
      /^repositories, entry 1: identity-regex must be a non-empty string$/,
    ],
  ];
  for (const [what, text, why] of refusals) {
    it(what, async () => {
      await assert.rejects(parseProvenancePolicy(text), (err: unknown) => {
        assert.ok(err instanceof SignerError && err.code === 'INPUT_INVALID', String(err));
        const match = /^Input 'provenance-policy': (.*)\. Expected YAML or JSON like \{images: /.exec(
          err.message,
        );
        assert.ok(match?.[1] !== undefined, err.message);
        assert.match(match[1], why);
        return true;
      });
    });
  }
});
