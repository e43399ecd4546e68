import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetOutcome } from '../../../src/report/outcome.ts';
import { renderSummary } from '../../../src/report/summary.ts';
import type { Digest } from '../../../src/subjects/reference.ts';

const digest = (n: string): Digest => `sha256:${n.repeat(64)}`;
const subject = { registry: 'ghcr.io', repository: 'acme/app', digest: digest('a'), tag: 'v1' };
const target = {
  image: subject,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  size: 1,
  storage: subject,
};
const signed: TargetOutcome = {
  subject,
  target,
  status: 'signed',
  records: [
    {
      format: 'legacy',
      reference: 'ghcr.io/acme/app:sha256-aaa.sig',
      manifestDigest: digest('b'),
      added: true,
      verified: true,
      logIndex: '42',
    },
  ],
};
const failed: TargetOutcome = {
  subject: { ...subject, repository: 'acme/evil|name', digest: digest('c') },
  status: 'failed',
  records: [],
  error: { code: 'MANIFEST_NOT_FOUND', message: `ghcr.io/acme/evil@${digest('c')} was not found. <script>` },
};

describe('renderSummary', () => {
  const markdown = renderSummary([signed, failed], [{ name: 'ghcr.io/acme/dev:v1', reason: 'not pushed' }], {
    publicRekor: true,
    signer: { mode: 'dry-run' },
    transparency: 'tlog',
    mode: { dryRun: false, reason: 'release run', sendsCredentials: true, notes: [] },
  });

  it('lists failures first, with their reason, and counts every kind', () => {
    assert.match(markdown, /1 signed, 1 failed, 1 skipped\./);
    assert.ok(markdown.indexOf('❌ failed') < markdown.indexOf('✅ signed'));
    assert.match(markdown, /MANIFEST\\_NOT\\_FOUND/);
  });

  it('escapes what users and registries wrote, and shortens digests in messages', () => {
    assert.match(markdown, /acme\/evil\\\|name/);
    assert.match(markdown, /\\<script\\>/);
    assert.match(markdown, /sha256:cccccccccccc…/);
    assert.doesNotMatch(markdown, /evil@sha256:c{64}/, 'in messages; the digest column has it in full');
  });

  it('links log indexes to the public log search', () => {
    assert.match(markdown, /\[42\]\(https:\/\/search\.sigstore\.dev\/\?logIndex=42\)/);
  });

  it('says when it was a dry run and why', () => {
    const dry = renderSummary([{ ...signed, status: 'planned' }], [], {
      publicRekor: false,
      signer: { mode: 'dry-run' },
      transparency: 'tlog',
      mode: { dryRun: true, reason: 'a pull_request event', sendsCredentials: false, notes: [] },
    });
    assert.match(dry, /## release-signer \(dry run\)/);
    assert.match(dry, /Dry run because of a pull_request event: nothing was written/);
    assert.match(dry, /📝 would sign/);
  });
});

describe('renderSummary with hostile text', () => {
  const hostile = 'a|b\rc\nd<img src=x>`e`';
  const markdown = renderSummary(
    [
      { ...signed, target: { ...target, platform: hostile } },
      { ...failed, error: { code: 'SIGN_FAILED', message: hostile } },
    ],
    [{ name: hostile, reason: hostile }],
    {
      publicRekor: false,
      signer: { mode: 'dry-run' },
      transparency: 'tlog',
      mode: { dryRun: false, reason: 'release run', sendsCredentials: true, notes: [] },
    },
  );
  const rows = markdown.split(/\r\n|\r|\n/).filter((line) => line.startsWith('| '));

  it('keeps every row one line with its nine cells: no CR, LF or | from outside breaks the table', () => {
    assert.equal(rows.length, 5);
    for (const row of rows) assert.equal(row.replace(/\\\|/g, '').split('|').length, 11, row);
  });

  it('opens no HTML and no code span', () => {
    assert.doesNotMatch(markdown, /(^|[^\\])<img/);
    assert.doesNotMatch(markdown, /(^|[^\\])`e/);
  });
});

describe('renderSummary of an index the provenance gate refused', () => {
  const refusal = {
    code: 'PROVENANCE_REJECTED' as const,
    message: "Provenance check 'ref' failed for the index",
  };
  const decision = {
    verdict: 'failed' as const,
    failure: { check: 'ref', expected: 'refs/tags/v1', found: 'refs/heads/main' },
    digest: subject.digest,
    others: [],
    rejections: [],
    exceptions: [],
  };
  const platform = (name: string, byte: string): TargetOutcome => ({
    subject,
    target: { ...target, image: { ...subject, digest: digest(byte) }, platform: name, mediaType: 'manifest' },
    status: 'failed',
    records: [],
    error: { ...refusal, message: `Provenance check 'ref' failed for ${name}` },
    provenance: decision,
  });
  const markdown = renderSummary(
    [
      { subject, target, status: 'failed', records: [], error: refusal, provenance: decision },
      platform('linux/amd64', 'd'),
      platform('linux/arm64', 'e'),
    ],
    [],
    {
      publicRekor: false,
      signer: { mode: 'dry-run' },
      transparency: 'tlog',
      mode: { dryRun: false, reason: 'release run', sendsCredentials: true, notes: [] },
    },
  );

  it("tells the refusal once, on the index's row; each platform's row points to it", () => {
    assert.equal(markdown.split('Provenance check').length - 1, 1, markdown);
    assert.equal(markdown.split('refused with its index').length - 1, 2, markdown);
    assert.equal(markdown.split('failed: ref').length - 1, 3, 'each row keeps its verdict');
  });
});
