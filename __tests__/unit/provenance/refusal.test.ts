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
