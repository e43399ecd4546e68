import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import {
  COSIGN_VERSIONS,
  cosign,
  generateKeyPair,
  verifiedTypes,
  type CosignVersion,
  type KeyPair,
} from '../harness/cosign.ts';
import {
  pushMultiArchImage,
  pushSingleImage,
  type MultiArchImage,
  type PushedManifest,
} from '../harness/fixtures.ts';
import { readManifest, referrerDigests, sigLayerCount } from '../harness/inspect.ts';
import { startReferrersRegistry, startRegistry, type TestRegistry } from '../harness/registry.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';

const PASSWORD = 'tlog-password';

/** cosign verify with the log checked (no --insecure-ignore-tlog), against the stand-in's trust material. */
function verifyWithLog(
  version: CosignVersion,
  format: 'legacy' | 'bundle',
  ref: string,
  keys: KeyPair,
  sigstore: SigstoreStandIn,
) {
  const args = ['verify', '--key', keys.publicKeyPath, '--allow-http-registry=true', '--output', 'json'];
  if (format === 'bundle') args.push('--new-bundle-format', '--trusted-root', sigstore.trustedRootPath);
  else if (version === 'cosign3') args.push('--new-bundle-format=false', '--offline');
  else args.push('--offline');
  return cosign(version, [...args, ref], sigstore.cosignEnv());
}

for (const start of [startRegistry, startReferrersRegistry]) {
  describe(`key signing with the transparency log on ${start === startRegistry ? 'distribution 2.8' : 'the referrers API registry'}`, () => {
    let registry: TestRegistry;
    let sigstore: SigstoreStandIn;
    let keys: KeyPair;
    const images = new Map<string, MultiArchImage>();
    const singles = new Map<string, PushedManifest>();
    const runs = new Map<string, ActionRun>();
    const ref = (repository: string, digest: string): string => `${registry.host}/${repository}@${digest}`;

    before(async () => {
      [registry, sigstore, keys] = await Promise.all([
        start(),
        startSigstoreStandIn(),
        generateKeyPair(PASSWORD),
      ]);
      for (const format of ['legacy', 'bundle']) {
        const image = await pushMultiArchImage(registry, `acme/${format}`, 'v1', `tlog-${format}`);
        const single = await pushSingleImage(registry, `acme/${format}`, 'single', `tlog-single-${format}`);
        images.set(format, image);
        singles.set(format, single);
        runs.set(
          format,
          await runAction({
            inputs: {
              images: `${ref(`acme/${format}`, image.index.digest)}\n${ref(`acme/${format}`, single.digest)}`,
              key: keys.privateKeyPem,
              'key-password': PASSWORD,
              'rekor-url': sigstore.url,
              'trusted-root': sigstore.trustedRootPath,
              'allow-http-registry': 'true',
              provenance: 'off',
              'signature-format': format,
            },
          }),
        );
      }
    });
    after(async () => {
      await registry?.stop();
      await sigstore?.stop();
    });

    it('uploads one Rekor entry per signature and verifies each, log entry included, after writing', () => {
      for (const run of runs.values()) {
        assert.equal(run.exitCode, 0, run.stdout);
        const outputs = JSON.parse(run.outputs.signatures ?? '[]') as { verified: boolean }[];
        // A single image, and an index with two platforms and their two attestation manifests.
        assert.deepEqual(
          outputs.map((o) => o.verified),
          Array<boolean>(6).fill(true),
        );
      }
      assert.equal(sigstore.requests.get('POST /api/v1/log/entries'), 12);
    });

    it('writes the Rekor bundle annotation on each legacy layer', async () => {
      const image = images.get('legacy') as MultiArchImage;
      const sig = await readManifest(registry, 'acme/legacy', `${image.index.digest.replace(':', '-')}.sig`);
      const annotation = JSON.parse(sig?.layers[0]?.annotations?.['dev.sigstore.cosign/bundle'] ?? '{}') as {
        Payload?: { logIndex?: number };
      };
      assert.equal(typeof annotation.Payload?.logIndex, 'number');
    });

    for (const format of ['legacy', 'bundle'] as const) {
      for (const version of COSIGN_VERSIONS) {
        it(`${format}: ${version} verifies each manifest with the log checked`, async () => {
          const image = images.get(format) as MultiArchImage;
          const single = singles.get(format) as PushedManifest;
          for (const digest of [
            single.digest,
            image.index.digest,
            ...Object.values(image.platforms).map((m) => m.digest),
          ]) {
            const result = await verifyWithLog(
              version,
              format,
              ref(`acme/${format}`, digest),
              keys,
              sigstore,
            );
            assert.equal(result.code, 0, `${digest}: ${result.stderr}`);
            assert.equal(verifiedTypes(result).length, 1);
          }
        });
      }
    }

    it('is rejected when checked against another log and root', async () => {
      const other = await startSigstoreStandIn();
      try {
        for (const format of ['legacy', 'bundle'] as const) {
          const image = images.get(format) as MultiArchImage;
          for (const version of COSIGN_VERSIONS) {
            const result = await verifyWithLog(
              version,
              format,
              ref(`acme/${format}`, image.index.digest),
              keys,
              other,
            );
            assert.notEqual(result.code, 0, `${format} ${version} accepted a foreign log`);
          }
        }
      } finally {
        await other.stop();
      }
    });

    describe('when the action runs again', () => {
      it('neither signs again nor uploads to Rekor again', async () => {
        const entriesBefore = sigstore.requests.get('POST /api/v1/log/entries');
        for (const format of ['legacy', 'bundle'] as const) {
          const image = images.get(format) as MultiArchImage;
          const again = await runAction({
            inputs: {
              images: ref(`acme/${format}`, image.index.digest),
              key: keys.privateKeyPem,
              'key-password': PASSWORD,
              'rekor-url': sigstore.url,
              'trusted-root': sigstore.trustedRootPath,
              'allow-http-registry': 'true',
              provenance: 'off',
              'signature-format': format,
            },
          });
          assert.equal(again.exitCode, 0, again.stdout);
          // Visible as a re-run, and its bundles still there for the release upload that follows.
          const statuses = (JSON.parse(again.outputs.signatures ?? '[]') as { status: string }[]).map(
            (entry) => entry.status,
          );
          assert.deepEqual(statuses, Array<string>(5).fill('already-signed'));
          assert.match(again.stdout, /already signed .*, nothing written/);
          assert.equal(again.outputs.signed, '5');
          const paths = (again.outputs['bundle-paths'] ?? '').split('\n').filter(Boolean);
          assert.equal(paths.length, 5, again.outputs['bundle-paths']);
          for (const path of paths) {
            const bundle = JSON.parse(readFileSync(path, 'utf8')) as {
              verificationMaterial?: { tlogEntries?: unknown[] };
            };
            assert.equal(bundle.verificationMaterial?.tlogEntries?.length, 1, path);
          }
          for (const digest of [image.index.digest, ...Object.values(image.platforms).map((m) => m.digest)]) {
            if (format === 'legacy') assert.equal(await sigLayerCount(registry, 'acme/legacy', digest), 1);
            else assert.equal((await referrerDigests(registry, 'acme/bundle', digest)).length, 1);
          }
        }
        assert.equal(sigstore.requests.get('POST /api/v1/log/entries'), entriesBefore);
      });
    });
  });
}

describe('tlog-upload: false', () => {
  it('makes no request to Rekor at all', async () => {
    const [registry, sigstore, keys] = await Promise.all([
      startRegistry(),
      startSigstoreStandIn(),
      generateKeyPair(PASSWORD),
    ]);
    try {
      const image = await pushMultiArchImage(registry, 'acme/app', 'v1');
      const run = await runAction({
        inputs: {
          images: `${registry.host}/acme/app@${image.index.digest}`,
          key: keys.privateKeyPem,
          'key-password': PASSWORD,
          'tlog-upload': 'false',
          'rekor-url': sigstore.url,
          'allow-http-registry': 'true',
          provenance: 'off',
        },
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(sigstore.requests.size, 0, JSON.stringify([...sigstore.requests]));
      assert.match(run.stdout, /::warning::tlog-upload is false.*--insecure-ignore-tlog/);
    } finally {
      await registry.stop();
      await sigstore.stop();
    }
  });
});
