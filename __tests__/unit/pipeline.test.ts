import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signAll, type Services } from '../../src/pipeline.ts';
import type { GateDecision } from '../../src/provenance/gate.ts';
import type { SignTarget } from '../../src/subjects/sign-target.ts';
import type { Digest, ImageRef } from '../../src/subjects/reference.ts';

const digest = (byte: string): Digest => `sha256:${byte.repeat(64)}`;
const subject: ImageRef = { registry: 'ghcr.io', repository: 'acme/app', digest: digest('0') };
const storage = { registry: subject.registry, repository: subject.repository };
const index: SignTarget = { image: subject, mediaType: 'index', size: 1, storage };
const amd64: SignTarget = {
  image: { ...subject, digest: digest('a') },
  platform: 'linux/amd64',
  mediaType: 'manifest',
  size: 1,
  storage,
};
const arm64: SignTarget = { ...amd64, image: { ...subject, digest: digest('b') }, platform: 'linux/arm64' };

/** Both platforms refused, each for a reason of its own; the amd64 one is what the verdict names. */
const refusedPerPlatform: GateDecision = {
  verdict: 'failed',
  failure: { check: 'source-repository', expected: 'acme/app', found: 'amd64-builder/fork' },
  digest: amd64.image.digest,
  source: 'buildkit',
  others: [],
  rejections: [
    {
      failure: { check: 'source-repository', expected: 'acme/app', found: 'amd64-builder/fork' },
      digest: amd64.image.digest,
      source: 'buildkit',
    },
    {
      failure: { check: 'ref', expected: 'refs/tags/v1', found: 'refs/heads/arm64-branch' },
      digest: arm64.image.digest,
      source: 'buildkit',
    },
  ],
  exceptions: [],
};

const services = (decision: GateDecision): Services => ({
  resolver: {
    resolve: () => Promise.resolve([index, amd64, arm64]),
    resolveTag: () => Promise.reject(new Error('not used')),
  },
  gate: { check: () => Promise.resolve(decision) },
  writers: [],
});

describe('signAll', () => {
  describe('when the provenance gate refuses an index for reasons of each platform', () => {
    it("names each platform's own manifest and reason in its row, and the verdict's in the index's", async () => {
      const outcomes = await signAll([subject], services(refusedPerPlatform), { concurrency: 1 });
      const message = (target: SignTarget): string =>
        outcomes.find((outcome) => outcome.target === target)?.error?.message ?? '';
      assert.match(message(arm64), new RegExp(`manifest ${arm64.image.digest}`));
      assert.match(message(arm64), /refs\/heads\/arm64-branch/);
      assert.doesNotMatch(message(arm64), new RegExp(amd64.image.digest));
      assert.match(message(amd64), new RegExp(`manifest ${amd64.image.digest}.*amd64-builder/fork`));
      assert.match(message(index), new RegExp(`manifest ${amd64.image.digest}`));
      assert.match(
        message(index),
        /and its 2 platforms \(linux\/amd64, linux\/arm64\)/,
        'said once, for all',
      );
      const arm64Verdict = outcomes.find((outcome) => outcome.target === arm64)?.provenance;
      assert.equal(
        arm64Verdict?.verdict === 'failed' && arm64Verdict.failure.check,
        'ref',
        'the report says the same',
      );
      assert.deepEqual(
        outcomes.map((outcome) => outcome.error?.code),
        ['PROVENANCE_REJECTED', 'PROVENANCE_REJECTED', 'PROVENANCE_REJECTED'],
      );
    });
  });
});
