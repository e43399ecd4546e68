import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as names from '../../../src/registry/media-types.ts';
import { sha256Digest } from '../../../src/util/digest.ts';

describe('media types and annotation keys', () => {
  // Other tools find what we write only under these exact spellings, so each is checked against its spec:
  // OCI image-spec v1.1.0 media-types.md, cosign SIGNATURE_SPEC.md and BUNDLE_SPEC.md, BuildKit
  // attestation-storage.md, distribution-spec v1.1.0.
  const spellings: [string, string, string][] = [
    ['OCI_MANIFEST', names.OCI_MANIFEST, 'application/vnd.oci.image.manifest.v1+json'],
    ['OCI_INDEX', names.OCI_INDEX, 'application/vnd.oci.image.index.v1+json'],
    ['DOCKER_MANIFEST', names.DOCKER_MANIFEST, 'application/vnd.docker.distribution.manifest.v2+json'],
    [
      'DOCKER_MANIFEST_LIST',
      names.DOCKER_MANIFEST_LIST,
      'application/vnd.docker.distribution.manifest.list.v2+json',
    ],
    ['OCI_IMAGE_CONFIG', names.OCI_IMAGE_CONFIG, 'application/vnd.oci.image.config.v1+json'],
    ['OCI_EMPTY', names.OCI_EMPTY, 'application/vnd.oci.empty.v1+json'],
    [
      'COSIGN_SIMPLE_SIGNING',
      names.COSIGN_SIMPLE_SIGNING,
      'application/vnd.dev.cosign.simplesigning.v1+json',
    ],
    ['COSIGN_SIGNATURE_ANNOTATION', names.COSIGN_SIGNATURE_ANNOTATION, 'dev.cosignproject.cosign/signature'],
    ['COSIGN_BUNDLE_ANNOTATION', names.COSIGN_BUNDLE_ANNOTATION, 'dev.sigstore.cosign/bundle'],
    ['COSIGN_CERTIFICATE_ANNOTATION', names.COSIGN_CERTIFICATE_ANNOTATION, 'dev.sigstore.cosign/certificate'],
    ['COSIGN_CHAIN_ANNOTATION', names.COSIGN_CHAIN_ANNOTATION, 'dev.sigstore.cosign/chain'],
    [
      'COSIGN_TIMESTAMP_ANNOTATION',
      names.COSIGN_TIMESTAMP_ANNOTATION,
      'dev.sigstore.cosign/rfc3161timestamp',
    ],
    ['BUILDKIT_REFERENCE_TYPE', names.BUILDKIT_REFERENCE_TYPE, 'vnd.docker.reference.type'],
    ['BUILDKIT_ATTESTATION_MANIFEST', names.BUILDKIT_ATTESTATION_MANIFEST, 'attestation-manifest'],
    ['BUILDKIT_REFERENCE_DIGEST', names.BUILDKIT_REFERENCE_DIGEST, 'vnd.docker.reference.digest'],
    ['HEADER_DOCKER_CONTENT_DIGEST', names.HEADER_DOCKER_CONTENT_DIGEST, 'docker-content-digest'],
    ['HEADER_OCI_SUBJECT', names.HEADER_OCI_SUBJECT, 'oci-subject'],
    ['SIGSTORE_BUNDLE_V03', names.SIGSTORE_BUNDLE_V03, 'application/vnd.dev.sigstore.bundle.v0.3+json'],
    ['SIGSTORE_BUNDLE_PREFIX', names.SIGSTORE_BUNDLE_PREFIX, 'application/vnd.dev.sigstore.bundle'],
    ['ANNOTATION_BUNDLE_CONTENT', names.ANNOTATION_BUNDLE_CONTENT, 'dev.sigstore.bundle.content'],
    [
      'ANNOTATION_BUNDLE_PREDICATE_TYPE',
      names.ANNOTATION_BUNDLE_PREDICATE_TYPE,
      'dev.sigstore.bundle.predicateType',
    ],
    ['ANNOTATION_CREATED', names.ANNOTATION_CREATED, 'org.opencontainers.image.created'],
  ];
  for (const [name, actual, spelled] of spellings) {
    it(`${name} is ${spelled}`, () => {
      assert.equal(actual, spelled);
    });
  }

  it('the empty descriptor digest is the digest of its bytes, {}', () => {
    assert.equal(names.EMPTY_CONFIG_BYTES.toString(), '{}');
    assert.equal(names.EMPTY_CONFIG_DIGEST, sha256Digest(names.EMPTY_CONFIG_BYTES));
  });

  it('reads at least the 4 MiB of manifest the distribution spec asks registries to accept', () => {
    assert.equal(names.MAX_MANIFEST_BYTES, 4 * 1024 * 1024);
    assert.ok(names.MAX_SMALL_BLOB_BYTES >= 4 * 1024 * 1024);
  });
});

describe('isIndexMediaType', () => {
  const cases: [string | undefined, boolean][] = [
    ['application/vnd.oci.image.index.v1+json', true],
    ['application/vnd.docker.distribution.manifest.list.v2+json', true],
    ['application/vnd.oci.image.manifest.v1+json', false],
    ['application/vnd.docker.distribution.manifest.v2+json', false],
    ['', false],
    [undefined, false],
  ];
  for (const [mediaType, isIndex] of cases) {
    it(`${isIndex ? 'takes' : 'does not take'} ${mediaType || String(mediaType)} for an index`, () => {
      assert.equal(names.isIndexMediaType(mediaType), isIndex);
    });
  }
});
