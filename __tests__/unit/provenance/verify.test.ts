import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { toDSSEBundle, type Bundle } from '@sigstore/bundle';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { ProvenanceVerifier } from '../../../src/provenance/sources/verify.ts';
import { FLEET, githubProvenanceStatement } from '../../harness/provenance.ts';
import {
  FLEET_RELEASE,
  FLEET_RELEASE_SAN,
  GITHUB_ISSUER,
  IN_TOTO,
  attestWithKey,
  newSigningKey,
  signStatement,
  startTestSigstore,
  type TestSigstore,
} from './test-sigstore.ts';

const INDEX = 'sha256:8f35cb21aa599cface92f70485da13e7e488e2ee2921aaee3aeef4ddc058c443';
const statement = githubProvenanceStatement({
  subjectName: 'registry.rancher.com/rancher/fleet',
  subjectDigest: INDEX,
});

/** The verifier over `root`, counting how often it had to fetch that root (a TUF update in a run). */
function verifierOver(root: TrustedRoot, publicKeyPem?: string) {
  const fetched = { count: 0 };
  const verifier = new ProvenanceVerifier({
    trustedRoot: async () => {
      fetched.count++;
      return root;
    },
    ...(publicKeyPem ? { publicKeyPem } : {}),
  });
  return { verifier, fetched };
}

const errorOf = (verdict: Awaited<ReturnType<ProvenanceVerifier['signerOf']>>): string => {
  assert.ok('error' in verdict, `expected a refusal, got ${JSON.stringify(verdict)}`);
  return verdict.error;
};

describe('ProvenanceVerifier', () => {
  let sigstore: TestSigstore;
  let stranger: TestSigstore;
  before(async () => {
    sigstore = await startTestSigstore();
    stranger = await startTestSigstore();
  });

  describe('keyless provenance', () => {
    it("names the signer by the certificate: SAN and the GitHub claims of Fulcio's extensions", async () => {
      const { verifier } = verifierOver(sigstore.trustedRoot);
      const verdict = await verifier.signerOf(await sigstore.attest(statement, FLEET_RELEASE));
      assert.deepEqual(verdict, {
        signer: {
          kind: 'keyless',
          claims: {
            san: FLEET_RELEASE_SAN,
            issuer: GITHUB_ISSUER,
            buildSignerUri: FLEET_RELEASE_SAN,
            runnerEnvironment: 'github-hosted',
            sourceRepositoryUri: `https://github.com/${FLEET.repository}`,
            sourceRepositoryDigest: FLEET.commit,
            sourceRepositoryRef: FLEET.ref,
            buildTrigger: 'push',
            runInvocationUri: `https://github.com/${FLEET.repository}/actions/runs/${FLEET.runId}/attempts/1`,
          },
        },
      });
    });

    it('reads the leaf of a certificate chain as well as a lone certificate', async () => {
      const { verifier } = verifierOver(sigstore.trustedRoot);
      const bundle = await sigstore.attest(statement, FLEET_RELEASE);
      const material = bundle.verificationMaterial.content;
      assert.equal(material.$case, 'certificate');
      if (material.$case !== 'certificate') return;
      bundle.verificationMaterial.content = {
        $case: 'x509CertificateChain',
        x509CertificateChain: { certificates: [material.certificate] },
      };
      const verdict = await verifier.signerOf(bundle);
      assert.ok('signer' in verdict && verdict.signer.kind === 'keyless', JSON.stringify(verdict));
      assert.equal(verdict.signer.claims.san, FLEET_RELEASE_SAN);
    });

    const refusals: [string, (bundle: Bundle) => Promise<Bundle> | Bundle][] = [
      [
        'a statement changed after signing',
        (bundle) => {
          if (bundle.content.$case === 'dsseEnvelope')
            bundle.content.dsseEnvelope.payload = Buffer.from(
              JSON.stringify({ ...statement, predicateType: 'https://spdx.dev/Document' }),
            );
          return bundle;
        },
      ],
      [
        'a certificate from a CA the trusted root does not list',
        // Same identity, same statement, certified by another Sigstore.
        () => stranger.attest(statement, FLEET_RELEASE),
      ],
      [
        'no timestamp (so no proof the certificate was valid when it signed)',
        (bundle) => {
          delete bundle.verificationMaterial.timestampVerificationData;
          return bundle;
        },
      ],
    ];
    for (const [what, tamper] of refusals) {
      it(`refuses ${what}`, async () => {
        const { verifier } = verifierOver(sigstore.trustedRoot);
        const bundle = await tamper(await sigstore.attest(statement, FLEET_RELEASE));
        assert.notEqual(errorOf(await verifier.signerOf(bundle)), '');
      });
    }

    it('fetches the trusted root once, however many bundles it verifies', async () => {
      const { verifier, fetched } = verifierOver(sigstore.trustedRoot);
      for (let n = 0; n < 3; n++) await verifier.signerOf(await sigstore.attest(statement, FLEET_RELEASE));
      assert.equal(fetched.count, 1);
    });

    it('says why when the trusted root cannot be had', async () => {
      const verifier = new ProvenanceVerifier({
        trustedRoot: () => Promise.reject(new Error('TUF: tuf-repo-cdn.sigstore.dev unreachable')),
      });
      const verdict = await verifier.signerOf(await sigstore.attest(statement, FLEET_RELEASE));
      assert.match(errorOf(verdict), /tuf-repo-cdn\.sigstore\.dev unreachable/);
    });
  });

  describe('key-signed provenance (cosign attest --key)', () => {
    const key = newSigningKey();

    it("verifies against 'provenance-key' without fetching any trusted root", async () => {
      const { verifier, fetched } = verifierOver(sigstore.trustedRoot, key.publicKeyPem);
      assert.deepEqual(await verifier.signerOf(attestWithKey(statement, key.privateKey)), {
        signer: { kind: 'key' },
      });
      assert.equal(fetched.count, 0);
    });

    it("refuses it when no 'provenance-key' was given", async () => {
      const { verifier } = verifierOver(sigstore.trustedRoot);
      assert.equal(
        errorOf(await verifier.signerOf(attestWithKey(statement, key.privateKey))),
        "signed with a key, and no 'provenance-key' was given",
      );
    });

    it('refuses a signature by another key', async () => {
      const { verifier } = verifierOver(sigstore.trustedRoot, key.publicKeyPem);
      const other = newSigningKey();
      assert.match(
        errorOf(await verifier.signerOf(attestWithKey(statement, other.privateKey))),
        /signature/i,
      );
    });

    it('refuses a statement changed after signing', async () => {
      const { verifier } = verifierOver(sigstore.trustedRoot, key.publicKeyPem);
      const { signature } = signStatement(statement, key.privateKey);
      const forged = toDSSEBundle({
        artifact: Buffer.from(JSON.stringify({ ...statement, subject: [] })),
        artifactType: IN_TOTO,
        signature,
        keyHint: 'provenance-key',
      });
      assert.notEqual(errorOf(await verifier.signerOf(forged)), '');
    });
  });
});
