import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Bundle } from '@sigstore/bundle';
import {
  DSSEBundleBuilder,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type Witness,
} from '@sigstore/sign';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { SignerError } from '../../../src/errors.ts';
import { toCosignBundle } from '../../../src/signatures/bundle-format.ts';
import { CertifiedSigner } from '../../../src/sigstore/certified-signer.ts';
import { KeySigner } from '../../../src/sigstore/key-signer.ts';
import { signFileStream, verifyFileStream } from '../../../src/sigstore/stream-signing.ts';
import {
  CertificateVerification,
  EMPTY_ROOT,
  KeyVerification,
  readTrustedRoot,
  requiredScts,
} from '../../../src/sigstore/trust.ts';
import { GITHUB_ISSUER, RELEASE_CLAIMS, mintToken, workflowIdentity } from '../../harness/oidc.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../../harness/sigstore-stand-in.ts';

const PAYLOAD = Buffer.from('{"critical":{"image":{"docker-manifest-digest":"sha256:aa"}}}');
const STATEMENT = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
const SUBJECT = { san: workflowIdentity(RELEASE_CLAIMS), issuer: GITHUB_ISSUER };

const temp = (name: string, content: string | Buffer): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'rs-trust-')), name);
  writeFileSync(path, content);
  return path;
};

function refusal(run: () => unknown): SignerError {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('accepted');
}

describe('readTrustedRoot', () => {
  it('refuses a missing, oversized or non-JSON file, naming the input and the path', () => {
    const cases: [string, RegExp][] = [
      ['/nonexistent/trusted_root.json', /\(ENOENT/],
      [temp('big.json', Buffer.alloc(1024 * 1024 + 1, ' ')), /\(larger than 1048576 bytes\)/],
      [temp('text.json', 'not json'), /is not a readable trusted_root\.json \(Unexpected token/],
    ];
    for (const [path, cause] of cases) {
      const error = refusal(() => readTrustedRoot(path));
      assert.equal(error.code, 'INPUT_INVALID');
      assert.ok(
        error.message.startsWith(`Input 'trusted-root': '${path}' is not a readable trusted_root.json (`),
      );
      assert.match(error.message, cause);
      assert.ok(error.cause instanceof Error);
    }
  });

  it('reads a trusted root of up to 1 MiB', () => {
    const json = JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' });
    const root = readTrustedRoot(temp('root.json', json.padEnd(1024 * 1024, ' ')));
    assert.deepEqual(root.tlogs, []);
  });
});

describe('requiredScts', () => {
  it('requires an SCT only when the trusted root lists a CT log', () => {
    assert.equal(requiredScts(EMPTY_ROOT), 0);
    const withCtLog = TrustedRoot.fromJSON({
      ctlogs: [{ baseUrl: 'https://ctlog.test', hashAlgorithm: 'SHA2_256', logId: { keyId: 'AA==' } }],
    });
    assert.equal(requiredScts(withCtLog), 1);
  });
});

describe('KeyVerification', () => {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer = new KeySigner(key.privateKey);
  const otherSigner = new KeySigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const messageBundle = (by: KeySigner, witnesses: Witness[] = []) =>
    new MessageSignatureBundleBuilder({ signer: by, witnesses }).create({ data: PAYLOAD });
  const dsseBundle = (by: KeySigner, witnesses: Witness[] = []) =>
    new DSSEBundleBuilder({ signer: by, witnesses }).create({
      data: STATEMENT,
      type: 'application/vnd.in-toto+json',
    });
  const byKey = new KeyVerification(key.publicKey, { expectLog: false });

  it("accepts the key's message signature over the payload, and only over that payload", async () => {
    const bundle = await messageBundle(signer);
    byKey.verify(bundle, PAYLOAD);
    assert.throws(() => byKey.verify(bundle, Buffer.from('other')), /signature verification failed/);
    assert.throws(() => byKey.verify(bundle), /signature verification failed/);
  });

  it("refuses another key's signatures", async () => {
    const [message, envelope] = await Promise.all([messageBundle(otherSigner), dsseBundle(otherSigner)]);
    assert.throws(() => byKey.verify(message, PAYLOAD), /signature verification failed/);
    assert.throws(() => byKey.verify(envelope), /signature verification failed/);
  });

  it('accepts a DSSE envelope the key signed, and refuses it once its payload is changed', async () => {
    const bundle = await dsseBundle(signer);
    byKey.verify(bundle);
    assert.equal(bundle.content.$case, 'dsseEnvelope');
    const tampered: Bundle = {
      ...bundle,
      content: {
        $case: 'dsseEnvelope',
        dsseEnvelope: { ...bundle.content.dsseEnvelope, payload: Buffer.from('{"_type":"forged"}') },
      },
    };
    assert.throws(() => byKey.verify(tampered), /signature verification failed/);
  });

  it('accepts an envelope it signed that another key countersigned', async () => {
    const bundle = await dsseBundle(signer);
    assert.equal(bundle.content.$case, 'dsseEnvelope');
    const theirs = (await dsseBundle(otherSigner)).content;
    assert.equal(theirs.$case, 'dsseEnvelope');
    const envelope = bundle.content.dsseEnvelope;
    const countersigned: Bundle = {
      ...bundle,
      content: {
        $case: 'dsseEnvelope',
        dsseEnvelope: {
          ...envelope,
          signatures: [...envelope.signatures, ...theirs.dsseEnvelope.signatures],
        },
      },
    };
    byKey.verify(countersigned);
  });

  it('still needs the log entry of an Ed25519 envelope when a log is expected', async () => {
    const ed25519 = generateKeyPairSync('ed25519');
    const unlogged = await new DSSEBundleBuilder({
      signer: new KeySigner(ed25519.privateKey),
      witnesses: [],
    }).create({
      data: STATEMENT,
      type: 'application/vnd.in-toto+json',
    });
    const verification = new KeyVerification(ed25519.publicKey, { trustedRoot: EMPTY_ROOT, expectLog: true });
    assert.equal(verification.checksLog, true);
    assert.throws(() => verification.verify(unlogged));
  });

  it('checks a streamed file by what one pass over it established', async () => {
    const path = temp('app.tar.gz', PAYLOAD);
    const bundle = await messageBundle(signer);
    assert.equal(bundle.content.$case, 'messageSignature');
    const { signature } = bundle.content.messageSignature;
    const { sha256, verified } = await verifyFileStream(path, key.publicKey, signature);
    /** @sigstore/verify's view of a message signature, from what the streamed pass found. */
    const artifact = (overrides: { verified?: boolean; signature?: Buffer } = {}) => ({
      signature,
      compareDigest: (digest: Buffer) => digest.equals(sha256),
      compareSignedDigest: (digest: Buffer) => digest.equals(sha256),
      compareSignature: (candidate: Buffer) => candidate.equals(overrides.signature ?? signature),
      verifySignature: () => overrides.verified ?? verified,
    });
    byKey.verify(bundle, artifact());
    assert.throws(() => byKey.verify(bundle, artifact({ verified: false })), /signature verification failed/);
    const other = (await signFileStream(temp('other.tar.gz', 'other'), key.privateKey)).signature;
    assert.throws(
      () => byKey.verify(bundle, artifact({ signature: other })),
      /signature verification failed/,
    );
  });

  it('accepts a pure Ed25519 message signature, which sigstore-js itself cannot check', async () => {
    const ed25519 = generateKeyPairSync('ed25519');
    const bundle = await new MessageSignatureBundleBuilder({
      signer: new KeySigner(ed25519.privateKey),
      witnesses: [],
    }).create({ data: PAYLOAD });
    const verification = new KeyVerification(ed25519.publicKey, { expectLog: false });
    verification.verify(bundle, PAYLOAD);
    assert.throws(() => verification.verify(bundle, Buffer.from('other')), /signature verification failed/);
  });

  describe('when signatures are logged in a Rekor', () => {
    let sigstore: SigstoreStandIn;
    let root: TrustedRoot;
    let rekor: RekorWitness;
    before(async () => {
      sigstore = await startSigstoreStandIn();
      root = readTrustedRoot(sigstore.trustedRootPath);
      rekor = new RekorWitness({ rekorBaseURL: sigstore.url });
    });
    after(() => sigstore.stop());

    it('checks the log entry against the trusted root, and needs one', async () => {
      const checking = new KeyVerification(key.publicKey, { trustedRoot: root, expectLog: true });
      assert.equal(checking.checksLog, true);
      checking.verify(await messageBundle(signer, [rekor]), PAYLOAD);
      checking.verify(await dsseBundle(signer, [rekor]));
      const unlogged = await messageBundle(signer);
      assert.throws(() => checking.verify(unlogged, PAYLOAD));
    });

    it('without a trusted root, or without a log expected, judges the signature alone', async () => {
      const logged = await messageBundle(signer, [rekor]);
      for (const verification of [
        new KeyVerification(key.publicKey, { expectLog: true }),
        new KeyVerification(key.publicKey, { trustedRoot: root, expectLog: false }),
      ]) {
        assert.equal(verification.checksLog, false);
        verification.verify(logged, PAYLOAD);
        verification.verify(await messageBundle(signer), PAYLOAD);
      }
    });
  });
});

describe('CertificateVerification', () => {
  let sigstore: SigstoreStandIn;
  let root: TrustedRoot;
  let signer: CertifiedSigner;
  let witnesses: Witness[];
  before(async () => {
    sigstore = await startSigstoreStandIn();
    root = readTrustedRoot(sigstore.trustedRootPath);
    signer = new CertifiedSigner({
      fulcioUrl: sigstore.url,
      identityProvider: { getToken: async () => mintToken() },
    });
    witnesses = [
      new RekorWitness({ rekorBaseURL: sigstore.url }),
      new TSAWitness({ tsaBaseURL: sigstore.url }),
    ];
  });
  after(() => sigstore.stop());
  const signed = async (by: Witness[]) =>
    toCosignBundle(
      await new MessageSignatureBundleBuilder({ signer, witnesses: by }).create({ data: PAYLOAD }),
    );

  it('accepts a logged and timestamped signature by the identity, over the payload only', async () => {
    const bundle = await signed(witnesses);
    const verification = new CertificateVerification(SUBJECT, { trustedRoot: root, expectLog: true });
    assert.equal(verification.checksLog, true);
    verification.verify(bundle, PAYLOAD);
    assert.throws(() => verification.verify(bundle, Buffer.from('other')));
  });

  it('refuses a certificate naming another identity or issuer, saying whose it is', async () => {
    const bundle = await signed(witnesses);
    for (const subject of [
      { ...SUBJECT, san: 'https://github.com/acme/other/.github/workflows/release.yml@refs/heads/main' },
      { ...SUBJECT, issuer: 'https://issuer.example' },
    ]) {
      assert.throws(
        () =>
          new CertificateVerification(subject, { trustedRoot: root, expectLog: true }).verify(
            bundle,
            PAYLOAD,
          ),
        new RegExp(
          `^Error: the certificate names ${SUBJECT.san} \\(${GITHUB_ISSUER}\\), not ${subject.san}$`,
        ),
      );
    }
  });

  it('needs a log entry when a log is expected, and a timestamp in any case', async () => {
    const timestampedOnly = await signed([witnesses[1] as Witness]);
    new CertificateVerification(SUBJECT, { trustedRoot: root, expectLog: false }).verify(
      timestampedOnly,
      PAYLOAD,
    );
    assert.throws(() =>
      new CertificateVerification(SUBJECT, { trustedRoot: root, expectLog: true }).verify(
        timestampedOnly,
        PAYLOAD,
      ),
    );
  });

  it('judges a v0.2 bundle with a certificate chain by the identity too', async () => {
    const chained = await new MessageSignatureBundleBuilder({ signer, witnesses }).create({ data: PAYLOAD });
    assert.equal(chained.verificationMaterial.content.$case, 'x509CertificateChain');
    new CertificateVerification(SUBJECT, { trustedRoot: root, expectLog: true }).verify(chained, PAYLOAD);
    for (const subject of [
      { ...SUBJECT, san: 'https://github.com/acme/other/.github/workflows/release.yml@refs/heads/main' },
      { ...SUBJECT, issuer: 'https://issuer.example' },
    ]) {
      assert.throws(() =>
        new CertificateVerification(subject, { trustedRoot: root, expectLog: true }).verify(chained, PAYLOAD),
      );
    }
  });

  it('refuses a certificate from a CA the trusted root does not list', async () => {
    const bundle = await signed(witnesses);
    assert.throws(() =>
      new CertificateVerification(SUBJECT, { trustedRoot: EMPTY_ROOT, expectLog: false }).verify(
        bundle,
        PAYLOAD,
      ),
    );
  });
});
