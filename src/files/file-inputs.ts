import { invalid, readBoolean, readList, type InputSource } from '../input-source.ts';
import { quoteUntrusted } from '../util/untrusted.ts';

/** goreleaser's `signs.artifacts` values (internal/pipe/sign/sign.go), same names, same default. */
const GORELEASER_FILE_FILTERS = [
  'none',
  'checksum',
  'source',
  'archive',
  'binary',
  'package',
  'sbom',
  'all',
] as const;
export type GoreleaserFileFilter = (typeof GORELEASER_FILE_FILTERS)[number];

/** Release files to sign as Sigstore bundles, and where the bundles go. */
export interface FilesConfig {
  /** `files`: paths or globs, relative to GITHUB_WORKSPACE, one per line. */
  readonly patterns: readonly string[];
  /** `goreleaser-files`: which of goreleaser's artifacts are signed as files. */
  readonly goreleaserFilter: GoreleaserFileFilter;
  /** goreleaser's artifacts.json text (`goreleaser-artifacts`), when the filter needs it. */
  readonly goreleaserArtifacts?: string;
  /** `upload-to-release`: attach each bundle to the release of the pushed tag. */
  readonly uploadToRelease: boolean;
}

export function readFilesConfig(source: InputSource, goreleaserArtifacts: string | undefined): FilesConfig {
  const value = source.get('goreleaser-files').trim().toLowerCase() || 'none';
  const goreleaserFilter = GORELEASER_FILE_FILTERS.find((known) => known === value);
  if (goreleaserFilter === undefined)
    throw invalid(
      'goreleaser-files',
      `${quoteUntrusted(value)} is not a filter`,
      `Use one of ${GORELEASER_FILE_FILTERS.map((name) => `'${name}'`).join(', ')}, as goreleaser's signs.artifacts`,
    );
  if (goreleaserFilter !== 'none' && goreleaserArtifacts === undefined)
    throw invalid(
      'goreleaser-files',
      `'${goreleaserFilter}' needs goreleaser's artifacts`,
      "Set 'goreleaser-artifacts' to dist/artifacts.json or goreleaser-action's artifacts output",
    );
  return {
    patterns: readList(source, 'files'),
    goreleaserFilter,
    ...(goreleaserFilter !== 'none' && goreleaserArtifacts !== undefined ? { goreleaserArtifacts } : {}),
    uploadToRelease: readBoolean(source, 'upload-to-release', false),
  };
}

/** Whether the run signs any release file at all. */
export function wantsFiles(config: FilesConfig): boolean {
  return config.patterns.length > 0 || config.goreleaserFilter !== 'none';
}
