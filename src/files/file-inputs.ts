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
  /** `goreleaser-files`: which of goreleaser's artifacts are signed as files; empty for `none`. */
  readonly goreleaserFilters: readonly GoreleaserFileFilter[];
  /** goreleaser's artifacts.json text (`goreleaser-artifacts`), when the filter needs it. */
  readonly goreleaserArtifacts?: string;
  /** `upload-to-release`: attach each bundle to the release of the pushed tag. */
  readonly uploadToRelease: boolean;
}

/**
 * `goreleaser-files`: one of goreleaser's signs.artifacts values, or several separated by commas or lines
 * (`checksum, archive`), as a goreleaser config with one `signs` entry for each.
 */
export function readFilesConfig(source: InputSource, goreleaserArtifacts: string | undefined): FilesConfig {
  const values = source
    .get('goreleaser-files')
    .split(/[,\r\n]+/)
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '');
  const filters = values.map((value) => {
    const filter = GORELEASER_FILE_FILTERS.find((known) => known === value);
    if (filter === undefined)
      throw invalid(
        'goreleaser-files',
        `${quoteUntrusted(value)} is not a filter`,
        `Use one or more of ${GORELEASER_FILE_FILTERS.map((name) => `'${name}'`).join(', ')}, as goreleaser's signs.artifacts`,
      );
    return filter;
  });
  const goreleaserFilters = [...new Set(filters.filter((filter) => filter !== 'none'))];
  if (goreleaserFilters.length > 0 && filters.includes('none'))
    throw invalid('goreleaser-files', "'none' beside other filters", "Use 'none' alone, or leave it out");
  if (goreleaserFilters.length > 0 && goreleaserArtifacts === undefined)
    throw invalid(
      'goreleaser-files',
      `'${goreleaserFilters.join(', ')}' needs goreleaser's artifacts`,
      "Set 'goreleaser-artifacts' to dist/artifacts.json or goreleaser-action's artifacts output",
    );
  return {
    patterns: readList(source, 'files'),
    goreleaserFilters,
    ...(goreleaserFilters.length > 0 && goreleaserArtifacts !== undefined ? { goreleaserArtifacts } : {}),
    uploadToRelease: readBoolean(source, 'upload-to-release', false),
  };
}

/** Whether the run signs any release file at all. */
export function wantsFiles(config: FilesConfig): boolean {
  return config.patterns.length > 0 || config.goreleaserFilters.length > 0;
}
