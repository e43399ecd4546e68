import { SignerError } from '../errors.ts';
import { quoteUntrusted } from '../util/untrusted.ts';
import { isDigest, parseImageName, type ImageRef } from './reference.ts';
import type { SkippedSubject } from './subject.ts';

// goreleaser's dist/artifacts.json (internal/artifact/artifact.go): an array of
// {name, path, type, extra{Digest, ...}}. The type *string* is stable; internal_type numbers shift.
// "Docker Image" is both a dockers_v2 image and the legacy `dockers:` image before its push (which carries
// extra.DockerConfig and never a digest); the legacy pushed image is "Published Docker Image".
const DOCKERS_V2_IMAGE = 'Docker Image';
const LEGACY_PUBLISHED_IMAGE = 'Published Docker Image';
const DOCKER_MANIFEST = 'Docker Manifest';
const MAX_ENTRIES = 20_000;

/** goreleaser's `docker_signs.artifacts` values; '' (its default) means dockers_v2 images only. */
export const ARTIFACT_TYPE_FILTERS = ['', 'none', 'images', 'manifests', 'all'] as const;
export type ArtifactTypeFilter = (typeof ARTIFACT_TYPE_FILTERS)[number];

// internal/pipe/sign/sign_docker.go (v2.18): `manifests` includes dockers_v2 images too, which are indexes.
const TYPES_BY_FILTER: Readonly<Record<ArtifactTypeFilter, readonly string[]>> = {
  '': [DOCKERS_V2_IMAGE],
  none: [],
  images: [DOCKERS_V2_IMAGE, LEGACY_PUBLISHED_IMAGE],
  manifests: [DOCKER_MANIFEST, DOCKERS_V2_IMAGE],
  all: [DOCKERS_V2_IMAGE, LEGACY_PUBLISHED_IMAGE, DOCKER_MANIFEST],
};

interface Artifact {
  name?: unknown;
  type?: unknown;
  extra?: { Digest?: unknown; DockerConfig?: unknown; ID?: unknown } | null;
}

/** A chosen image and the ko config it came from, when it is a manifest. */
interface Chosen {
  readonly image: ImageRef;
  readonly koId?: string;
}

export interface GoreleaserSubjects {
  readonly images: ImageRef[];
  readonly skipped: SkippedSubject[];
  /** Set when the filter chose nothing: says what artifacts.json held that another filter would sign. */
  readonly nothingMatched?: string;
}

/** The filter as the message names it: goreleaser's default has no name of its own. */
function describeFilter(filter: ArtifactTypeFilter): string {
  return filter === '' ? "'' (goreleaser's default: dockers_v2 images)" : `'${filter}'`;
}

/** The legacy `dockers:` image before its push: goreleaser's filters never choose it, its pushed twin is signed. */
function isLegacyUnpushedImage(entry: Artifact, type: string): boolean {
  return type === DOCKERS_V2_IMAGE && entry.extra?.DockerConfig !== undefined && !entry.extra.Digest;
}

/**
 * goreleaser ≤ 2.17 names ko's pushes `host/repo@sha256:X` (issue 6925): the name's digest must be the one in
 * extra.Digest, which is then signed; the name without it is the image's name.
 */
function stripNameDigest(name: string, digest: string, where: string): string {
  const at = name.lastIndexOf('@');
  if (at < 0) return name;
  const named = name.slice(at + 1);
  if (named !== digest || !isDigest(named)) {
    throw new SignerError(
      'SUBJECT_INVALID',
      `${where}: ${quoteUntrusted(name)} names digest ${quoteUntrusted(named)} but extra.Digest is ${quoteUntrusted(digest)}. Which one was pushed is unknown, so nothing is signed: check goreleaser's output, or list the image in 'images' by digest.`,
    );
  }
  return name.slice(0, at);
}

/**
 * ko pushes every tag of its config to every repository, but goreleaser names the first repository's push
 * without its tags when there are several (`host/repo`, v2.18; `host/repo@sha256:…`, v2.17), and each copy to
 * another repository once per tag: an untagged manifest takes the tags of its copies (same config, same digest).
 */
function withSiblingTags(chosen: readonly Chosen[]): ImageRef[] {
  const tagsOf = new Map<string, string[]>();
  for (const { image, koId } of chosen) {
    if (!koId || !image.tag) continue;
    const key = `${koId}@${image.digest}`;
    tagsOf.set(key, [...new Set([...(tagsOf.get(key) ?? []), image.tag])]);
  }
  return chosen.map(({ image, koId }) => {
    const tags = koId && !image.tag ? tagsOf.get(`${koId}@${image.digest}`) : undefined;
    return tags?.[0] ? { ...image, tag: tags[0], tags } : image;
  });
}

export function parseArtifactList(json: string, where: string): unknown[] {
  let artifacts: unknown;
  try {
    artifacts = JSON.parse(json);
  } catch {
    throw new SignerError(
      'INPUT_INVALID',
      `${where} is not JSON. Pass dist/artifacts.json or goreleaser-action's 'artifacts' output.`,
    );
  }
  if (!Array.isArray(artifacts))
    throw new SignerError(
      'INPUT_INVALID',
      `${where} is not a JSON array of artifacts, as goreleaser writes it.`,
    );
  if (artifacts.length > MAX_ENTRIES)
    throw new SignerError('INPUT_INVALID', `${where} has more than ${MAX_ENTRIES} entries.`);
  return artifacts;
}

/**
 * Images from `dist/artifacts.json` (or goreleaser-action's `artifacts` output), filtered like
 * goreleaser's `docker_signs.artifacts`. An image without a digest was not pushed: it is skipped.
 */
export function parseGoreleaserArtifacts(
  json: string,
  filter: ArtifactTypeFilter,
  where: string,
): GoreleaserSubjects {
  const wanted = TYPES_BY_FILTER[filter];
  const chosen: Chosen[] = [];
  const skipped: SkippedSubject[] = [];
  const unmatched = new Map<string, number>();
  parseArtifactList(json, where).forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const entry = item as Artifact;
    const type = typeof entry.type === 'string' ? entry.type : '';
    if (isLegacyUnpushedImage(entry, type) || !TYPES_BY_FILTER.all.includes(type)) return;
    if (!wanted.includes(type)) {
      unmatched.set(type, (unmatched.get(type) ?? 0) + 1);
      return;
    }
    const name = typeof entry.name === 'string' ? entry.name : '';
    const digest = entry.extra && typeof entry.extra.Digest === 'string' ? entry.extra.Digest : '';
    if (!digest) {
      skipped.push({
        name: name || `entry ${index}`,
        reason: `goreleaser did not push it (a ${type} without a digest)`,
      });
      return;
    }
    const entryWhere = `${where}, entry ${index} (${type})`;
    const parsed = parseImageName(`${stripNameDigest(name, digest, entryWhere)}@${digest}`, entryWhere);
    const id = typeof entry.extra?.ID === 'string' ? entry.extra.ID : undefined;
    chosen.push({
      image: {
        registry: parsed.registry,
        repository: parsed.repository,
        digest: parsed.digest as ImageRef['digest'],
        ...(parsed.tag ? { tag: parsed.tag } : {}),
      },
      ...(type === DOCKER_MANIFEST && id ? { koId: id } : {}),
    });
  });
  const images = withSiblingTags(chosen);
  if (images.length > 0 || skipped.length > 0) return { images, skipped };
  if (filter === 'none')
    return {
      images,
      skipped,
      nothingMatched: "artifact-types is 'none': goreleaser's images are not signed.",
    };
  const present = [...unmatched].map(([type, count]) => `${count} ${type}`).join(', ');
  return {
    images,
    skipped,
    nothingMatched: `artifact-types ${describeFilter(filter)} matched no image in goreleaser's artifacts${present ? `; it lists ${present}: set 'artifact-types' to 'manifests', 'images' or 'all' to sign them` : ''}.`,
  };
}
