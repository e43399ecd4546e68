import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRefusal, fixFor } from '../../../src/provenance/refusal.ts';

const refusal = (check: string, others: string[] = []) =>
  describeRefusal('ghcr.io/acme/app@sha256:…', {
    verdict: 'failed',
    failure: { check, expected: 'e', found: 'f' },
    digest: 'sha256:…',
    source: 'referrers',
    others,
    rejections: [],
    exceptions: [],
  });

describe('describeRefusal', () => {
  const inputs: [string, RegExp][] = [
    ['signer-identity', /'provenance-workflows'/],
    ['trigger', /'provenance-triggers'/],
    ['runner-environment', /'provenance-runner-environments'/],
    ['signed', /actions\/attest-build-provenance.*'trust-unsigned-buildkit: true'/],
    ['present', /actions\/attest-build-provenance.*push-to-registry: true/],
    ['source-repository', /'provenance-source-repository'.*'provenance-policy'/],
    ['ref', /'provenance-ref'/],
    ['source-unreadable', /'provenance-sources'/],
  ];
  for (const [check, input] of inputs) {
    it(`ends a '${check}' refusal with the input that changes the outcome`, () => {
      const message = refusal(check);
      assert.match(message, input);
      assert.match(
        message,
        /Not signed\. .*'provenance: off', or a skip with a reason for this image in 'provenance-policy'\.$/,
      );
    });
  }

  it('names the check, expected and found, then the others, before the fix', () => {
    assert.match(
      refusal('trigger', ["github provenance, 'signed': x"]),
      /^Provenance check 'trigger' failed for ghcr\.io\/acme\/app@sha256:…, referrers provenance: expected e, found f\. Also: github provenance, 'signed': x\. Not signed\. To accept/,
    );
  });

  it('still names the escape hatches for a check it has no specific fix for', () => {
    assert.match(fixFor('something-new'), /^To sign without it: 'provenance: off'/);
  });
});

describe('fixFor: the input that changes the outcome of each check', () => {
  const fixes: [string, RegExp][] = [
    ['signature', /'trusted-root'.*'provenance-key'/],
    ['issuer', /^Set 'provenance-issuer'/],
    [
      'certificate-source-repository',
      /^Set 'provenance-source-repository', or map the image in 'provenance-policy'/,
    ],
    ['certificate-ref', /^Set 'provenance-ref'.*GITHUB_REF\)/],
    ['certificate-revision', /^Set 'provenance-revision'.*GITHUB_SHA\)/],
    ['revision', /^Set 'provenance-revision'.*GITHUB_SHA\)/],
    ['predicate-type', /'provenance-predicate-types'/],
    ['build-type', /'provenance-build-types'/],
    ['builder', /'provenance-builder-id' or 'provenance-builder-id-regex'/],
    ['subject', /^The provenance is about another digest: attest the digest that was pushed/],
    ['freshness', /^Raise 'provenance-max-age-hours', or build again/],
    [
      'signer-identity',
      /map it in 'provenance-policy' \(images: \{<image>: \{source-repository: owner\/repo\}\}\)/,
    ],
  ];
  for (const [check, fix] of fixes) {
    it(`'${check}': ${fix.source}`, () => {
      const text = fixFor(check);
      assert.match(text, fix);
      assert.match(
        text,
        /\. To sign without it: 'provenance: off', or a skip with a reason for this image in 'provenance-policy'\.$/,
      );
    });
  }
});

describe('describeRefusal: the message', () => {
  it('leaves out the source and the others when there are none', () => {
    const message = describeRefusal('ghcr.io/acme/app@sha256:…', {
      verdict: 'failed',
      failure: { check: 'present', expected: 'provenance from cosign', found: 'none' },
      digest: 'sha256:…',
      others: [],
      rejections: [],
      exceptions: [],
    });
    assert.match(
      message,
      /^Provenance check 'present' failed for ghcr\.io\/acme\/app@sha256:…: expected provenance from cosign, found none\. Not signed\. Produce it/,
    );
  });

  it('escapes what the provenance said, so it cannot write workflow commands', () => {
    const message = describeRefusal('ghcr.io/acme/app@sha256:…', {
      verdict: 'failed',
      failure: { check: 'builder', expected: 'https://builder/\n::error::x', found: 'evil\n::add-mask::y' },
      digest: 'sha256:…',
      source: 'referrers',
      others: ["cosign provenance, 'signed': x\n::warning::z"],
      rejections: [],
      exceptions: [],
    });
    assert.ok(!message.includes('\n'), message);
    assert.match(
      message,
      /expected https:\/\/builder\/\\n.*found evil\\n.*Also: cosign provenance, 'signed': x\\n/,
    );
  });
});
