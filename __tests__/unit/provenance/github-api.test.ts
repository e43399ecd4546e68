import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bundleToJSON } from '@sigstore/bundle';
import { GitHubAttestationSource } from '../../../src/provenance/sources/github-api.ts';
import { ProvenanceVerifier } from '../../../src/provenance/sources/verify.ts';
import {
  FLEET,
  githubProvenanceStatement,
  startFakeGitHubApi,
  type FakeGitHubApi,
} from '../../harness/provenance.ts';
import {
  FLEET_RELEASE,
  attestWithKey,
  newSigningKey,
  startTestSigstore,
  type TestSigstore,
} from './test-sigstore.ts';

const IMAGE = { registry: 'registry.rancher.com', repository: 'rancher/fleet-agent' };
const HEX = 'd9b93c3e9d6f76f1441a82c825bab6d9f1cf922ae941cb931e0062cc1c654246';
const DIGEST = `sha256:${HEX}`;
const OTHER = `sha256:${'e'.repeat(64)}`;
const statement = githubProvenanceStatement({
  subjectName: 'registry.rancher.com/rancher/fleet-agent',
  subjectDigest: DIGEST,
});
const pageRequest = (repository: string, page: number) =>
  `GET /repos/${repository}/attestations/sha256%3A${HEX}?per_page=100&page=${page}`;

describe('GitHubAttestationSource (GitHub attestations API)', () => {
  const key = newSigningKey();
  let sigstore: TestSigstore;
  let api: FakeGitHubApi;
  let smallPages: FakeGitHubApi;
  before(async () => {
    sigstore = await startTestSigstore();
    api = await startFakeGitHubApi();
    smallPages = await startFakeGitHubApi(1);
  });
  after(async () => {
    await api.stop();
    await smallPages.stop();
  });

  /** The source over `server`, reading the attestations of `rancher/fleet` whatever the image. */
  const sourceOn = (
    server: FakeGitHubApi,
    token = '',
    repository: (image: { registry: string; repository: string }) => string = () => FLEET.repository,
  ) =>
    new GitHubAttestationSource(
      { apiUrl: server.url, token, repository },
      new ProvenanceVerifier({
        trustedRoot: async () => sigstore.trustedRoot,
        publicKeyPem: key.publicKeyPem,
      }),
    );
  const requestsOf = async (server: FakeGitHubApi, run: () => Promise<unknown>) => {
    const from = server.requests.length;
    await run();
    return server.requests.slice(from);
  };

  it('reads the attestations of the expected source repository for the digest, verified', async () => {
    api.add(
      FLEET.repository,
      DIGEST,
      bundleToJSON(await sigstore.attest(statement, FLEET_RELEASE)) as object,
    );
    api.add(FLEET.repository, DIGEST, bundleToJSON(attestWithKey(statement, key.privateKey)) as object);
    const asked: object[] = [];
    let entries: Awaited<ReturnType<GitHubAttestationSource['find']>> = [];
    const requests = await requestsOf(api, async () => {
      const recordingAsked = (image: { registry: string; repository: string }) => {
        asked.push(image);
        return FLEET.repository;
      };
      entries = await sourceOn(api, '', recordingAsked).find(IMAGE, DIGEST);
    });
    assert.deepEqual(asked, [IMAGE]);
    assert.deepEqual(requests, [pageRequest(FLEET.repository, 1)]);
    assert.deepEqual(
      entries.map((entry) => [
        entry.source,
        entry.digest,
        'signer' in entry ? entry.signer.kind : 'unreadable',
      ]),
      [
        ['github', DIGEST, 'keyless'],
        ['github', DIGEST, 'key'],
      ],
    );
    const [keyless] = entries;
    assert.ok(keyless && 'signer' in keyless && keyless.signer.kind === 'keyless');
    assert.equal(keyless.signer.claims.san, FLEET_RELEASE.san);
    assert.equal(keyless.provenance.sourceRepository, FLEET.repository);
  });

  it('sends the token as a bearer token, and no Authorization header without one', async () => {
    const from = api.authorizations.length;
    await sourceOn(api, 'ghs_token123').find(IMAGE, OTHER);
    await sourceOn(api, '').find(IMAGE, OTHER);
    assert.deepEqual(api.authorizations.slice(from), ['Bearer ghs_token123', undefined]);
  });

  it('follows the next-page links, five pages at most', async () => {
    for (let n = 0; n < 3; n++)
      smallPages.add(
        'rancher/three',
        DIGEST,
        bundleToJSON(attestWithKey(statement, key.privateKey)) as object,
      );
    for (let n = 0; n < 7; n++)
      smallPages.add(
        'rancher/seven',
        DIGEST,
        bundleToJSON(attestWithKey(statement, key.privateKey)) as object,
      );
    let found = 0;
    const three = await requestsOf(smallPages, async () => {
      found = (await sourceOn(smallPages, '', () => 'rancher/three').find(IMAGE, DIGEST)).length;
    });
    assert.deepEqual(
      three,
      [1, 2, 3].map((page) => pageRequest('rancher/three', page)),
    );
    assert.equal(found, 3);
    const seven = await requestsOf(smallPages, async () => {
      found = (await sourceOn(smallPages, '', () => 'rancher/seven').find(IMAGE, DIGEST)).length;
    });
    assert.deepEqual(
      seven,
      [1, 2, 3, 4, 5].map((page) => pageRequest('rancher/seven', page)),
    );
    assert.equal(found, 5);
  });

  it('answers nothing when the API has no attestations for the digest (404)', async () => {
    assert.deepEqual(await sourceOn(api).find(IMAGE, OTHER), []);
  });

  it('throws, naming the repository, when the API refuses (the gate reports the source unreadable)', async () => {
    api.failNext(401, 1);
    await assert.rejects(sourceOn(api).find(IMAGE, DIGEST), {
      message: `GitHub attestations API for ${FLEET.repository}: HTTP 401`,
    });
  });

  it('keeps only attestations that carry a bundle, and reads an answer without a list as none', async () => {
    const odd = await startFakeGitHubApi(100, (_req, res, url) => {
      if (!url.pathname.startsWith('/repos/rancher/odd-')) return false;
      const body = {
        '/repos/rancher/odd-entries': {
          attestations: [
            { bundle: bundleToJSON(attestWithKey(statement, key.privateKey)) },
            { bundle: null },
            { bundle: 'text' },
            null,
          ],
        },
        '/repos/rancher/odd-shape': { attestations: 'none' },
        '/repos/rancher/odd-null': null,
      }[url.pathname.replace(/\/attestations\/.*$/, '')];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return true;
    });
    try {
      const kindsFor = async (repository: string) =>
        (await sourceOn(odd, '', () => repository).find(IMAGE, DIGEST)).map((entry) =>
          'signer' in entry ? entry.signer.kind : 'unreadable',
        );
      assert.deepEqual(await kindsFor('rancher/odd-entries'), ['key']);
      assert.deepEqual(await kindsFor('rancher/odd-shape'), []);
      assert.deepEqual(await kindsFor('rancher/odd-null'), []);
    } finally {
      await odd.stop();
    }
  });
});
