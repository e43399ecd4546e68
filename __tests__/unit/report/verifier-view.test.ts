import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetOutcome } from '../../../src/report/outcome.ts';
import { toReportEntries, toStepOutputs, toStoppedRunOutputs } from '../../../src/report/outputs.ts';
import { renderSummary, type SummaryOptions } from '../../../src/report/summary.ts';
import type { Digest } from '../../../src/subjects/reference.ts';

const digest = (n: string): Digest => `sha256:${n.repeat(64)}`;
const RELEASE = { dryRun: false, reason: 'release run', sendsCredentials: true, notes: [] };
const DRY = { dryRun: true, reason: 'a pull_request event', sendsCredentials: false, notes: [] };
const subject = { registry: 'ghcr.io', repository: 'acme/app', digest: digest('a'), tag: 'v1' };
const single: TargetOutcome = {
  subject,
  target: {
    image: subject,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 1,
    storage: subject,
  },
  status: 'signed',
  records: [
    {
      format: 'bundle',
      reference: `ghcr.io/acme/app@${digest('a')}`,
      manifestDigest: digest('b'),
      added: true,
      verified: true,
      logIndex: '7',
    },
    {
      format: 'legacy',
      reference: 'ghcr.io/acme/app:sha256-aaa.sig',
      manifestDigest: digest('c'),
      added: true,
      verified: true,
      logIndex: '8',
    },
  ],
};
const KEY = {
  mode: 'key',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n',
} as const;
const KEYLESS = {
  mode: 'keyless',
  certificateIdentity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1',
  certificateIssuer: 'https://token.actions.githubusercontent.com',
} as const;
const options = (extra: Partial<SummaryOptions> = {}): SummaryOptions => ({
  publicRekor: false,
  mode: RELEASE,
  signer: KEY,
  transparency: 'tlog',
  ...extra,
});

describe('the summary, for verifiers', () => {
  it('leads with the public key and one verify command, for the first image signed, digest in full', () => {
    const markdown = renderSummary([single], [], options());
    assert.match(markdown, /-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----/);
    assert.match(markdown, new RegExp(`cosign verify --key cosign.pub ghcr.io/acme/app@${digest('a')}\n`));
    assert.ok(markdown.indexOf('cosign verify') < markdown.indexOf('| status |'), 'before the table');
  });

  it('names the keyless identity and issuer, in the command too', () => {
    const markdown = renderSummary([single], [], options({ signer: KEYLESS }));
    assert.match(
      markdown,
      /cosign verify --certificate-identity 'https:\/\/github.com\/acme\/app\/\.github\/workflows\/release\.yml@refs\/tags\/v1' --certificate-oidc-issuer 'https:\/\/token\.actions\.githubusercontent\.com' ghcr\.io/,
    );
  });

  it('says how to verify without a log entry: the key alone, or the TSA timestamp', () => {
    assert.match(
      renderSummary([single], [], options({ transparency: 'none' })),
      /--insecure-ignore-tlog=true/,
    );
    assert.match(
      renderSummary([single], [], options({ signer: KEYLESS, transparency: 'tsa' })),
      /--use-signed-timestamps --insecure-ignore-tlog=true/,
    );
  });

  it('shows full digests, copyable, and calls a single-platform image what it is', () => {
    const markdown = renderSummary([single], [], options());
    assert.match(markdown, new RegExp(`\\| \`${digest('a')}\` \\|`));
    assert.doesNotMatch(markdown, /index\/image/);
    assert.match(markdown, /\| single-platform \|/);
  });

  it('labels log indexes by format', () => {
    assert.match(renderSummary([single], [], options()), /bundle: 7, legacy: 8/);
  });

  it('never says a dry run read anything back', () => {
    const markdown = renderSummary([{ ...single, status: 'planned' }], [], options({ mode: DRY }));
    assert.doesNotMatch(markdown, /read back/);
  });
});

describe('the signatures output, for verifiers', () => {
  const [entry] = toReportEntries([single], [], RELEASE);

  it('labels references and log indexes by format', () => {
    assert.deepEqual(entry && 'references' in entry ? entry.references : undefined, {
      bundle: `ghcr.io/acme/app@${digest('a')}`,
      legacy: 'ghcr.io/acme/app:sha256-aaa.sig',
    });
    assert.deepEqual(entry && 'log-indexes' in entry ? entry['log-indexes'] : undefined, {
      bundle: '7',
      legacy: '8',
    });
  });

  it('never calls a planned entry verified', () => {
    const [planned] = toReportEntries([{ ...single, status: 'planned' }], [], DRY);
    assert.equal(planned && 'verified' in planned ? planned.verified : undefined, false);
  });

  it('are written, empty, when the run stopped before signing', () => {
    const outputs = toStoppedRunOutputs();
    assert.equal(outputs.signatures, '[]');
    for (const count of ['signed', 'planned', 'skipped', 'failed']) assert.equal(outputs[count], '0');
    assert.equal(outputs.truncated, 'false');
  });

  it('keep their shape in a release run', () => {
    const outputs = toStepOutputs(toReportEntries([single], [], RELEASE), [single], KEY, [], RELEASE, '/r');
    assert.equal(outputs.signed, '1');
  });
});
