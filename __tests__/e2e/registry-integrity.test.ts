import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { generateKeyPair, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { pushSingleImage, OCI_MANIFEST } from '../harness/fixtures.ts';
import { startFront, type Front } from '../harness/front.ts';
import { tlsOf } from '../harness/hostile-front.ts';
import { craneTags, sigLayerCount } from '../harness/inspect.ts';
import { registryFetch, startRegistry, type TestRegistry } from '../harness/registry.ts';

const KEY_PASSWORD = 'integrity';
const USER = 'release-bot';
/** runProcess's exit code for a run it had to kill. */
const KILLED = 128;
const PASSWORD = 'integrity-registry-password';

interface Entry {
  status: string;
  error?: { code: string; message: string };
}
const entries = (run: ActionRun): Entry[] => JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
/** What a failed assertion on the exit code shows: the outcomes, not the whole log. */
const told = (run: ActionRun): string => run.outputs.signatures ?? run.stderr;

/** A front of ours on plain HTTP that answers what `intercept` answers and passes the rest on. */
type Intercept = (req: IncomingMessage, res: ServerResponse) => boolean;

describe('what a registry answers is checked, and failing registries fail the run', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let otherKeys: KeyPair;
  const fronts: Front[] = [];
  const front = async (intercept: Intercept): Promise<Front> => {
    const started = await startFront({ upstream: registry.url, intercept });
    fronts.push(started);
    return started;
  };
  const sign = (
    image: string,
    inputs: Record<string, string> = {},
    signer = keys,
    timeoutMs?: number,
  ): Promise<ActionRun> =>
    runAction({
      ...(timeoutMs ? { timeoutMs } : {}),
      inputs: {
        images: image,
        key: signer.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
        'signature-format': 'legacy',
        ...inputs,
      },
    });

  before(async () => {
    [registry, keys, otherKeys] = await Promise.all([
      startRegistry(),
      generateKeyPair(KEY_PASSWORD),
      generateKeyPair(KEY_PASSWORD),
    ]);
  });
  after(async () => {
    await Promise.all(fronts.map((started) => started.stop()));
    await registry?.stop();
  });

  describe('when a front serves another valid manifest for the digest asked', () => {
    it('refuses the image with REGISTRY_PROTOCOL and writes nothing', async () => {
      const asked = await pushSingleImage(registry, 'acme/swapped', 'v1', 'asked');
      const other = await pushSingleImage(registry, 'acme/swapped', 'v2', 'other');
      const otherBytes = Buffer.from(
        await (
          await registryFetch(registry, `/v2/acme/swapped/manifests/${other.digest}`, {
            headers: { accept: OCI_MANIFEST },
          })
        ).arrayBuffer(),
      );
      const swapping = await front((req, res) => {
        if (req.method !== 'GET' || req.url !== `/v2/acme/swapped/manifests/${asked.digest}`) return false;
        res.writeHead(200, { 'content-type': OCI_MANIFEST }).end(otherBytes);
        return true;
      });
      const run = await sign(`${swapping.host}/acme/swapped@${asked.digest}`);
      assert.equal(run.exitCode, 1, told(run));
      const [entry] = entries(run);
      assert.equal(entry?.error?.code, 'REGISTRY_PROTOCOL', JSON.stringify(entry));
      assert.ok(entry.error.message.includes(other.digest), entry.error.message);
      assert.deepEqual((await craneTags(registry, 'acme/swapped')).sort(), ['v1', 'v2']);
    });
  });

  describe('when a front serves other valid bytes for a signature blob read back', () => {
    it('reports READBACK_MISMATCH saying the blob does not match its digest', async () => {
      const image = await pushSingleImage(registry, 'acme/blob-swap', 'v1');
      const otherPayload = Buffer.from('{"critical":{},"optional":null}');
      const swapping = await front((req, res) => {
        if (req.method !== 'GET' || !/^\/v2\/acme\/blob-swap\/blobs\//.test(req.url ?? '')) return false;
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(otherPayload);
        return true;
      });
      const run = await sign(`${swapping.host}/acme/blob-swap@${image.digest}`);
      assert.equal(run.exitCode, 1, told(run));
      const [entry] = entries(run);
      assert.equal(entry?.error?.code, 'READBACK_MISMATCH', JSON.stringify(entry));
      assert.match(entry.error.message, /does not match its digest/);
    });
  });

  describe('when the .sig tag of an image cannot be read (503 beyond the retries)', () => {
    it('fails with REGISTRY_UNAVAILABLE and keeps the signature already there', async () => {
      const image = await pushSingleImage(registry, 'acme/sig-unreadable', 'v1');
      const first = await sign(`${registry.host}/acme/sig-unreadable@${image.digest}`);
      assert.equal(first.exitCode, 0, told(first));
      const sigTag = `${image.digest.replace(':', '-')}.sig`;
      const failing = await front((req, res) => {
        if (req.method !== 'GET' || !req.url?.endsWith(`/manifests/${sigTag}`)) return false;
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAVAILABLE"}]}');
        return true;
      });
      const run = await sign(
        `${failing.host}/acme/sig-unreadable@${image.digest}`,
        { 'retry-budget-seconds': '1' },
        otherKeys,
      );
      const kept = await verifyWithKey(
        'cosign3',
        `${registry.host}/acme/sig-unreadable@${image.digest}`,
        keys.publicKeyPath,
      );
      assert.equal(kept.code, 0, `the first signature is gone: ${kept.stderr}`);
      assert.equal(await sigLayerCount(registry, 'acme/sig-unreadable', image.digest), 1);
      assert.equal(run.exitCode, 1, told(run));
      assert.equal(entries(run)[0]?.error?.code, 'REGISTRY_UNAVAILABLE');
    });
  });

  describe("when the registry asks, with Retry-After, for more than 'retry-budget-seconds'", () => {
    it('fails at once naming the setting, without waiting or asking again', async () => {
      const image = await pushSingleImage(registry, 'acme/busy', 'v1');
      const asked: string[] = [];
      const busy = await front((req, res) => {
        if (!req.url?.startsWith('/v2/acme/busy/')) return false;
        asked.push(`${req.method} ${req.url}`);
        res
          .writeHead(503, { 'retry-after': '3600', 'content-type': 'application/json' })
          .end('{"errors":[{"code":"UNAVAILABLE","message":"maintenance"}]}');
        return true;
      });
      // Generous: a run that obeys the Retry-After is still waiting an hour later.
      const run = await sign(
        `${busy.host}/acme/busy@${image.digest}`,
        { 'retry-budget-seconds': '2' },
        keys,
        60_000,
      );
      assert.notEqual(run.exitCode, KILLED, 'still running after 60 s: it obeyed the Retry-After');
      assert.equal(run.exitCode, 1, told(run));
      const [entry] = entries(run);
      assert.equal(entry?.error?.code, 'REGISTRY_UNAVAILABLE', JSON.stringify(entry));
      assert.match(entry.error.message, /3600 s.*'retry-budget-seconds'/);
      assert.deepEqual(asked, [`GET /v2/acme/busy/manifests/${image.digest}`]);
    });
  });
});

describe('a retried request to a registry with basic auth', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let flaky: Front;
  const seen: { method: string; url: string; authorization?: string; answered?: number }[] = [];

  before(async () => {
    [registry, keys] = await Promise.all([
      startRegistry({ tlsAuth: { username: USER, password: PASSWORD } }),
      generateKeyPair(KEY_PASSWORD),
    ]);
    const tls = tlsOf(registry);
    let unavailableOnce = true;
    // The first authorised manifest read meets a 503, as a registry restarting behind its balancer.
    flaky = await startFront({
      upstream: registry.url,
      tls,
      upstreamCa: tls.cert,
      intercept(req, res) {
        const { authorization } = req.headers;
        const request = {
          method: req.method ?? '',
          url: req.url ?? '',
          ...(authorization ? { authorization } : {}),
        };
        const unavailable =
          unavailableOnce && req.method === 'GET' && authorization && req.url?.includes('/manifests/');
        seen.push(unavailable ? { ...request, answered: 503 } : request);
        if (!unavailable) return false;
        unavailableOnce = false;
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAVAILABLE"}]}');
        return true;
      },
    });
  });
  after(async () => {
    await flaky?.stop();
    await registry?.stop();
  });

  it('carries the Authorization again, and the image is signed', async () => {
    const image = await pushSingleImage(registry, 'acme/flaky', 'v1');
    const run = await runAction({
      inputs: {
        images: `${flaky.host}/acme/flaky@${image.digest}`,
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        provenance: 'off',
        'signature-format': 'legacy',
        registry: flaky.host,
        'registry-username': USER,
        'registry-password': PASSWORD,
        'retry-budget-seconds': '30',
      },
      env: { NODE_EXTRA_CA_CERTS: registry.caFile ?? '' },
    });
    assert.equal(run.exitCode, 0, told(run));
    const failed = seen.findIndex((request) => request.answered === 503);
    assert.ok(failed >= 0, 'the front answered 503 once');
    const retry = seen.slice(failed + 1).find((request) => request.url === seen[failed]?.url);
    assert.equal(retry?.authorization, seen[failed]?.authorization);
  });
});
