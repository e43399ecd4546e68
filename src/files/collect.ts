import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SignerError } from '../errors.ts';
import { quoteUntrusted } from '../util/untrusted.ts';

/** Our own output: a glob like `dist/*` must not sign last run's bundles. */
export const BUNDLE_SUFFIX = '.sigstore.json';
/** Files signed at most in one run: goreleaser releases have tens to a few hundred. */
const MAX_FILES = 2_000;

/** A release file to sign: where it is, and how reports name it (relative to the workspace). */
export interface ReleaseFile {
  readonly absolutePath: string;
  readonly path: string;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * A path inside the workspace, symlinks resolved: a link out of the workspace (to the runner's home,
 * another checkout) is refused like `../` is, so a pull request cannot have us sign and publish it.
 */
function toReleaseFile(workspace: string, candidate: string, where: string): ReleaseFile {
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch (err) {
    throw new SignerError(
      'INPUT_INVALID',
      `${where}: ${quoteUntrusted(relative(workspace, candidate))} cannot be read. Check that the step that makes it ran first.`,
      err,
    );
  }
  if (!isInside(workspace, real))
    throw new SignerError(
      'INPUT_INVALID',
      `${where}: ${quoteUntrusted(candidate)} is outside GITHUB_WORKSPACE (${quoteUntrusted(workspace)}). Only files of the workspace are signed: copy the file into it, or fix the path.`,
    );
  return { absolutePath: real, path: relative(workspace, real) };
}

/** One line of `files`, resolved against the workspace; a line that leaves it is refused before any glob. */
function toWorkspacePattern(workspace: string, line: string): string {
  const negated = line.startsWith('!');
  const body = negated ? line.slice(1) : line;
  const absolute = resolve(workspace, body);
  if (!isInside(workspace, absolute))
    throw new SignerError(
      'INPUT_INVALID',
      `Input 'files': ${quoteUntrusted(line)} points outside GITHUB_WORKSPACE. Give paths relative to the workspace (e.g. dist/checksums.txt).`,
    );
  return `${negated ? '!' : ''}${absolute}`;
}

/**
 * The files `files` names: each line a path or glob (@actions/glob syntax; `!` lines exclude). A line
 * that matches nothing is an error naming it: a release whose checksum file silently went unsigned is
 * worse than a failed step.
 */
export async function collectPatternFiles(
  workspace: string,
  lines: readonly string[],
): Promise<ReleaseFile[]> {
  const root = realpathSync(workspace);
  const patterns = lines.map((line) => toWorkspacePattern(root, line));
  const exclusions = patterns.filter((pattern) => pattern.startsWith('!'));
  const files: ReleaseFile[] = [];
  if (patterns.length === 0) return files;
  // Loaded here: most runs name no files, and the glob code is not worth their start-up time.
  const glob = await import('@actions/glob');
  for (const [index, pattern] of patterns.entries()) {
    if (pattern.startsWith('!')) continue;
    const globber = await glob.create([pattern, ...exclusions].join('\n'), {
      matchDirectories: false,
      implicitDescendants: false,
      followSymbolicLinks: true,
    });
    const matches = (await globber.glob()).filter((path) => !path.endsWith(BUNDLE_SUFFIX));
    if (matches.length === 0)
      throw new SignerError(
        'INPUT_INVALID',
        `Input 'files', line ${index + 1}: ${quoteUntrusted(lines[index] ?? '')} matches no file in GITHUB_WORKSPACE. Check the path, and that the step that makes the file ran first.`,
      );
    for (const match of matches) files.push(toReleaseFile(root, match, `Input 'files', line ${index + 1}`));
  }
  return files;
}

/** goreleaser's artifact paths, relative to where it ran (the workspace, for goreleaser-action). */
function collectGoreleaserFiles(workspace: string, paths: readonly string[]): ReleaseFile[] {
  const root = realpathSync(workspace);
  return paths.map((path) => {
    const where = "Input 'goreleaser-files'";
    const absolute = resolve(root, path);
    if (!isInside(root, absolute))
      throw new SignerError(
        'INPUT_INVALID',
        `${where}: goreleaser's artifact ${quoteUntrusted(path)} is outside GITHUB_WORKSPACE. Run goreleaser inside the workspace.`,
      );
    return toReleaseFile(root, absolute, where);
  });
}

/** Both sources, each file once, in input order; regular files only. */
function dedupeFiles(files: readonly ReleaseFile[]): ReleaseFile[] {
  const seen = new Map<string, ReleaseFile>();
  for (const file of files) {
    if (!statSync(file.absolutePath).isFile())
      throw new SignerError(
        'INPUT_INVALID',
        `Input 'files': ${quoteUntrusted(file.path)} is not a regular file. Name files, not folders.`,
      );
    if (!seen.has(file.absolutePath)) seen.set(file.absolutePath, file);
  }
  if (seen.size > MAX_FILES)
    throw new SignerError(
      'INPUT_INVALID',
      `Input 'files': ${seen.size} files matched, more than ${MAX_FILES}. Narrow the globs.`,
    );
  return [...seen.values()];
}

/** Every release file the inputs name, before any network call: a bad path fails the run at once. */
export async function collectReleaseFiles(
  config: {
    readonly patterns: readonly string[];
    readonly goreleaserPaths: readonly string[];
  },
  workspace: string,
): Promise<ReleaseFile[]> {
  if (config.patterns.length === 0 && config.goreleaserPaths.length === 0) return [];
  return dedupeFiles([
    ...collectGoreleaserFiles(workspace, config.goreleaserPaths),
    ...(await collectPatternFiles(workspace, config.patterns)),
  ]);
}
