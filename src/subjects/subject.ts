import type { ImageRef } from './reference.ts';

/** An image by tag only, to be resolved to its digest once (`resolve-tags: true`). */
export interface TagRef {
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  /** Where it was given, for messages. */
  readonly origin: string;
}

/** Something the inputs named that will not be signed, and why (an unpushed goreleaser image). */
export interface SkippedSubject {
  readonly name: string;
  readonly reason: string;
}

/** What the inputs ask to sign, merged from every source. */
export interface Subjects {
  readonly images: readonly ImageRef[];
  readonly tagsToResolve: readonly TagRef[];
  readonly skipped: readonly SkippedSubject[];
  /** Said once in the log as a notice: a goreleaser filter that chose nothing. */
  readonly notices: readonly string[];
}

/** Whether the run signs any image (by digest, or by a tag to resolve), beside or instead of release files. */
export function hasImages(subjects: Subjects): boolean {
  return subjects.images.length > 0 || subjects.tagsToResolve.length > 0;
}

/** Merges by (registry, repository, digest), keeping every tag for reporting. */
export function dedupeImages(images: readonly ImageRef[]): ImageRef[] {
  const byKey = new Map<string, ImageRef>();
  for (const image of images) {
    const key = `${image.registry}/${image.repository}@${image.digest}`;
    const existing = byKey.get(key);
    const tags = [
      ...new Set([
        ...(existing?.tags ?? (existing?.tag ? [existing.tag] : [])),
        ...(image.tags ?? (image.tag ? [image.tag] : [])),
      ]),
    ];
    const first = existing ?? image;
    byKey.set(key, { ...first, ...(tags[0] ? { tag: tags[0], tags } : {}) });
  }
  return [...byKey.values()];
}
