import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetOutcome } from '../../../src/report/outcome.ts';
import { toSignatureOutputs } from '../../../src/report/outputs.ts';
import { renderSummary } from '../../../src/report/summary.ts';
import type { SignTarget } from '../../../src/subjects/sign-target.ts';
import type { Digest } from '../../../src/subjects/reference.ts';

const digest = (n: string): Digest => `sha256:${n.repeat(64)}`;
const subject = { registry: 'ghcr.io', repository: 'acme/app', digest: digest('a') };
const storage = { registry: subject.registry, repository: subject.repository };
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

const outcomeOf = (target: SignTarget): TargetOutcome => ({
  subject,
  target,
  status: 'signed',
  records: [{ format: 'legacy', reference: 'r', manifestDigest: digest('f'), added: true, verified: true }],
});
const outcomes = [
  outcomeOf({ image: subject, mediaType: 'application/vnd.oci.image.index.v1+json', size: 1, storage }),
  outcomeOf({
    image: { ...subject, digest: digest('b') },
    platform: 'linux/amd64',
    mediaType: MANIFEST,
    size: 1,
    storage,
  }),
  outcomeOf({
    image: { ...subject, digest: digest('c') },
    attestation: { describes: digest('b') },
    mediaType: MANIFEST,
    size: 1,
    storage,
  }),
  outcomeOf({
    image: { ...subject, digest: digest('d') },
    attestation: {},
    mediaType: MANIFEST,
    size: 1,
    storage,
  }),
];
const mode = { dryRun: false, reason: 'release run', sendsCredentials: true, notes: [] };

describe('a BuildKit attestation manifest in the report', () => {
  it('has no platform in the outputs, is marked as one and names the manifest it attests', () => {
    const entries = toSignatureOutputs(outcomes, mode);
    const attested = entries.find((entry) => entry.digest === digest('c'));
    assert.equal(attested?.platform, undefined);
    assert.equal(attested?.['attestation-manifest'], true);
    assert.equal(attested?.attests, digest('b'));
    const bare = entries.find((entry) => entry.digest === digest('d'));
    assert.equal(bare?.['attestation-manifest'], true);
    assert.equal('attests' in (bare ?? {}), false);
    assert.equal(
      'attestation-manifest' in (entries[1] ?? {}),
      false,
      'a platform is no attestation manifest',
    );
  });

  it('is told apart from the platforms in the summary, by the platform it is about', () => {
    const markdown = renderSummary(outcomes, [], {
      publicRekor: false,
      signer: { mode: 'dry-run' },
      transparency: 'none',
      mode,
    });
    assert.match(markdown, /\| attestation manifest for linux\/amd64 \| `sha256:c{64}` \|/);
    assert.match(markdown, /\| attestation manifest \| `sha256:d{64}` \|/);
    assert.match(markdown, /\| linux\/amd64 \| `sha256:b{64}` \|/);
  });
});
