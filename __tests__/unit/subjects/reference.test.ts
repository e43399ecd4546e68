import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { parseImageRef, toDigestTag, toRepositoryName } from '../../../src/subjects/reference.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseImageRef', () => {
  describe('when the reference is pinned by digest', () => {
    const cases: [string, string, string, string | undefined][] = [
      [`ghcr.io/acme/app@${DIGEST}`, 'ghcr.io', 'acme/app', undefined],
      [`ghcr.io/acme/app:v1.2.3@${DIGEST}`, 'ghcr.io', 'acme/app', 'v1.2.3'],
      [`127.0.0.1:5000/team/app@${DIGEST}`, '127.0.0.1:5000', 'team/app', undefined],
      [`localhost/app@${DIGEST}`, 'localhost', 'app', undefined],
      [`alpine@${DIGEST}`, 'index.docker.io', 'library/alpine', undefined],
      [`rancher/fleet-agent:v0.10.4@${DIGEST}`, 'index.docker.io', 'rancher/fleet-agent', 'v0.10.4'],
      [`docker.io/alpine@${DIGEST}`, 'index.docker.io', 'library/alpine', undefined],
    ];
    for (const [text, registry, repository, tag] of cases) {
      it(`reads ${text}`, () => {
        const ref = parseImageRef(text, 'test');
        assert.equal(ref.registry, registry);
        assert.equal(ref.repository, repository);
        assert.equal(ref.digest, DIGEST);
        assert.equal(ref.tag, tag);
      });
    }
  });

  describe('when the reference is not safe to sign', () => {
    const cases: [string, RegExp][] = [
      ['ghcr.io/acme/app:v1', /has no digest.*tag can move/],
      ['ghcr.io/acme/app@sha256:1234', /malformed digest/],
      [`ghcr.io/acme/app@sha512:${'a'.repeat(128)}`, /malformed digest/],
      [`ghcr.io/Acme/App@${DIGEST}`, /invalid repository name/],
      [`ghcr.io/acme/app:bad/tag@${DIGEST}`, /invalid repository name|invalid tag/],
      [`ghcr.io/acme/app:${'t'.repeat(200)}@${DIGEST}`, /invalid tag/],
      // A YAML folded or plain scalar joins the lines of a list into one, separated by spaces.
      [
        `ghcr.io/acme/app@${DIGEST} ghcr.io/acme/other@${DIGEST}`,
        /holds 2 images on one line.*one image per line \(`images: \|`\)/,
      ],
    ];
    for (const [text, message] of cases) {
      it(`refuses ${text.slice(0, 60)} with SUBJECT_INVALID naming the input`, () => {
        assert.throws(
          () => parseImageRef(text, "Input 'images', line 2"),
          (err: unknown) =>
            err instanceof SignerError &&
            err.code === 'SUBJECT_INVALID' &&
            message.test(err.message) &&
            err.message.startsWith("Input 'images', line 2"),
        );
      });
    }
  });
});

describe('cosign names', () => {
  it('writes docker-reference as registry/repository and the digest tag with its suffix', () => {
    const ref = parseImageRef(`alpine:3@${DIGEST}`, 'test');
    assert.equal(toRepositoryName(ref), 'index.docker.io/library/alpine');
    assert.equal(toDigestTag(ref.digest, '.sig'), `sha256-${'ab'.repeat(32)}.sig`);
    assert.equal(toDigestTag(ref.digest, ''), `sha256-${'ab'.repeat(32)}`);
  });
});
