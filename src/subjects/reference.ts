import { SignerError } from '../errors.ts';

/** A sha256 digest, `sha256:<64 lowercase hex>`. */
export type Digest = `sha256:${string}`;

/** An image pinned by digest: the only thing this action signs. */
export interface ImageRef {
  /** Registry host as used on the wire (`index.docker.io` for Docker Hub), with port if any. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `acme/app`. */
  readonly repository: string;
  readonly digest: Digest;
  /** A tag given alongside the digest, kept for reporting only. */
  readonly tag?: string;
}

const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
// Grammar from distribution/reference: path components of lowercase alphanumerics joined by
// separators (`.`, `_`, `__`, `-`+), components joined by `/`.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_PATTERN = /^[\w][\w.-]{0,127}$/;
const DOCKER_HUB = 'index.docker.io';

export function isDigest(value: string): value is Digest {
  return DIGEST_PATTERN.test(value);
}

/**
 * Parses `name[:tag]@sha256:<hex>`, normalising Docker Hub short names the way docker does
 * (`alpine` → `index.docker.io/library/alpine`). `where` names the input for error messages.
 */
export function parseImageRef(text: string, where: string): ImageRef {
  const value = text.trim();
  const fail = (why: string, fix: string): never => {
    throw new SignerError('SUBJECT_INVALID', `${where}: '${value}' ${why}. ${fix}`);
  };
  const at = value.indexOf('@');
  if (at < 0) {
    fail(
      'has no digest',
      'Signing a tag is unsafe: the tag can move between the build and the signature. Use the digest your build step printed (name@sha256:…)',
    );
  }
  const namePart = value.slice(0, at);
  const digest = value.slice(at + 1);
  if (!isDigest(digest))
    fail('has a malformed digest', 'A digest is sha256: followed by 64 lowercase hex characters');

  let name = namePart;
  let tag: string | undefined;
  const lastSlash = namePart.lastIndexOf('/');
  const colon = namePart.lastIndexOf(':');
  if (colon > lastSlash) {
    name = namePart.slice(0, colon);
    tag = namePart.slice(colon + 1);
    if (!TAG_PATTERN.test(tag))
      fail(`has an invalid tag '${tag}'`, 'Tags are up to 128 characters of [A-Za-z0-9_.-]');
  }

  const { registry, repository } = splitRegistry(name);
  if (repository.split('/').some((part) => !PATH_COMPONENT.test(part))) {
    fail(
      'has an invalid repository name',
      'Repository names are lowercase letters, digits and . _ - separated by /',
    );
  }
  return { registry, repository, digest: digest as Digest, ...(tag ? { tag } : {}) };
}

function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const looksLikeHost = first.includes('.') || first.includes(':') || first === 'localhost';
  if (!looksLikeHost) {
    return { registry: DOCKER_HUB, repository: slash < 0 ? `library/${name}` : name };
  }
  const registry = first === 'docker.io' ? DOCKER_HUB : first;
  const repository = name.slice(slash + 1);
  return {
    registry,
    repository: registry === DOCKER_HUB && !repository.includes('/') ? `library/${repository}` : repository,
  };
}

/** `registry/repository` as cosign writes it into `docker-reference` (no tag, no digest). */
export function toRepositoryName(ref: Pick<ImageRef, 'registry' | 'repository'>): string {
  return `${ref.registry}/${ref.repository}`;
}

export function toDigestRef(ref: Pick<ImageRef, 'registry' | 'repository' | 'digest'>): string {
  return `${toRepositoryName(ref)}@${ref.digest}`;
}

/** cosign's tag for data about a digest: `sha256-<hex>` plus a suffix (`.sig`, `.att`, or none). */
export function toDigestTag(digest: Digest, suffix: '' | '.sig' | '.att'): string {
  return `${digest.replace(':', '-')}${suffix}`;
}
