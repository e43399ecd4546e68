import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { pushMultiArchImage, type MultiArchImage } from '../harness/fixtures.ts';
import { sigLayerCount } from '../harness/inspect.ts';
import { pushMalformedAttestation, type MalformedAttestation } from '../harness/malformed-provenance.ts';
import { freePort } from '../harness/ports.ts';
import {
  FLEET,
  FLEET_CLAIMS,
  FLEET_RUN_ENV,
  SLSA_V1,
  attachBundleReferrer,
  attestKeyless,
  buildkitV1Statement,
  githubProvenanceStatement,
  startFakeGitHubApi,
  type FakeGitHubApi,
} from '../harness/provenance.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';

const PASSWORD = 'unreadable';
const OTHER_COMMIT = '0'.repeat(40);

interface SignatureEntry {
  status: string;
  error?: { code: string; message: string };
  provenance?: { verdict: string; sources?: string[]; check?: string; expected?: string; found?: string };
}

describe('provenance gate, when a source cannot be read', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreStandIn;
  let github: FakeGitHubApi;
  let keys: KeyPair;
  let counter = 0;

  before(async () => {
    [registry, sigstore, github, keys] = await Promise.all([
      startRegistry(),
      startSigstoreStandIn(),
      startFakeGitHubApi(),
      generateKeyPair(PASSWORD),
    ]);
  });
  after(async () => {
    await github?.stop();
    await sigstore?.stop();
    await registry?.stop();
  });

  const pushImage = (repository: string): Promise<MultiArchImage> =>
    pushMultiArchImage(registry, repository, FLEET.tag, `unreadable-${++counter}`, {
      provenance: (digest, platform) =>
        buildkitV1Statement(digest, platform, { imageName: `${registry.host}/${repository}` }),
    });

  const sign = (
    repository: string,
    image: MultiArchImage,
    inputs: Record<string, string>,
    apiUrl: string = github.url,
  ): Promise<ActionRun> =>
    runAction({
      inputs: {
        images: `${registry.host}/${repository}:${FLEET.tag}@${image.index.digest}`,
        key: keys.privateKeyPem,
        'key-password': PASSWORD,
        'tlog-upload': 'false',
        'signature-format': 'legacy',
        'allow-http-registry': 'true',
        'trusted-root': sigstore.trustedRootPath,
        ...inputs,
      },
      env: { ...FLEET_RUN_ENV, GITHUB_API_URL: apiUrl },
    });

  const entries = (run: ActionRun): SignatureEntry[] =>
    JSON.parse(run.outputs.signatures ?? '[]') as SignatureEntry[];

  /** actions/attest push-to-registry: a keyless bundle referrer on the index, of the Fleet release workflow. */
  const attachProvenance = async (
    repository: string,
    image: MultiArchImage,
    revision: string = FLEET.commit,
  ) => {
    const statement = githubProvenanceStatement({
      subjectName: `${registry.host}/${repository}`,
      subjectDigest: image.index.digest,
      claims: { ...FLEET_CLAIMS, sha: revision },
    });
    // Signed by the release workflow at the right commit: only what the statement says is wrong.
    const bundle = await attestKeyless(statement, sigstore, FLEET_CLAIMS);
    await attachBundleReferrer(registry, repository, image.index, bundle, SLSA_V1);
  };

  it('signs when a malformed .att anyone can push sits next to good provenance in another source', async () => {
    const repository = 'rancher/fleet-malformed-next-to-good';
    const image = await pushImage(repository);
    await pushMalformedAttestation(registry, repository, image.index, 'envelope-not-json');
    await attachProvenance(repository, image);
    const run = await sign(repository, image, { 'provenance-sources': 'cosign,referrers' });
    assert.equal(run.exitCode, 0, run.stdout);
    for (const entry of entries(run)) {
      assert.equal(entry.status, 'signed');
      assert.deepEqual(entry.provenance?.sources, ['referrers']);
    }
    assert.equal(await sigLayerCount(registry, repository, image.index.digest), 1);
  });

  it("names the failed 'revision' check first, and the unreachable attestations API second", async () => {
    const repository = 'rancher/fleet-api-down';
    const image = await pushImage(repository);
    await attachProvenance(repository, image, OTHER_COMMIT);
    const closed = `http://127.0.0.1:${await freePort()}`;
    const snapshot = snapshotRegistry(registry);
    const run = await sign(repository, image, { 'provenance-sources': 'github,referrers' }, closed);
    assert.equal(run.exitCode, 1, run.stdout);
    for (const entry of entries(run)) {
      assert.equal(entry.status, 'failed');
      assert.equal(entry.error?.code, 'PROVENANCE_REJECTED');
      assert.deepEqual(
        {
          check: entry.provenance?.check,
          expected: entry.provenance?.expected,
          found: entry.provenance?.found,
        },
        { check: 'revision', expected: FLEET.commit, found: OTHER_COMMIT },
      );
      const message = entry.error?.message ?? '';
      assert.match(
        message,
        new RegExp(`^Provenance check 'revision' failed .*expected ${FLEET.commit}, found ${OTHER_COMMIT}`),
      );
      const unreachable = message.indexOf('github provenance unreadable');
      assert.ok(unreachable > message.indexOf("'revision'"), message);
      assert.match(message.slice(unreachable), /127\.0\.0\.1|ECONNREFUSED|fetch failed/);
    }
    assert.deepEqual(snapshotRegistry(registry), snapshot);
  });

  const alone: MalformedAttestation[] = ['payload-not-a-statement', 'envelope-not-json'];
  for (const kind of alone) {
    it(`refuses an image whose only provenance is a malformed .att (${kind}), naming the unreadable source`, async () => {
      const repository = `rancher/fleet-malformed-${kind}`;
      const image = await pushImage(repository);
      await pushMalformedAttestation(registry, repository, image.index, kind);
      const snapshot = snapshotRegistry(registry);
      const run = await sign(repository, image, { 'provenance-sources': 'cosign,referrers,github' });
      assert.equal(run.exitCode, 1, run.stdout);
      for (const entry of entries(run)) {
        assert.equal(entry.status, 'failed');
        assert.equal(entry.provenance?.check, 'source-unreadable', JSON.stringify(entry.provenance));
        assert.deepEqual(entry.provenance?.sources, ['cosign']);
        assert.match(
          entry.error?.message ?? '',
          /^Provenance check 'source-unreadable' failed .*, cosign provenance: expected cosign provenance readable, found sha256-[a-f0-9]{64}\.att layer/,
        );
      }
      assert.deepEqual(snapshotRegistry(registry), snapshot);
    });
  }
});
