import { SignerError } from '../errors.ts';
import { parseArtifactList } from '../subjects/goreleaser.ts';
import { quoteUntrusted } from '../util/untrusted.ts';
import type { GoreleaserFileFilter } from './file-inputs.ts';

// goreleaser's artifact type strings (internal/artifact/artifact.go) chosen by each `signs.artifacts`
// value (internal/pipe/sign/sign.go): the type *string* is stable, the numbers are not.
const ARCHIVE = 'Archive';
const BINARY = 'Binary';
const SOURCE = 'Source';
const CHECKSUM = 'Checksum';
const PACKAGE = 'Linux Package';
const SBOM = 'SBOM';

const TYPES_BY_FILTER: Readonly<Record<GoreleaserFileFilter, readonly string[]>> = {
  none: [],
  checksum: [CHECKSUM],
  source: [SOURCE],
  archive: [ARCHIVE],
  binary: [BINARY],
  package: [PACKAGE],
  sbom: [SBOM],
  all: [ARCHIVE, BINARY, SOURCE, CHECKSUM, PACKAGE, SBOM],
};

/**
 * The paths (as goreleaser wrote them, relative to where it ran) of the artifacts the filters choose, in
 * artifacts.json order; a filter that chooses nothing is an error, as a misspelt intent would be.
 */
export function selectGoreleaserFiles(
  json: string,
  filters: readonly GoreleaserFileFilter[],
  where: string,
): string[] {
  const wanted = new Set(filters.flatMap((filter) => TYPES_BY_FILTER[filter]));
  const paths: string[] = [];
  const seenTypes = new Set<string>();
  parseArtifactList(json, where).forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const entry = item as { type?: unknown; path?: unknown };
    if (typeof entry.type !== 'string' || !wanted.has(entry.type)) return;
    if (typeof entry.path !== 'string' || entry.path === '')
      throw new SignerError(
        'INPUT_INVALID',
        `${where}, entry ${index} (${quoteUntrusted(entry.type)}) has no path. Pass dist/artifacts.json as goreleaser wrote it.`,
      );
    seenTypes.add(entry.type);
    paths.push(entry.path);
  });
  const unmatched = filters.filter((filter) => !TYPES_BY_FILTER[filter].some((type) => seenTypes.has(type)));
  if (unmatched.length > 0)
    throw new SignerError(
      'INPUT_INVALID',
      `Input 'goreleaser-files': '${unmatched.join(', ')}' matched no artifact in ${where}. Check goreleaser's output, or set 'goreleaser-files' to others of goreleaser's signs.artifacts values.`,
    );
  return paths;
}
