import { SignerError } from '../errors.ts';
import { parseImageName, type ImageRef } from './reference.ts';
import type { SkippedSubject } from './subject.ts';

// goreleaser's dist/artifacts.json (internal/artifact/artifact.go): an array of
// {name, path, type, extra{Digest, ...}}. The type *string* is stable; internal_type numbers shift.
const IMAGE_TYPES = ['Docker Image', 'Published Docker Image'];
const MANIFEST_TYPES = ['Docker Manifest'];
const MAX_ENTRIES = 20_000;

export type ArtifactTypeFilter = 'images' | 'manifests' | 'all';

interface Artifact {
  name?: unknown;
  type?: unknown;
  extra?: { Digest?: unknown } | null;
}

export interface GoreleaserSubjects {
  readonly images: ImageRef[];
  readonly skipped: SkippedSubject[];
}

/**
 * Images from `dist/artifacts.json` (or goreleaser-action's `artifacts` output), filtered like
 * goreleaser's `docker_signs.artifacts`. A "Docker Image" without a digest was not pushed: it is skipped.
 */
export function parseGoreleaserArtifacts(
  json: string,
  filter: ArtifactTypeFilter,
  where: string,
): GoreleaserSubjects {
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
  const wanted =
    filter === 'images'
      ? IMAGE_TYPES
      : filter === 'manifests'
        ? MANIFEST_TYPES
        : [...IMAGE_TYPES, ...MANIFEST_TYPES];
  const images: ImageRef[] = [];
  const skipped: SkippedSubject[] = [];
  artifacts.forEach((entry: Artifact, index) => {
    if (typeof entry !== 'object' || entry === null) return;
    const type = typeof entry.type === 'string' ? entry.type : '';
    if (!wanted.includes(type)) return;
    const name = typeof entry.name === 'string' ? entry.name : '';
    const digest = entry.extra && typeof entry.extra.Digest === 'string' ? entry.extra.Digest : '';
    if (!digest) {
      skipped.push({
        name: name || `entry ${index}`,
        reason: `goreleaser did not push it (a ${type} without a digest)`,
      });
      return;
    }
    const parsed = parseImageName(`${name}@${digest}`, `${where}, entry ${index} (${type})`);
    images.push({
      registry: parsed.registry,
      repository: parsed.repository,
      digest: parsed.digest as ImageRef['digest'],
      ...(parsed.tag ? { tag: parsed.tag } : {}),
    });
  });
  return { images, skipped };
}
