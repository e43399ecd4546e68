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

/** The paths (as goreleaser wrote them, relative to where it ran) of the artifacts the filter chooses. */
export function selectGoreleaserFiles(json: string, filter: GoreleaserFileFilter, where: string): string[] {
  const wanted = TYPES_BY_FILTER[filter];
  const paths: string[] = [];
  parseArtifactList(json, where).forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const entry = item as { type?: unknown; path?: unknown };
    if (typeof entry.type !== 'string' || !wanted.includes(entry.type)) return;
    if (typeof entry.path !== 'string' || entry.path === '')
      throw new SignerError(
        'INPUT_INVALID',
        `${where}, entry ${index} (${quoteUntrusted(entry.type)}) has no path. Pass dist/artifacts.json as goreleaser wrote it.`,
      );
    paths.push(entry.path);
  });
  if (paths.length === 0)
    throw new SignerError(
      'INPUT_INVALID',
      `Input 'goreleaser-files': '${filter}' matched no artifact in ${where}. Check goreleaser's output, or set 'goreleaser-files' to another of goreleaser's signs.artifacts values.`,
    );
  return paths;
}
