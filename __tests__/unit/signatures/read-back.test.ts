import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { bundleToJSON } from '@sigstore/bundle';
import { SignerError } from '../../../src/errors.ts';
import {
  EMPTY_CONFIG_DIGEST,
  OCI_EMPTY,
  OCI_IMAGE_CONFIG,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_V03,
} from '../../../src/registry/media-types.ts';
import { toCosignBundle } from '../../../src/signatures/bundle-format.ts';
import { BundleReferrerPublisher } from '../../../src/signatures/bundle-referrer.ts';
import { toLegacySignature } from '../../../src/signatures/legacy-layer.ts';
import { LegacySigPublisher } from '../../../src/signatures/legacy-sig.ts';
import { toSimpleSigningPayload } from '../../../src/signatures/payload.ts';
import { ReadBack } from '../../../src/signatures/read-back.ts';
import {
  COSIGN_SIGN_PREDICATE,
  IN_TOTO_PAYLOAD_TYPE,
  toCosignSignStatement,
} from '../../../src/signatures/statement.ts';
import type { PublishRecord } from '../../../src/signatures/target.ts';
import type { SignatureVerification } from '../../../src/sigstore/trust.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { poolOf, REPOSITORY, targetOf, throwawaySigner } from './fixtures.ts';
import { MemoryRegistry } from './memory-registry.ts';

const TARGET = targetOf('the signed image manifest');
const OTHER_DIGEST = sha256Digest(Buffer.from('another image'));
const SIG_TAG = `${TARGET.image.digest.replace(':', '-')}.sig`;
const us = throwawaySigner();
const someoneElse = throwawaySigner();

function readBack(registry: MemoryRegistry, verification: SignatureVerification = us.verification): ReadBack {
  return new ReadBack({ registries: poolOf(registry), verification });
}

/** Rejects with this code, and a message saying what was read and why it failed. */
async function rejectsWith(check: Promise<void>, code: string, ...says: string[]): Promise<void> {
  await assert.rejects(check, (err: unknown) => {
    assert.ok(err instanceof SignerError, String(err));
    assert.equal(err.code, code);
    for (const part of says) assert.ok(err.message.includes(part), `${err.message} lacks: ${part}`);
    return true;
  });
}

describe('ReadBack of a legacy .sig signature', () => {
  let registry: MemoryRegistry;
  beforeEach(() => {
    registry = new MemoryRegistry();
  });

  async function publishLegacy(
    signer = us,
    payload = toSimpleSigningPayload(TARGET.image, {}),
  ): Promise<PublishRecord> {
    const signature = toLegacySignature(payload, await signer.messages.create({ data: payload }));
    return new LegacySigPublisher({
      registries: poolOf(registry),
      verification: us.verification,
      requireLogEntry: false,
    }).publish(TARGET, signature);
  }

  it('accepts our signature as written', async () => {
    await readBack(registry).check(TARGET, await publishLegacy());
  });

  it("accepts the list when any one layer is ours, as cosign verify does (others' first)", async () => {
    await publishLegacy(someoneElse);
    const record = await publishLegacy();
    await readBack(registry).check(TARGET, record);
  });

  it('reads the list settle() last read instead of asking the registry again', async () => {
    const record = await publishLegacy();
    const settled = await registry.getManifest(REPOSITORY, SIG_TAG);
    assert.ok(settled);
    registry.plantManifest(
      REPOSITORY,
      SIG_TAG,
      {
        schemaVersion: 2,
        layers: [],
        config: { mediaType: OCI_IMAGE_CONFIG, size: 2, digest: EMPTY_CONFIG_DIGEST },
      },
      OCI_MANIFEST,
    );
    await readBack(registry).check(TARGET, record, new Map([[record.reference, settled]]));
  });

  it('reads our payload while the lists settle, and not again at the check', async () => {
    const record = await publishLegacy();
    const check = readBack(registry);
    await check.prefetch(TARGET, record);
    const ours = `BLOB ${REPOSITORY}@${record.signatureBlob}`;
    assert.deepEqual(registry.blobReads, [ours]);
    await check.check(TARGET, record);
    assert.deepEqual(registry.blobReads, [ours]);
  });

  it('reads our layer first, and the other signers’ only when ours does not verify', async () => {
    await publishLegacy(someoneElse, toSimpleSigningPayload(TARGET.image, { signer: 'someone else' }));
    const record = await publishLegacy();
    await readBack(registry).check(TARGET, record);
    assert.deepEqual(registry.blobReads, [`BLOB ${REPOSITORY}@${record.signatureBlob}`]);
  });

  it('reads a payload that several signers signed once', async () => {
    await publishLegacy(someoneElse);
    const record = await publishLegacy();
    await readBack(registry).check(TARGET, record);
    assert.deepEqual(registry.blobReads, [`BLOB ${REPOSITORY}@${record.signatureBlob}`]);
  });

  it('reads the payload again at the check when the read while settling failed', async () => {
    const record = await publishLegacy();
    const check = readBack(registry);
    const read = registry.getBlob.bind(registry);
    registry.getBlob = async () => {
      registry.getBlob = read;
      throw new Error('connection reset');
    };
    await check.prefetch(TARGET, record);
    await check.check(TARGET, record);
    assert.deepEqual(registry.blobReads, [`BLOB ${REPOSITORY}@${record.signatureBlob}`]);
  });

  it('reports a missing tag as READBACK_MISMATCH, naming the tag and the record', async () => {
    const record = await publishLegacy();
    const elsewhere = new MemoryRegistry();
    await rejectsWith(
      readBack(elsewhere).check(TARGET, record),
      'READBACK_MISMATCH',
      `The legacy signature read back from ${record.reference} is not what was written: ${SIG_TAG} is missing.`,
      'The registry did not keep what was written',
    );
  });

  it('reports a list without simple-signing layers', async () => {
    const record = await publishLegacy();
    const list = await registry.readJson<{ layers: { mediaType: string }[] }>(REPOSITORY, SIG_TAG);
    registry.plantManifest(
      REPOSITORY,
      SIG_TAG,
      { ...list, layers: list?.layers.map((layer) => ({ ...layer, mediaType: 'application/json' })) },
      OCI_MANIFEST,
    );
    await rejectsWith(
      readBack(registry).check(TARGET, record),
      'READBACK_MISMATCH',
      'no signature layer found',
    );
  });

  it('reports a layer without annotations as unsigned', async () => {
    const record = await publishLegacy();
    const list = await registry.readJson<{ layers: { annotations?: unknown }[] }>(REPOSITORY, SIG_TAG);
    const unsigned = { ...list, layers: list?.layers.map((layer) => ({ ...layer, annotations: undefined })) };
    registry.plantManifest(REPOSITORY, SIG_TAG, unsigned, OCI_MANIFEST);
    await rejectsWith(
      readBack(registry).check(TARGET, record),
      'READBACK_MISMATCH',
      'is not what was written: signature verification failed.',
    );
  });

  it('reports a payload that names another digest', async () => {
    const record = await publishLegacy(
      us,
      toSimpleSigningPayload({ ...TARGET.image, digest: OTHER_DIGEST }, {}),
    );
    await rejectsWith(
      readBack(registry).check(TARGET, record),
      'READBACK_MISMATCH',
      'the payload names another digest',
    );
  });

  for (const claims of ['{}', '{"critical":{}}']) {
    it(`reports a payload without the signed digest: ${claims}`, async () => {
      const record = await publishLegacy(us, Buffer.from(claims));
      await rejectsWith(
        readBack(registry).check(TARGET, record),
        'READBACK_MISMATCH',
        'the payload names another digest',
      );
    });
  }

  it('reports every layer that failed, in order', async () => {
    await publishLegacy(us, toSimpleSigningPayload({ ...TARGET.image, digest: OTHER_DIGEST }, {}));
    const record = await publishLegacy(someoneElse);
    await rejectsWith(
      readBack(registry).check(TARGET, { ...record, manifestDigest: OTHER_DIGEST }),
      'READBACK_MISMATCH',
      'the payload names another digest; signature verification failed',
    );
  });

  it('blames the trust configuration (READBACK_UNTRUSTED) when the list is stored as written but does not verify', async () => {
    const record = await publishLegacy(someoneElse);
    await rejectsWith(
      readBack(registry).check(TARGET, record),
      'READBACK_UNTRUSTED',
      `The legacy signature at ${record.reference} was stored as written but does not pass the signature against the trusted root: signature verification failed.`,
      "check 'trusted-root' and the service inputs",
    );
  });

  it('blames the registry (READBACK_MISMATCH) when the list read back is not the one written', async () => {
    const record = await publishLegacy(someoneElse);
    await rejectsWith(
      readBack(registry).check(TARGET, { ...record, manifestDigest: OTHER_DIGEST }),
      'READBACK_MISMATCH',
      'signature verification failed',
    );
  });

  it('blames the trust configuration even when another layer fails for another reason after it', async () => {
    await publishLegacy(someoneElse);
    const list = await publishLegacy(
      us,
      toSimpleSigningPayload({ ...TARGET.image, digest: OTHER_DIGEST }, {}),
    );
    await rejectsWith(
      readBack(registry).check(TARGET, list),
      'READBACK_UNTRUSTED',
      'signature verification failed',
    );
  });
});

describe('ReadBack of a bundle referrer', () => {
  let registry: MemoryRegistry;
  beforeEach(() => {
    registry = new MemoryRegistry();
  });

  async function bundleJson(
    signer = us,
    statement = toCosignSignStatement(TARGET.image.digest, {}),
  ): Promise<Buffer> {
    const bundle = await signer.envelopes.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
    return Buffer.from(JSON.stringify(bundleToJSON(toCosignBundle(bundle))));
  }

  async function attach(json: Buffer): Promise<PublishRecord> {
    const statement = Buffer.from('');
    return new BundleReferrerPublisher({
      registries: poolOf(registry),
      verification: us.verification,
      requireLogEntry: false,
    }).publish(TARGET, {
      json,
      statement,
      predicateType: COSIGN_SIGN_PREDICATE,
    });
  }

  /** A referrer pushed by another tool in place of ours; the record points at it as if ours. */
  function plantReferrer(
    record: PublishRecord,
    change: Record<string, unknown>,
    json?: Buffer,
  ): PublishRecord {
    const layerDigest = json ? registry.plantBlob(REPOSITORY, json) : EMPTY_CONFIG_DIGEST;
    const digest = registry.plantManifest(
      REPOSITORY,
      'planted',
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_EMPTY, size: 2, digest: EMPTY_CONFIG_DIGEST },
        layers: [{ mediaType: SIGSTORE_BUNDLE_V03, size: json?.length ?? 2, digest: layerDigest }],
        subject: { mediaType: OCI_MANIFEST, size: TARGET.size, digest: TARGET.image.digest },
        ...change,
      },
      OCI_MANIFEST,
    );
    return { ...record, manifestDigest: digest };
  }

  it('accepts our bundle as written', async () => {
    await readBack(registry).check(TARGET, await attach(await bundleJson()));
  });

  it('reads the referrer settle() kept (a concurrent run of ours) instead of the one it wrote', async () => {
    const kept = await attach(await bundleJson());
    const record = await attach(await bundleJson(someoneElse));
    const fetched = await registry.getManifest(REPOSITORY, kept.manifestDigest);
    assert.ok(fetched);
    await readBack(registry).check(TARGET, record, new Map([[record.reference, fetched]]));
  });

  it('reports a missing referrer as READBACK_MISMATCH', async () => {
    const record = await attach(await bundleJson());
    await rejectsWith(
      readBack(new MemoryRegistry()).check(TARGET, record),
      'READBACK_MISMATCH',
      `The bundle signature read back from ${record.reference} is not what was written: referrer ${record.manifestDigest} is missing.`,
    );
  });

  const broken: [string, Record<string, unknown>, string][] = [
    [
      'points at another manifest',
      { subject: { mediaType: OCI_MANIFEST, size: 1, digest: OTHER_DIGEST } },
      'the referrer points at another manifest',
    ],
    ['has no subject', { subject: undefined }, 'the referrer points at another manifest'],
    [
      'holds two layers',
      {
        layers: [
          { mediaType: SIGSTORE_BUNDLE_V03, size: 2, digest: EMPTY_CONFIG_DIGEST },
          { mediaType: SIGSTORE_BUNDLE_V03, size: 2, digest: EMPTY_CONFIG_DIGEST },
        ],
      },
      'the referrer holds no bundle',
    ],
    ['holds no layer', { layers: [] }, 'the referrer holds no bundle'],
    [
      'holds another kind of layer',
      { layers: [{ mediaType: 'application/json', size: 2, digest: EMPTY_CONFIG_DIGEST }] },
      'the referrer holds no bundle',
    ],
  ];
  for (const [what, change, says] of broken) {
    it(`reports a referrer that ${what}`, async () => {
      const record = plantReferrer(await attach(await bundleJson()), change);
      await rejectsWith(readBack(registry).check(TARGET, record), 'READBACK_MISMATCH', says);
    });
  }

  it('reports a bundle holding a message signature instead of a DSSE envelope', async () => {
    const message = await us.messages.create({ data: Buffer.from('x') });
    const record = await attach(Buffer.from(JSON.stringify(bundleToJSON(message))));
    await rejectsWith(
      readBack(registry).check(TARGET, record),
      'READBACK_MISMATCH',
      'the bundle is not a DSSE envelope',
    );
  });

  it('reports a statement about another digest', async () => {
    const record = await attach(await bundleJson(us, toCosignSignStatement(OTHER_DIGEST, {})));
    await rejectsWith(
      readBack(registry).check(TARGET, record),
      'READBACK_MISMATCH',
      'the statement names another digest',
    );
  });

  it('accepts a statement that names the digest among other subjects', async () => {
    const hex = TARGET.image.digest.slice('sha256:'.length);
    const statement = Buffer.from(
      JSON.stringify({
        subject: [{ name: 'no digest' }, { digest: { sha512: 'ab' } }, { digest: { sha256: hex } }],
      }),
    );
    await readBack(registry).check(TARGET, await attach(await bundleJson(us, statement)));
  });

  it('blames the trust configuration for a verification that fails without saying why', async () => {
    const silent: SignatureVerification = {
      checksLog: false,
      verify: () => {
        throw undefined;
      },
    };
    const record = await attach(await bundleJson());
    await rejectsWith(
      readBack(registry, silent).check(TARGET, record),
      'READBACK_UNTRUSTED',
      'does not pass the signature',
    );
  });

  it('reports a statement without subjects', async () => {
    const record = await attach(
      await bundleJson(us, Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}')),
    );
    await rejectsWith(
      readBack(registry).check(TARGET, record),
      'READBACK_MISMATCH',
      'the statement names another digest',
    );
  });

  it('blames the trust configuration when the referrer is stored as written but does not verify', async () => {
    const record = await attach(await bundleJson(someoneElse));
    await rejectsWith(
      readBack(registry).check(TARGET, record),
      'READBACK_UNTRUSTED',
      `The bundle signature at ${record.reference} was stored as written`,
    );
  });

  it('blames the registry when the referrer read back is not the one written', async () => {
    const written = await attach(await bundleJson());
    // What settle() found in its place: another signer's bundle, not the manifest we pushed.
    const replaced = plantReferrer(written, {}, await bundleJson(someoneElse));
    const found = await registry.getManifest(REPOSITORY, replaced.manifestDigest);
    assert.ok(found);
    await rejectsWith(
      readBack(registry).check(TARGET, written, new Map([[written.reference, found]])),
      'READBACK_MISMATCH',
      'signature verification failed',
    );
  });

  describe('names the check that failed and the inputs behind it', () => {
    const checks: [string, string, string][] = [
      [
        'CERTIFICATE_ERROR',
        "the certificate's chain to Fulcio's CA and its SCTs from the CT logs",
        "'trusted-root' (its certificateAuthorities and ctlogs)",
      ],
      [
        'TLOG_INCLUSION_PROOF_ERROR',
        'the transparency log entry',
        "'trusted-root' (its tlogs) and the log chosen by 'rekor-url' or 'signing-config'",
      ],
      [
        'TLOG_ERROR',
        'the transparency log entry',
        "'trusted-root' (its tlogs) and the log chosen by 'rekor-url' or 'signing-config'",
      ],
      [
        'TIMESTAMP_ERROR',
        'the signed timestamps',
        "'trusted-root' (its timestampAuthorities) and 'tsa-url' or 'signing-config'",
      ],
      ['UNTRUSTED_SIGNER_ERROR', "the signer's identity", "'fulcio-url' and the OIDC token's issuer"],
      [
        'SOMETHING_ELSE',
        'the signature',
        "'trusted-root' and the service inputs ('fulcio-url', 'rekor-url', 'tsa-url' or 'signing-config')",
      ],
      [
        'a code that is no text',
        'the signature',
        "'trusted-root' and the service inputs ('fulcio-url', 'rekor-url', 'tsa-url' or 'signing-config')",
      ],
    ];
    for (const [code, check, inputs] of checks) {
      it(`${code}: ${check}`, async () => {
        const failure = Object.assign(new Error('refused\u001b[31m'), {
          code: code === 'a code that is no text' ? 42 : code,
        });
        const refusing: SignatureVerification = {
          checksLog: false,
          verify: () => {
            throw failure;
          },
        };
        const record = await attach(await bundleJson());
        await assert.rejects(readBack(registry, refusing).check(TARGET, record), (err: unknown) => {
          assert.ok(err instanceof SignerError);
          assert.equal(err.code, 'READBACK_UNTRUSTED');
          assert.equal(err.cause, failure);
          assert.ok(err.message.includes(`does not pass ${check} against the trusted root`), err.message);
          assert.ok(err.message.includes(`check ${inputs} describe`), err.message);
          assert.ok(!err.message.includes('\u001b'), 'untrusted text escaped');
          return true;
        });
      });
    }
  });

  it('keeps what failed as the cause of a mismatch', async () => {
    const record = await attach(await bundleJson());
    await assert.rejects(readBack(new MemoryRegistry()).check(TARGET, record), (err: unknown) => {
      assert.ok(err instanceof SignerError && err.cause instanceof Error);
      assert.equal(err.cause.message, `referrer ${record.manifestDigest} is missing`);
      return true;
    });
  });
});
