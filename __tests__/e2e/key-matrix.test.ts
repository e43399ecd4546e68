import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import {
  COSIGN_VERSIONS,
  cosign,
  generateKeyPair,
  verifiedTypes,
  verifyBundleWithKey,
  verifyWithKey,
  type KeyPair,
} from '../harness/cosign.ts';
import {
  pushMultiArchImage,
  pushSingleImage,
  type MultiArchImage,
  type PushedManifest,
} from '../harness/fixtures.ts';
import { referrerDigests, sigLayerCount } from '../harness/inspect.ts';
import { startReferrersRegistry, startRegistry, type TestRegistry } from '../harness/registry.ts';

const PASSWORD = 'matrix-password';
const LEGACY_TYPE = 'cosign container image signature';
const BUNDLE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
const FORMATS = ['legacy', 'bundle'] as const;

interface Pushed {
  single: PushedManifest;
  multi: MultiArchImage;
}

for (const start of [startRegistry, startReferrersRegistry]) {
  describe(`key signing matrix on ${start === startRegistry ? 'distribution 2.8 (tag fallback)' : 'a registry with the referrers API'}`, () => {
    let registry: TestRegistry;
    let keys: KeyPair;
    let otherKeys: KeyPair;
    const pushed = new Map<string, Pushed>();
    const runs = new Map<string, ActionRun>();

    const ref = (repository: string, digest: string): string => `${registry.host}/${repository}@${digest}`;
    const allDigests = (p: Pushed): string[] => [
      p.single.digest,
      p.multi.index.digest,
      ...Object.values(p.multi.platforms).map((m) => m.digest),
      ...p.multi.attestations.map((m) => m.digest),
    ];
    const sign = (repository: string, format: string): Promise<ActionRun> => {
      const p = pushed.get(repository) as Pushed;
      return runAction({
        inputs: {
          images: [ref(`${repository}`, p.single.digest), ref(repository, p.multi.index.digest)].join('\n'),
          key: keys.privateKeyPem,
          'key-password': PASSWORD,
          'tlog-upload': 'false',
          'allow-http-registry': 'true',
          provenance: 'off',
          'signature-format': format,
        },
      });
    };

    before(async () => {
      [registry, keys, otherKeys] = await Promise.all([
        start(),
        generateKeyPair(PASSWORD),
        generateKeyPair('other', 'cosign2'),
      ]);
      for (const format of [...FORMATS, 'both']) {
        const repository = `acme/${format}`;
        pushed.set(repository, {
          single: await pushSingleImage(registry, repository, 'v1', `single-${format}`),
          multi: await pushMultiArchImage(registry, repository, 'v2', format),
        });
      }
      // A signature someone else made before us, with cosign itself, must survive our appends.
      const both = pushed.get('acme/both') as Pushed;
      const foreign = await cosign(
        'cosign2',
        [
          'sign',
          '--yes',
          '--key',
          otherKeys.publicKeyPath.replace('.pub', '.key'),
          '--tlog-upload=false',
          '--allow-http-registry',
          ref('acme/both', both.single.digest),
        ],
        { COSIGN_PASSWORD: 'other' },
      );
      assert.equal(foreign.code, 0, foreign.stderr);
      for (const format of [...FORMATS, 'both']) runs.set(format, await sign(`acme/${format}`, format));
    });
    after(() => registry?.stop());

    it('signs every image, index and platform in each format and reports each platform', () => {
      for (const [format, run] of runs) {
        assert.equal(run.exitCode, 0, `${format}: ${run.stdout}`);
        const outputs = JSON.parse(run.outputs.signatures ?? '[]') as {
          platform?: string;
          formats: string[];
        }[];
        assert.equal(outputs.length, 6, format);
        // The image, the index and the two attestation manifests have none.
        assert.deepEqual(outputs.map((o) => o.platform ?? '').sort(), [
          '',
          '',
          '',
          '',
          'linux/amd64',
          'linux/arm64/v8',
        ]);
        const expected = format === 'both' ? ['bundle', 'legacy'] : [format];
        for (const output of outputs) assert.deepEqual([...output.formats].sort(), expected);
      }
    });

    for (const format of FORMATS) {
      for (const version of COSIGN_VERSIONS) {
        it(`${format} signatures are accepted by ${version} for the image, the index and each platform`, async () => {
          const p = pushed.get(`acme/${format}`) as Pushed;
          for (const digest of allDigests(p)) {
            const verify = format === 'legacy' ? verifyWithKey : verifyBundleWithKey;
            const result = await verify(version, ref(`acme/${format}`, digest), keys.publicKeyPath);
            assert.equal(result.code, 0, `${digest}: ${result.stderr}`);
            assert.deepEqual(verifiedTypes(result), [format === 'legacy' ? LEGACY_TYPE : BUNDLE_TYPE]);
          }
        });

        it(`${format} signatures are rejected by ${version} with another key`, async () => {
          const p = pushed.get(`acme/${format}`) as Pushed;
          const verify = format === 'legacy' ? verifyWithKey : verifyBundleWithKey;
          const result = await verify(
            version,
            ref(`acme/${format}`, p.multi.index.digest),
            otherKeys.publicKeyPath,
          );
          assert.notEqual(result.code, 0);
        });
      }
    }

    it('with both formats, each cosign finds the format it reads', async () => {
      const p = pushed.get('acme/both') as Pushed;
      for (const version of COSIGN_VERSIONS) {
        for (const digest of allDigests(p)) {
          const bundle = await verifyBundleWithKey(version, ref('acme/both', digest), keys.publicKeyPath);
          assert.equal(bundle.code, 0, `${version} bundle ${digest}: ${bundle.stderr}`);
        }
      }
      const legacy = await verifyWithKey(
        'cosign3',
        ref('acme/both', p.multi.index.digest),
        keys.publicKeyPath,
      );
      assert.equal(legacy.code, 0, legacy.stderr);
      assert.deepEqual(verifiedTypes(legacy), [LEGACY_TYPE]);
    });

    it('signs each BuildKit attestation manifest as cosign --recursive does, reported as one, never as a platform', () => {
      for (const [format, run] of runs) {
        const p = pushed.get(`acme/${format}`) as Pushed;
        const outputs = JSON.parse(run.outputs.signatures ?? '[]') as {
          digest: string;
          platform?: string;
          status: string;
          'attestation-manifest'?: boolean;
          attests?: string;
        }[];
        const attested = outputs.filter((o) => o['attestation-manifest']);
        assert.deepEqual(
          attested.map((o) => [o.digest, o.status, o.platform, o.attests]),
          p.multi.attestations.map((m, i) => [
            m.digest,
            'signed',
            undefined,
            Object.values(p.multi.platforms)[i]?.digest,
          ]),
          format,
        );
      }
    });

    it('keeps a signature written before by cosign with another key, and it still verifies', async () => {
      const p = pushed.get('acme/both') as Pushed;
      assert.equal(await sigLayerCount(registry, 'acme/both', p.single.digest), 2);
      const result = await verifyWithKey(
        'cosign3',
        ref('acme/both', p.single.digest),
        otherKeys.publicKeyPath,
      );
      assert.equal(result.code, 0, result.stderr);
    });

    describe('when the action runs again on the same digests', () => {
      it('leaves exactly one signature from us in each format', async () => {
        const again = await sign('acme/both', 'both');
        assert.equal(again.exitCode, 0, again.stdout);
        const p = pushed.get('acme/both') as Pushed;
        for (const digest of allDigests(p)) {
          const foreign = digest === p.single.digest ? 1 : 0;
          assert.equal(await sigLayerCount(registry, 'acme/both', digest), 1 + foreign, `.sig of ${digest}`);
          assert.equal(
            (await referrerDigests(registry, 'acme/both', digest)).length,
            1,
            `referrers of ${digest}`,
          );
        }
      });
    });
  });
}
