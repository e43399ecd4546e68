import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import {
  cosign,
  generateKeyPair,
  verifyBundleWithKey,
  verifyWithKey,
  type KeyPair,
} from '../harness/cosign.ts';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';
import {
  OCI_MANIFEST,
  pushMultiArchImage,
  pushSingleImage,
  type MultiArchImage,
  type PushedManifest,
} from '../harness/fixtures.ts';
import {
  registryFetch,
  startReferrersRegistry,
  startRegistry,
  type TestRegistry,
} from '../harness/registry.ts';
import { mapLimit } from '../../src/util/concurrency.ts';

const PASSWORD = 'economy';
/** The OCI empty descriptor's blob, `{}`: the config of every bundle referrer. */
const EMPTY_CONFIG = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

const keyInputs = (keys: KeyPair, images: string): Record<string, string> => ({
  images,
  key: keys.privateKeyPem,
  'key-password': PASSWORD,
  'tlog-upload': 'false',
  'allow-http-registry': 'true',
  provenance: 'off',
});

const count = (requests: readonly string[], line: string): number =>
  requests.filter((request) => request === line).length;

describe('registry requests the action makes, counted at a proxy in front of distribution 2.8', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let keys: KeyPair;
  let image: MultiArchImage;
  let requests: string[];
  let run: Awaited<ReturnType<typeof runAction>>;

  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(PASSWORD)]);
    proxy = await startFaultProxy(registry.url, {});
    image = await pushMultiArchImage(registry, 'acme/econ', 'v1');
    run = await runAction({
      inputs: {
        ...keyInputs(keys, `${proxy.host}/acme/econ@${image.index.digest}`),
        'signature-format': 'both',
      },
    });
    requests = [...proxy.requests];
  });
  after(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  const signed = (): string[] => [
    image.index.digest,
    image.platforms['linux/amd64'].digest,
    image.platforms['linux/arm64'].digest,
    ...image.attestations.map((attestation) => attestation.digest),
  ];

  it('signs the index, both platforms and their attestation manifests, and cosign v3 verifies both formats', async () => {
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.signed, '5');
    for (const digest of signed()) {
      const ref = `${registry.host}/acme/econ@${digest}`;
      const legacy = await verifyWithKey('cosign3', ref, keys.publicKeyPath);
      assert.equal(legacy.code, 0, legacy.stderr);
      const bundle = await verifyBundleWithKey('cosign3', ref, keys.publicKeyPath);
      assert.equal(bundle.code, 0, bundle.stderr);
    }
  });

  it('answers absent signature tags from a tag listing instead of asking for each', () => {
    // A listing serves while it is fresh (150 ms), so a slow machine may list again, and a list read that
    // went stale before its write is read again right before it: at most one read before each write.
    const listings = count(requests, 'GET /v2/acme/econ/tags/list?n=1000');
    assert.ok(listings >= 1 && listings <= 2, requests.join('\n'));
    for (const digest of signed()) {
      const tag = digest.replace(':', '-');
      for (const listTag of [`${tag}.sig`, tag]) {
        const onTag = requests.filter((request) => request.endsWith(`/acme/econ/manifests/${listTag}`));
        const written = onTag.indexOf(`PUT /v2/acme/econ/manifests/${listTag}`);
        assert.ok(written === 0 || written === 1, `${listTag}: ${onTag.join(', ')}`);
      }
    }
  });

  it('reads each .sig and fallback tag once after writing it (the check that repairs and read-back share the read)', () => {
    for (const digest of signed()) {
      const tag = digest.replace(':', '-');
      for (const listTag of [`${tag}.sig`, tag]) {
        const onTag = requests.filter((request) => request.endsWith(`/acme/econ/manifests/${listTag}`));
        const written = onTag.indexOf(`PUT /v2/acme/econ/manifests/${listTag}`);
        assert.equal(count(onTag, `PUT /v2/acme/econ/manifests/${listTag}`), 1, listTag);
        assert.deepEqual(onTag.slice(written + 1), [`GET /v2/acme/econ/manifests/${listTag}`], listTag);
      }
    }
  });

  it('uploads the shared empty config blob once, though five signers want it at the same moment', () => {
    const emptyConfigRequests = requests
      .map((request) => decodeURIComponent(request))
      .filter((request) => request.includes(EMPTY_CONFIG));
    const why = emptyConfigRequests.join('\n');
    assert.equal(count(emptyConfigRequests, `HEAD /v2/acme/econ/blobs/${EMPTY_CONFIG}`), 1, why);
    // distribution 2.8 completes an upload with the PUT that names the digest.
    assert.equal(emptyConfigRequests.filter((request) => request.startsWith('PUT ')).length, 1, why);
  });
});

describe('tag listing over several pages (go-containerregistry pages on n and last; distribution 2.8 lists all at once)', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let otherKeys: KeyPair;
  let image: PushedManifest;

  before(async () => {
    [registry, keys, otherKeys] = await Promise.all([
      startReferrersRegistry(),
      generateKeyPair(PASSWORD),
      generateKeyPair('other'),
    ]);
    image = await pushSingleImage(registry, 'acme/paged', 'v1');
    const manifest = Buffer.from(
      await (
        await registryFetch(registry, `/v2/acme/paged/manifests/${image.digest}`, {
          headers: { accept: OCI_MANIFEST },
        })
      ).arrayBuffer(),
    );
    // A thousand tags that sort before `sha256-…`, so the `.sig` tag is only on the second page.
    await mapLimit(
      Array.from({ length: 1000 }, (_, i) => `a${String(i).padStart(4, '0')}`),
      16,
      async (tag) => {
        const response = await registryFetch(registry, `/v2/acme/paged/manifests/${tag}`, {
          method: 'PUT',
          headers: { 'content-type': OCI_MANIFEST },
          body: manifest,
        });
        assert.equal(response.status, 201, await response.text());
      },
    );
  });
  after(() => registry?.stop());

  it('finds a signature tag on the second page and appends to it, keeping the signature already there', async () => {
    const ref = `${registry.host}/acme/paged@${image.digest}`;
    const byCosign = await cosign(
      'cosign2',
      [
        'sign',
        '--yes',
        '--key',
        otherKeys.publicKeyPath.replace('.pub', '.key'),
        '--tlog-upload=false',
        '--allow-http-registry',
        ref,
      ],
      { COSIGN_PASSWORD: 'other' },
    );
    assert.equal(byCosign.code, 0, byCosign.stderr);

    const run = await runAction({ inputs: { ...keyInputs(keys, ref), 'signature-format': 'legacy' } });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);

    for (const keyPair of [keys, otherKeys]) {
      const verified = await verifyWithKey('cosign3', ref, keyPair.publicKeyPath);
      assert.equal(verified.code, 0, verified.stderr);
    }
  });
});

describe('blob uploads on a registry that takes a blob in one POST (go-containerregistry, referrers API)', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let keys: KeyPair;
  let image: MultiArchImage;
  let run: Awaited<ReturnType<typeof runAction>>;

  before(async () => {
    [registry, keys] = await Promise.all([startReferrersRegistry(), generateKeyPair(PASSWORD)]);
    proxy = await startFaultProxy(registry.url, {});
    image = await pushMultiArchImage(registry, 'acme/mono', 'v1');
    run = await runAction({
      inputs: {
        ...keyInputs(keys, `${proxy.host}/acme/mono@${image.index.digest}`),
        'signature-format': 'both',
      },
    });
  });
  after(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('uploads every blob with a single POST, no PUT to an upload session, and cosign v3 verifies', async () => {
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const uploads = proxy.requests.filter((request) => request.includes('/blobs/uploads/'));
    assert.ok(uploads.length > 0);
    assert.deepEqual(
      uploads.filter((request) => !request.startsWith('POST ') || !request.includes('?digest=sha256:')),
      [],
    );
    const verified = await verifyBundleWithKey(
      'cosign3',
      `${registry.host}/acme/mono@${image.index.digest}`,
      keys.publicKeyPath,
    );
    assert.equal(verified.code, 0, verified.stderr);
  });
});

describe('blob uploads on a registry that refuses the blob in the POST', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let keys: KeyPair;
  let image: PushedManifest;

  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(PASSWORD)]);
    proxy = await startFaultProxy(registry.url, { refuseSinglePostUploads: true });
    image = await pushSingleImage(registry, 'acme/two-step', 'v1');
  });
  after(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('learns it from the first refusal and uploads every blob with POST then PUT; cosign v3 verifies', async () => {
    const run = await runAction({
      inputs: {
        ...keyInputs(keys, `${proxy.host}/acme/two-step@${image.digest}`),
        'signature-format': 'both',
      },
    });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const singlePosts = proxy.requests.filter((request) =>
      /^POST .*\/blobs\/uploads\/\?digest=/.test(request),
    );
    assert.ok(singlePosts.length >= 1 && singlePosts.length <= 3, singlePosts.join('\n'));
    const ref = `${registry.host}/acme/two-step@${image.digest}`;
    const legacy = await verifyWithKey('cosign3', ref, keys.publicKeyPath);
    assert.equal(legacy.code, 0, legacy.stderr);
    const bundle = await verifyBundleWithKey('cosign3', ref, keys.publicKeyPath);
    assert.equal(bundle.code, 0, bundle.stderr);
  });
});

describe('a signature list read before a slow log upload', () => {
  let registry: TestRegistry;
  let registryProxy: FaultProxy;
  let sigstore: SigstoreStandIn;
  let slowRekor: FaultProxy;
  let keys: KeyPair;
  let image: PushedManifest;
  let run: Awaited<ReturnType<typeof runAction>>;

  before(async () => {
    [registry, sigstore, keys] = await Promise.all([
      startRegistry(),
      startSigstoreStandIn(),
      generateKeyPair(PASSWORD),
    ]);
    registryProxy = await startFaultProxy(registry.url, {});
    slowRekor = await startFaultProxy(sigstore.url, { delayMs: 400 });
    image = await pushSingleImage(registry, 'acme/slow-log', 'v1');
    run = await runAction({
      inputs: {
        ...keyInputs(keys, `${registryProxy.host}/acme/slow-log@${image.digest}`),
        'tlog-upload': 'true',
        'rekor-url': `http://${slowRekor.host}`,
        'trusted-root': sigstore.trustedRootPath,
        'signature-format': 'both',
      },
    });
  });
  after(async () => {
    await registryProxy?.stop();
    await slowRekor?.stop();
    await registry?.stop();
    await sigstore?.stop();
  });

  it('is read again right before the write, so no concurrent writer has a long window to drop it', () => {
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const tag = image.digest.replace(':', '-');
    for (const listTag of [`${tag}.sig`, tag]) {
      const onTag = registryProxy.requests.filter((request) =>
        request.endsWith(`/acme/slow-log/manifests/${listTag}`),
      );
      // Read again after the log upload, written, then read by the end-of-run check. The read is made
      // once more when the uploads between it and the write outlast a fresh read (a loaded machine).
      const methods = onTag.map((request) => request.split(' ')[0]).join(' ');
      assert.match(methods, /^GET (GET )?PUT GET$/, listTag);
    }
  });
});

describe('referrers on registries that acknowledge the subject (OCI-Subject) and on those that do not', () => {
  let keys: KeyPair;
  before(async () => {
    keys = await generateKeyPair(PASSWORD);
  });

  for (const ociSubject of [true, false]) {
    it(`${ociSubject ? 'takes the OCI-Subject header as the registry’s word' : 'asks the referrers API whether the push was indexed'}; cosign v3 finds every bundle`, async () => {
      const registry = await startReferrersRegistry({ ociSubject });
      const proxy = await startFaultProxy(registry.url, {});
      try {
        const image = await pushMultiArchImage(registry, 'acme/subject', 'v1');
        const run = await runAction({
          inputs: {
            ...keyInputs(keys, `${proxy.host}/acme/subject@${image.index.digest}`),
            'signature-format': 'bundle',
          },
        });
        assert.equal(run.exitCode, 0, run.stdout + run.stderr);
        for (const digest of [
          image.index.digest,
          image.platforms['linux/amd64'].digest,
          image.platforms['linux/arm64'].digest,
        ]) {
          // Looked up before signing, asked whether the push was indexed (unless OCI-Subject said so), and
          // asked once more after the pause for duplicates of ours from concurrent runs; one more look
          // right before the push when signing took longer than a fresh read lasts (a loaded machine).
          const expected = ociSubject ? 2 : 3;
          const lookups = count(proxy.requests, `GET /v2/acme/subject/referrers/${digest}`);
          assert.ok(lookups === expected || lookups === expected + 1, `${digest}: ${lookups} lookups`);
          assert.equal(
            count(proxy.requests, `PUT /v2/acme/subject/manifests/${digest.replace(':', '-')}`),
            0,
          );
          const verified = await verifyBundleWithKey(
            'cosign3',
            `${registry.host}/acme/subject@${digest}`,
            keys.publicKeyPath,
          );
          assert.equal(verified.code, 0, verified.stderr);
        }
      } finally {
        await proxy.stop();
        await registry.stop();
      }
    });
  }
});
