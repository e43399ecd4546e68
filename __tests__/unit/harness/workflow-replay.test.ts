import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replayInputs } from '../../harness/workflow-replay.ts';

const METADATA = '{"containerimage.digest":"sha256:…"}';

describe('replayInputs', () => {
  it("takes the release-signer step's inputs, expressions filled from the table", () => {
    const inputs = replayInputs('examples/after-build-push.yml', {
      'steps.build.outputs.metadata': METADATA,
    });
    assert.deepEqual(inputs, { 'build-metadata': METADATA });
  });

  it('follows a call of the reusable workflow, with its defaults and the ghcr.io-only token', () => {
    const inputs = replayInputs('examples/call-reusable-workflow.yml', {
      'needs.build.outputs.metadata': METADATA,
      'github.actor': 'octocat',
      'github.token': 'ghs_token',
    });
    assert.equal(inputs['build-metadata'], METADATA);
    assert.equal(inputs.provenance, 'required');
    assert.equal(inputs['trust-unsigned-buildkit'], 'false');
    assert.equal(inputs['tlog-upload'], 'true');
    assert.equal(inputs['registry-username'], 'octocat');
    assert.equal(inputs['registry-password'], 'ghs_token');
    assert.equal(inputs.key, '');
  });

  it('refuses an expression the table has no value for', () => {
    assert.throws(
      () => replayInputs('examples/after-build-push.yml', {}),
      /no value for \$\{\{ steps\.build\.outputs\.metadata \}\}/,
    );
  });
});
