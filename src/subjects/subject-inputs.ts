import { readFileSync, statSync } from 'node:fs';
import { describeCause } from '../errors.ts';
import { invalid, readBoolean, readList, type InputSource } from '../input-source.ts';
import { parseBuildMetadata } from './build-push.ts';
import { ARTIFACT_TYPE_FILTERS, parseGoreleaserArtifacts, type ArtifactTypeFilter } from './goreleaser.ts';
import { parseImageName, parseImageRef, type ImageRef } from './reference.ts';
import { dedupeImages, type SkippedSubject, type Subjects, type TagRef } from './subject.ts';
import { escapeUntrusted, quoteUntrusted } from '../util/untrusted.ts';

const MAX_ARTIFACTS_BYTES = 64 * 1024 * 1024;

/** `images`: one per line, or a JSON list (as a matrix or another step may produce it). */
function readImageLines(source: InputSource): string[] {
  const raw = source.get('images').trim();
  if (raw.startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(raw);
    } catch {
      throw invalid(
        'images',
        'starts with [ but is not a JSON list',
        'Give a JSON list of strings, or one image per line',
      );
    }
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw invalid(
        'images',
        'is not a JSON list of strings',
        'Give a JSON list of strings, or one image per line',
      );
    }
    return list.map((item: string) => item.trim()).filter(Boolean);
  }
  return readList(source, 'images');
}

/** `goreleaser-artifacts`: goreleaser-action's `artifacts` output (JSON) or the path of dist/artifacts.json. */
export function readGoreleaserText(source: InputSource): string | undefined {
  const value = source.get('goreleaser-artifacts').trim();
  if (!value) return undefined;
  if (value.startsWith('[')) return value;
  try {
    if (statSync(value).size > MAX_ARTIFACTS_BYTES)
      throw new Error(`larger than ${MAX_ARTIFACTS_BYTES} bytes`);
    return readFileSync(value, 'utf8');
  } catch (err) {
    throw invalid(
      'goreleaser-artifacts',
      `${quoteUntrusted(value)} cannot be read (${escapeUntrusted(describeCause(err))})`,
      "Give the path of dist/artifacts.json, or goreleaser-action's artifacts output",
    );
  }
}

/** `artifact-types`: goreleaser's docker_signs.artifacts, same values, same default (''). */
function readArtifactTypes(source: InputSource): ArtifactTypeFilter {
  const value = source.get('artifact-types').trim();
  const filter = ARTIFACT_TYPE_FILTERS.find((known) => known === value);
  if (filter === undefined)
    throw invalid(
      'artifact-types',
      `${quoteUntrusted(value)} is not a filter`,
      "Use 'none', 'images', 'manifests' or 'all', or leave it empty for dockers_v2 images, as goreleaser's docker_signs.artifacts",
    );
  return filter;
}

/** `filesOnly`: release files are signed, so a run without images is not a mistake. */
export function readSubjects(source: InputSource, options: { filesOnly?: boolean } = {}): Subjects {
  const resolveTags = readBoolean(source, 'resolve-tags', false);
  const images: ImageRef[] = [];
  const tagsToResolve: TagRef[] = [];
  readImageLines(source).forEach((line, index) => {
    const where = `Input 'images', line ${index + 1}`;
    const parsed = parseImageName(line, where);
    if (parsed.digest) images.push(parseImageRef(line, where));
    else if (resolveTags && parsed.tag)
      tagsToResolve.push({
        registry: parsed.registry,
        repository: parsed.repository,
        tag: parsed.tag,
        origin: where,
      });
    else parseImageRef(line, where); // throws the explanation of why a tag is not signed
  });
  const skipped: SkippedSubject[] = [];
  const notices: string[] = [];
  const goreleaser = readGoreleaserText(source);
  if (goreleaser !== undefined) {
    const fromGoreleaser = parseGoreleaserArtifacts(
      goreleaser,
      readArtifactTypes(source),
      "Input 'goreleaser-artifacts'",
    );
    images.push(...fromGoreleaser.images);
    skipped.push(...fromGoreleaser.skipped);
    if (fromGoreleaser.nothingMatched) notices.push(fromGoreleaser.nothingMatched);
  }
  const metadata = source.get('build-metadata').trim();
  if (metadata) images.push(...parseBuildMetadata(metadata));
  // goreleaser's filter choosing nothing is a success there too: said in a notice, not an error.
  const noImages = images.length === 0 && tagsToResolve.length === 0;
  if (noImages && skipped.length === 0 && notices.length === 0 && !options.filesOnly) {
    throw invalid(
      'images',
      'no image was given',
      "List images as registry/repository@sha256:<digest>, or set 'goreleaser-artifacts' or 'build-metadata' (or 'files' to sign release files only)",
    );
  }
  return { images: dedupeImages(images), tagsToResolve, skipped, notices };
}
