import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { pushMultiArchImage, type MultiArchImage } from '../harness/fixtures.ts';
import { mintToken, startRunnerTokenEndpoint, type RunnerTokenEndpoint } from '../harness/oidc.ts';
import {
  FLEET,
  FLEET_CLAIMS,
  FLEET_RUN_ENV,
  SLSA_V1,
  attachBundleReferrer,
  attestKeyless,
  githubProvenanceStatement,
} from '../harness/provenance.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';

const PULL_REQUEST = {
  number: 42,
  pull_request: {
    head: { repo: { full_name: 'rancher/fleet', fork: false } },
    base: { repo: { full_name: 'rancher/fleet' } },
  },
};
const FORK_PULL_REQUEST = {
  number: 43,
  pull_request: {
    head: { repo: { full_name: 'someone/fleet', fork: true } },
    base: { repo: { full_name: 'rancher/fleet' } },
  },
};

interface Entry {
  status: string;
  'dry-run': boolean;
  references: Record<string, string>;
  digest: string;
}

describe('dry run', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreStandIn;
  let runner: RunnerTokenEndpoint;
  let image: MultiArchImage;

  before(async () => {
    [registry, sigstore] = await Promise.all([startRegistry(), startSigstoreStandIn()]);
    runner = await startRunnerTokenEndpoint(() => mintToken(FLEET_CLAIMS));
    image = await pushMultiArchImage(registry, FLEET.repository, FLEET.tag, 'dry-run');
    const statement = githubProvenanceStatement({
      subjectName: `${registry.host}/${FLEET.repository}`,
      subjectDigest: image.index.digest,
    });
    await attachBundleReferrer(
      registry,
      FLEET.repository,
      image.index,
      await attestKeyless(statement, sigstore),
      SLSA_V1,
    );
  });
  after(async () => {
    await runner?.stop();
    await sigstore?.stop();
    await registry?.stop();
  });

  const run = (
    eventName: string,
    event: object,
    env: Record<string, string>,
    inputs: Record<string, string> = {},
  ): Promise<ActionRun> =>
    runAction({
      inputs: {
        images: `${registry.host}/${FLEET.repository}:${FLEET.tag}@${image.index.digest}`,
        'fulcio-url': sigstore.url,
        'rekor-url': sigstore.url,
        'trusted-root': sigstore.trustedRootPath,
        'allow-http-registry': 'true',
        'provenance-sources': 'referrers',
        ...inputs,
      },
      eventName,
      event,
      env: { ...FLEET_RUN_ENV, ...env },
    });

  const sigstoreRequests = (): number =>
    [...sigstore.requests.values()].reduce((sum, count) => sum + count, 0);

  let dry: ActionRun;
  describe('on a pull_request event, keyless, without an OIDC token', () => {
    let registryBefore: Map<string, string>;
    let sigstoreBefore: number;
    before(async () => {
      registryBefore = snapshotRegistry(registry);
      sigstoreBefore = sigstoreRequests();
      dry = await run('pull_request', PULL_REQUEST, {});
    });

    it('succeeds and reports every manifest as planned, marked dry-run', () => {
      assert.equal(dry.exitCode, 0, dry.stdout);
      assert.equal(dry.outputs['dry-run'], 'true');
      assert.equal(dry.outputs.planned, '5');
      assert.equal(dry.outputs.signed, '0');
      const entries = JSON.parse(dry.outputs.signatures ?? '[]') as Entry[];
      assert.ok(entries.every((entry) => entry.status === 'planned' && entry['dry-run']));
      assert.match(dry.summary, /dry run because of a pull_request event/i);
    });

    it('leaves the registry byte for byte as it was', () => {
      assert.deepEqual(snapshotRegistry(registry), registryBefore);
    });

    it('sends nothing to Fulcio, Rekor or the TSA, and asks the runner for no token', () => {
      assert.equal(sigstoreRequests(), sigstoreBefore);
      assert.equal(runner.requests.length, 0);
    });
  });

  describe('with the same inputs on a push event', () => {
    it('signs for real, at exactly the references the dry run predicted', async () => {
      const real = await run('push', {}, runner.env);
      assert.equal(real.exitCode, 0, real.stdout);
      assert.equal(real.outputs['dry-run'], 'false');
      const planned = (JSON.parse(dry.outputs.signatures ?? '[]') as Entry[]).map((e) => [
        e.digest,
        e.references,
      ]);
      const signed = (JSON.parse(real.outputs.signatures ?? '[]') as Entry[]).map((e) => [
        e.digest,
        e.references,
      ]);
      assert.deepEqual(signed, planned);
      assert.ok((sigstore.requests.get('POST /api/v2/signingCert') ?? 0) > 0);
    });
  });

  describe('safety on pull requests', () => {
    it("refuses a real run for a fork's pull request even with dry-run: false, and writes nothing", async () => {
      const before = snapshotRegistry(registry);
      const refused = await run('pull_request_target', FORK_PULL_REQUEST, runner.env, { 'dry-run': 'false' });
      assert.equal(refused.exitCode, 1);
      assert.match(
        refused.stdout,
        /::error::Input 'dry-run: false' on a pull_request_target event is refused: this is a pull_request_target event: it comes from a fork/,
      );
      assert.deepEqual(snapshotRegistry(registry), before);
    });

    it('dry-runs a fork that gets no key secret with signing: key, and a release run refuses the missing key by name', async () => {
      const keyInputs = { signing: 'key', key: '', 'tlog-upload': 'false' };
      const forked = await run('pull_request', FORK_PULL_REQUEST, {}, keyInputs);
      assert.equal(forked.exitCode, 0, forked.stdout);
      assert.equal(forked.outputs.planned, '5');
      const before = snapshotRegistry(registry);
      const release = await run('push', {}, {}, keyInputs);
      assert.equal(release.exitCode, 1);
      assert.match(release.stdout, /::error::Input 'key': no signing key was given\. Set 'key'/);
      assert.deepEqual(snapshotRegistry(registry), before);
    });

    it('dry-runs a fork with dry-run: auto', async () => {
      const forked = await run('pull_request', FORK_PULL_REQUEST, {});
      assert.equal(forked.exitCode, 0, forked.stdout);
      assert.match(forked.summary, /a pull_request event: it comes from a fork/);
    });
  });
});
