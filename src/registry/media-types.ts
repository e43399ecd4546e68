// Media types and headers of the OCI distribution and image specs, and cosign's own.
// https://github.com/opencontainers/image-spec/blob/v1.1.0/media-types.md
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_IMAGE_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';

export const MANIFEST_ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST].join(', ');

// cosign's signature layout: https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md
export const COSIGN_SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const COSIGN_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
export const COSIGN_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
export const COSIGN_CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
export const COSIGN_CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
export const COSIGN_TIMESTAMP_ANNOTATION = 'dev.sigstore.cosign/rfc3161timestamp';

// BuildKit marks attestation manifests inside an index with these annotations.
// https://github.com/moby/buildkit/blob/master/docs/attestations/attestation-storage.md
export const BUILDKIT_REFERENCE_TYPE = 'vnd.docker.reference.type';
export const BUILDKIT_ATTESTATION_MANIFEST = 'attestation-manifest';
/** The platform manifest an attestation manifest is about. */
export const BUILDKIT_REFERENCE_DIGEST = 'vnd.docker.reference.digest';

export const HEADER_DOCKER_CONTENT_DIGEST = 'docker-content-digest';
/** Set by a registry with the referrers API when it indexed a pushed manifest's subject. */
export const HEADER_OCI_SUBJECT = 'oci-subject';

/** Largest manifest we read: the distribution spec suggests registries accept at least 4 MiB. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Largest signature payload or config blob we read back. */
export const MAX_SMALL_BLOB_BYTES = 4 * 1024 * 1024;

export function isIndexMediaType(mediaType: string | undefined): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

// Sigstore bundles as OCI 1.1 referrers: https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md
export const SIGSTORE_BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const SIGSTORE_BUNDLE_PREFIX = 'application/vnd.dev.sigstore.bundle';
export const ANNOTATION_BUNDLE_CONTENT = 'dev.sigstore.bundle.content';
export const ANNOTATION_BUNDLE_PREDICATE_TYPE = 'dev.sigstore.bundle.predicateType';
export const ANNOTATION_CREATED = 'org.opencontainers.image.created';

/** The empty descriptor of OCI 1.1 artifacts: blob `{}`. */
export const EMPTY_CONFIG_BYTES = Buffer.from('{}');
export const EMPTY_CONFIG_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
