import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { verifyWithKey } from '../harness/cosign.ts';
import { pushMultiArchImage, type MultiArchImage } from '../harness/fixtures.ts';
import { sigstorePolicy, skopeoCopy } from '../harness/skopeo.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';

interface Entry {
  digest: string;
  platform?: string;
  'attestation-manifest'?: boolean;
  status: string;
}

/** A P-256 key pair: the private PEM for the action, the public half in a file for the verifiers. */
function keyPair(): { privateKeyPem: string; publicKeyPath: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyPath = join(mkdtempSync(join(tmpdir(), 'rs-skopeo-key-')), 'cosign.pub');
  writeFileSync(publicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPath };
}

const allDigests = (image: MultiArchImage): string[] => [
  image.index.digest,
  ...Object.values(image.platforms).map((platform) => platform.digest),
  ...image.attestations.map((attestation) => attestation.digest),
];

describe('skopeo copy --all under a sigstoreSigned policy (containers/image checks every manifest of an index)', () => {
  let registry: TestRegistry;
  const keys = keyPair();
  const otherKeys = keyPair();
  const images = new Map<string, { image: MultiArchImage; run: ActionRun }>();

  const signed = async (repository: string, inputs: Readonly<Record<string, string>> = {}): Promise<void> => {
    const image = await pushMultiArchImage(registry, repository, 'v1');
    const run = await runAction({
      inputs: {
        images: `${registry.host}/${repository}@${image.index.digest}`,
        key: keys.privateKeyPem,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
        ...inputs,
      },
    });
    assert.equal(run.exitCode, 0, run.stdout);
    images.set(repository, { image, run });
  };
  const reference = (repository: string): string =>
    `${registry.host}/${repository}@${images.get(repository)?.image.index.digest}`;

  before(async () => {
    registry = await startRegistry();
    await signed('acme/app');
    await signed('acme/opt-out', { 'sign-attestation-manifests': 'false' });
  });
  after(() => registry?.stop());

  it('signs the attestation manifests too, reported without a platform', () => {
    const { image, run } = images.get('acme/app') ?? assert.fail('acme/app was not signed');
    assert.equal(run.outputs.signed, '5');
    const entries = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
    for (const attestation of image.attestations) {
      const entry = entries.find((candidate) => candidate.digest === attestation.digest);
      assert.equal(entry?.status, 'signed');
      assert.equal(entry?.platform, undefined);
      assert.equal(entry?.['attestation-manifest'], true);
    }
    assert.match(run.summary, /\| attestation manifest for linux\/amd64 \|/);
  });

  it('passes with the signing key, every manifest of the index checked', async () => {
    const result = await skopeoCopy(
      reference('acme/app'),
      sigstorePolicy(`${registry.host}/acme/app`, keys.publicKeyPath),
      true,
    );
    assert.equal(result.code, 0, result.stderr);
  });

  it('is refused with another key', async () => {
    const policy = sigstorePolicy(`${registry.host}/acme/app`, otherKeys.publicKeyPath);
    const result = await skopeoCopy(reference('acme/app'), policy, true);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Source image rejected: cryptographic signature verification failed/);
  });

  it('is refused when the attestation manifests are left unsigned (sign-attestation-manifests: false)', async () => {
    const { run } = images.get('acme/opt-out') ?? assert.fail('acme/opt-out was not signed');
    assert.equal(run.outputs.signed, '3');
    const policy = sigstorePolicy(`${registry.host}/acme/opt-out`, keys.publicKeyPath);
    const all = await skopeoCopy(reference('acme/opt-out'), policy, true);
    assert.notEqual(all.code, 0);
    // The index lists the platforms first: instance 3 is the first attestation manifest.
    assert.match(
      all.stderr,
      /copying image 3\/4 from manifest list: Source image rejected: A signature was required, but no signature exists/,
    );
    // One platform, as a plain pull takes it, is signed all the same.
    const one = await skopeoCopy(reference('acme/opt-out'), policy, false);
    assert.equal(one.code, 0, one.stderr);
  });

  it('cosign verify still passes for the index, each platform and each attestation manifest', async () => {
    const { image } = images.get('acme/app') ?? assert.fail('acme/app was not signed');
    for (const digest of allDigests(image)) {
      const result = await verifyWithKey(
        'cosign3',
        `${registry.host}/acme/app@${digest}`,
        keys.publicKeyPath,
      );
      assert.equal(result.code, 0, `${digest}: ${result.stderr}`);
    }
  });
});
