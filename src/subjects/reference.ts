import { SignerError } from '../errors.ts';
import type { Digest } from '../util/digest.ts';
import { quoteUntrusted } from '../util/untrusted.ts';

export type { Digest };

/** An image pinned by digest: the only thing this action signs. */
export interface ImageRef {
  /** Registry host as used on the wire (`index.docker.io` for Docker Hub), with port if any. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `acme/app`. */
  readonly repository: string;
  readonly digest: Digest;
  /** A tag given alongside the digest, kept for reporting only. */
  readonly tag?: string;
  /** Every tag the inputs gave for this digest (goreleaser lists one entry per tag). */
  readonly tags?: readonly string[];
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
/** Splits `name[:tag][@digest]` into its parts, normalising Docker Hub names; validates each part. */
export function parseImageName(
  text: string,
  where: string,
): { registry: string; repository: string; tag?: string; digest?: Digest } {
  const value = text.trim();
  const fail = (why: string, fix: string): never => {
    throw new SignerError('SUBJECT_INVALID', `${where}: ${quoteUntrusted(value)} ${why}. ${fix}`);
  };
  // A YAML plain or folded scalar (`images: >` or no block indicator) joins the list's lines with spaces.
  const words = value.split(/\s+/);
  if (words.length > 1)
    fail(`holds ${words.length} images on one line`, 'Write one image per line (`images: |`)');
  const at = value.indexOf('@');
  const namePart = at < 0 ? value : value.slice(0, at);
  const digest = at < 0 ? undefined : value.slice(at + 1);
  if (digest !== undefined && !isDigest(digest))
    fail('has a malformed digest', 'A digest is sha256: followed by 64 lowercase hex characters');
  let name = namePart;
  let tag: string | undefined;
  const lastSlash = namePart.lastIndexOf('/');
  const colon = namePart.lastIndexOf(':');
  if (colon > lastSlash) {
    name = namePart.slice(0, colon);
    tag = namePart.slice(colon + 1);
    if (!TAG_PATTERN.test(tag))
      fail(`has an invalid tag ${quoteUntrusted(tag)}`, 'Tags are up to 128 characters of [A-Za-z0-9_.-]');
  }
  if (!name) fail('has no repository name', 'Write registry/repository@sha256:<digest>');
  const { registry, repository } = splitRegistry(name);
  if (repository.split('/').some((part) => !PATH_COMPONENT.test(part))) {
    fail(
      'has an invalid repository name',
      'Repository names are lowercase letters, digits and . _ - separated by /',
    );
  }
  return { registry, repository, ...(tag ? { tag } : {}), ...(digest ? { digest: digest as Digest } : {}) };
}

export function parseImageRef(text: string, where: string): ImageRef {
  const parsed = parseImageName(text, where);
  if (!parsed.digest) {
    throw new SignerError(
      'SUBJECT_INVALID',
      `${where}: ${quoteUntrusted(text.trim())} has no digest. Signing a tag is unsafe: the tag can move between the build and the signature. Use the digest your build step printed (name@sha256:…), or set 'resolve-tags: true' to resolve it once.`,
    );
  }
  return {
    registry: parsed.registry,
    repository: parsed.repository,
    digest: parsed.digest,
    ...(parsed.tag ? { tag: parsed.tag } : {}),
  };
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

/**
 * The tag for data about a digest: `sha256-<hex>` plus cosign's suffix (`.sig`, `.att`), or none for the
 * referrers tag schema (distribution-spec "Referrers Tag Schema") and bundle file names.
 */
export function toDigestTag(digest: Digest, suffix: '' | '.sig' | '.att'): string {
  return `${digest.replace(':', '-')}${suffix}`;
}
