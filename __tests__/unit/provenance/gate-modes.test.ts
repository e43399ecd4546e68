import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProvenanceSource, ProvenanceSourceName } from '../../../src/provenance/candidate.ts';
import { ProvenanceGate, type GateDecision } from '../../../src/provenance/gate.ts';
import { readProvenance } from '../../../src/provenance/provenance-inputs.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import { parseImageRef } from '../../../src/subjects/reference.ts';

const subject = parseImageRef(`ghcr.io/rancher/fleet@sha256:${'a'.repeat(64)}`, 'test');
const target: SignTarget = {
  image: subject,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 1,
  storage: { registry: subject.registry, repository: subject.repository },
};

/** The gate as configured by the action's `provenance` input, over `sources`. */
async function judgeIn(mode: string, ...sources: ProvenanceSource[]): Promise<GateDecision> {
  const config = await readProvenance({
    get: (name) =>
      ({
        provenance: mode,
        'provenance-sources': 'cosign,github',
        'provenance-source-repository': 'rancher/fleet',
      })[name] ?? '',
    env: () => undefined,
    mask: () => {},
  });
  return new ProvenanceGate(config, sources, { serverUrl: '', repository: '', runId: '' }).check(subject, [
    target,
  ]);
}

const answeringNothing = (name: ProvenanceSourceName): ProvenanceSource => ({ name, find: async () => [] });
const neverToBeAsked = (name: ProvenanceSourceName): ProvenanceSource => ({
  name,
  find: () => assert.fail(`provenance: off asked ${name}`),
});

describe('ProvenanceGate: the provenance mode', () => {
  it('off: signs without asking any source', async () => {
    assert.deepEqual(await judgeIn('off', neverToBeAsked('cosign'), neverToBeAsked('github')), {
      verdict: 'off',
      exceptions: [],
    });
  });

  it('if-present: no provenance in any source lets the image be signed (verdict none)', async () => {
    const decision = await judgeIn('if-present', answeringNothing('cosign'), answeringNothing('github'));
    assert.equal(decision.verdict, 'none');
  });

  it('required: no provenance in any source refuses, naming the sources asked', async () => {
    const decision = await judgeIn('required', answeringNothing('cosign'), answeringNothing('github'));
    assert.equal(decision.verdict, 'failed');
    assert.deepEqual(decision.verdict === 'failed' && decision.failure, {
      check: 'present',
      expected: 'provenance from cosign, github',
      found: 'none',
    });
  });
});
