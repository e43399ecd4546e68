import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { MessageSignatureBundleBuilder } from '@sigstore/sign';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { SignerError } from '../../../src/errors.ts';
import { readConfig, type InputSource } from '../../../src/inputs.ts';
import {
  createEphemeralSigning,
  createSigning,
  type Signing,
  type SigningEnvironment,
} from '../../../src/sigstore/signing.ts';
import { EMPTY_ROOT } from '../../../src/sigstore/trust.ts';
import { GITHUB_ISSUER, RELEASE_CLAIMS, mintToken, workflowIdentity } from '../../harness/oidc.ts';
import { startFakeFulcio, type FakeFulcio } from './fake-fulcio.ts';

const KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const KEY_PEM = KEY.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = KEY.publicKey.export({ type: 'spki', format: 'pem' }).toString();

function inputs(values: Record<string, string>): InputSource {
  const all: Record<string, string> = {
    images: `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`,
    provenance: 'off',
    'trusted-root': '/t/trusted_root.json',
    'signature-format': 'bundle',
    ...values,
  };
  return {
    get: (name) => all[name] ?? '',
    env: (name) => (name === 'SIGNING_KEY' ? KEY_PEM : undefined),
    mask: () => undefined,
  };
}

/** The runner's side: which audiences were asked for, what was masked, and the trusted-root fetches. */
function environment(token: string | undefined) {
  const seen = { audiences: [] as string[], masked: [] as string[], rootFetches: 0 };
  const env: SigningEnvironment = {
    maskSecret: (secret) => seen.masked.push(secret),
    requestIdToken: async (audience) => {
      seen.audiences.push(audience);
      return token ?? '';
    },
    runnerCanIssueToken: token !== undefined,
    log: () => undefined,
  };
  const trustedRoot = async (): Promise<TrustedRoot> => {
    seen.rootFetches++;
    return EMPTY_ROOT;
  };
  return { env, seen, trustedRoot };
}

async function rejection(promise: Promise<unknown>): Promise<SignerError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('resolved');
}

/** A bundle the signing's own signer made, judged by its own verification, as read-back judges it. */
async function acceptsOwnSignature(signing: Signing): Promise<void> {
  const data = Buffer.from('{"critical":{}}');
  const bundle = await new MessageSignatureBundleBuilder({ signer: signing.signer, witnesses: [] }).create({
    data,
  });
  signing.verification.verify(bundle, data);
  assert.throws(() => signing.verification.verify(bundle, Buffer.from('other payload')));
}

describe('createSigning', () => {
  describe('with a key', () => {
    it('signs with it and verifies by its public key alone when no log is used', async () => {
      const { env, seen, trustedRoot } = environment(undefined);
      const config = await readConfig(inputs({ key: 'env://SIGNING_KEY', 'tlog-upload': 'false' }));
      const signing = await createSigning(config, env, trustedRoot);
      assert.deepEqual(signing.description, { mode: 'key', publicKeyPem: PUBLIC_PEM });
      assert.equal(signing.verification.checksLog, false);
      assert.equal(seen.rootFetches, 0);
      await acceptsOwnSignature(signing);
    });

    it('judges log entries against the trusted root when signatures are logged', async () => {
      const { env, seen, trustedRoot } = environment(undefined);
      const config = await readConfig(
        inputs({ key: 'env://SIGNING_KEY', 'rekor-url': 'https://rekor.internal' }),
      );
      const signing = await createSigning(config, env, trustedRoot);
      assert.equal(signing.verification.checksLog, true);
      assert.equal(seen.rootFetches, 1);
    });

    it('refuses a release run without the key, saying why it is missing and that a dry run needs none', async () => {
      const { env, seen, trustedRoot } = environment(undefined);
      const config = await readConfig(inputs({ key: 'env://UNSET', 'tlog-upload': 'false' }));
      const error = await rejection(createSigning(config, env, trustedRoot));
      assert.equal(error.code, 'INPUT_INVALID');
      assert.match(
        error.message,
        /^Input 'key': environment variable 'UNSET' is empty or unset\. Set 'key'.*A dry run needs none/,
      );
      assert.equal(seen.rootFetches, 0);
    });
  });

  describe('keyless', () => {
    let fulcio: FakeFulcio;
    before(async () => {
      fulcio = await startFakeFulcio();
    });
    after(() => fulcio.stop());
    beforeEach(() => {
      fulcio.requests.length = 0;
    });
    const keyless = (values: Record<string, string> = {}) =>
      readConfig(
        inputs({ 'fulcio-url': fulcio.url, 'tlog-upload': 'false', 'tsa-url': 'http://tsa.test', ...values }),
      );

    it("gets the runner's token for audience sigstore, masks it, and names the certified identity", async () => {
      const token = mintToken();
      const { env, seen, trustedRoot } = environment(token);
      const signing = await createSigning(await keyless(), env, trustedRoot);
      assert.deepEqual(signing.description, {
        mode: 'keyless',
        certificateIdentity: workflowIdentity(RELEASE_CLAIMS),
        certificateIssuer: GITHUB_ISSUER,
      });
      assert.deepEqual(seen.audiences, ['sigstore']);
      assert.deepEqual(seen.masked, [token]);
      assert.equal(seen.rootFetches, 1);
      assert.equal(fulcio.requests.length, 1, 'the certificate is asked for before anything is signed');
      await signing.signer.sign(Buffer.from('x'));
      assert.equal(fulcio.requests.length, 1);
      assert.equal(signing.verification.checksLog, false);
    });

    it("takes 'identity-token' instead of asking the runner", async () => {
      const { env, seen, trustedRoot } = environment(undefined);
      const signing = await createSigning(await keyless({ 'identity-token': mintToken() }), env, trustedRoot);
      assert.equal(signing.description.mode, 'keyless');
      assert.deepEqual(seen.audiences, []);
    });

    it('refuses an expired token before asking Fulcio', async () => {
      const { env, trustedRoot } = environment(mintToken(RELEASE_CLAIMS, { expiresIn: -60 }));
      const error = await rejection(createSigning(await keyless(), env, trustedRoot));
      assert.equal(error.code, 'IDENTITY_TOKEN');
      assert.match(error.message, /expired at/);
      assert.equal(fulcio.requests.length, 0);
    });

    it('without id-token permission, fails on the token even while the trusted root fails too', async () => {
      const { env } = environment(undefined);
      const unreachable = () => Promise.reject(new SignerError('TRUST_UNAVAILABLE', 'TUF mirror down'));
      const error = await rejection(createSigning(await keyless(), env, unreachable));
      assert.equal(error.code, 'IDENTITY_TOKEN');
      assert.equal(fulcio.requests.length, 0);
    });

    it('fails the run when the trusted root cannot be had, after the certificate', async () => {
      const { env } = environment(mintToken());
      const unreachable = () => Promise.reject(new SignerError('TRUST_UNAVAILABLE', 'TUF mirror down'));
      const error = await rejection(createSigning(await keyless(), env, unreachable));
      assert.equal(error.code, 'TRUST_UNAVAILABLE');
    });
  });
});

describe('createEphemeralSigning', () => {
  it('signs with a fresh in-memory key that its verification accepts, with no log', async () => {
    const signing = createEphemeralSigning();
    assert.deepEqual(signing.description, { mode: 'dry-run' });
    assert.equal(signing.verification.checksLog, false);
    await acceptsOwnSignature(signing);
    const other = createEphemeralSigning();
    assert.ok(!other.signer.publicKey.equals(signing.signer.publicKey));
  });
});
