import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  quoteUntrusted
} from "./chunk-Y4GPJUWM.js";
import {
  SignerError
} from "./chunk-3XRRZSWV.js";

// src/files/collect.ts
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
var BUNDLE_SUFFIX = ".sigstore.json";
var MAX_FILES = 2e3;
function isInside(root, candidate) {
  const rel = relative(root, candidate);
  return rel === "" || !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}
function toReleaseFile(workspace, candidate, where) {
  let real;
  try {
    real = realpathSync(candidate);
  } catch (err) {
    throw new SignerError(
      "INPUT_INVALID",
      `${where}: ${quoteUntrusted(relative(workspace, candidate))} cannot be read. Check that the step that makes it ran first.`,
      err
    );
  }
  if (!isInside(workspace, real))
    throw new SignerError(
      "INPUT_INVALID",
      `${where}: ${quoteUntrusted(candidate)} is outside GITHUB_WORKSPACE (${quoteUntrusted(workspace)}). Only files of the workspace are signed: copy the file into it, or fix the path.`
    );
  return { absolutePath: real, path: relative(workspace, real) };
}
function toWorkspacePattern(workspace, line) {
  const negated = line.startsWith("!");
  const body = negated ? line.slice(1) : line;
  const absolute = resolve(workspace, body);
  if (!isInside(workspace, absolute))
    throw new SignerError(
      "INPUT_INVALID",
      `Input 'files': ${quoteUntrusted(line)} points outside GITHUB_WORKSPACE. Give paths relative to the workspace (e.g. dist/checksums.txt).`
    );
  return `${negated ? "!" : ""}${absolute}`;
}
async function collectPatternFiles(workspace, lines) {
  const root = realpathSync(workspace);
  const patterns = lines.map((line) => toWorkspacePattern(root, line));
  const exclusions = patterns.filter((pattern) => pattern.startsWith("!"));
  const files = [];
  if (patterns.length === 0) return files;
  const glob = await import("./glob-HNCM2S2X.js");
  for (const [index, pattern] of patterns.entries()) {
    if (pattern.startsWith("!")) continue;
    const globber = await glob.create([pattern, ...exclusions].join("\n"), {
      matchDirectories: false,
      implicitDescendants: false,
      followSymbolicLinks: true
    });
    const matches = (await globber.glob()).filter((path) => !path.endsWith(BUNDLE_SUFFIX));
    if (matches.length === 0)
      throw new SignerError(
        "INPUT_INVALID",
        `Input 'files', line ${index + 1}: ${quoteUntrusted(lines[index] ?? "")} matches no file in GITHUB_WORKSPACE. Check the path, and that the step that makes the file ran first.`
      );
    for (const match of matches) files.push(toReleaseFile(root, match, `Input 'files', line ${index + 1}`));
  }
  return files;
}
function collectGoreleaserFiles(workspace, paths) {
  const root = realpathSync(workspace);
  return paths.map((path) => {
    const where = "Input 'goreleaser-files'";
    const absolute = resolve(root, path);
    if (!isInside(root, absolute))
      throw new SignerError(
        "INPUT_INVALID",
        `${where}: goreleaser's artifact ${quoteUntrusted(path)} is outside GITHUB_WORKSPACE. Run goreleaser inside the workspace.`
      );
    return toReleaseFile(root, absolute, where);
  });
}
function dedupeFiles(files) {
  const seen = /* @__PURE__ */ new Map();
  for (const file of files) {
    if (!statSync(file.absolutePath).isFile())
      throw new SignerError(
        "INPUT_INVALID",
        `Input 'files': ${quoteUntrusted(file.path)} is not a regular file. Name files, not folders.`
      );
    if (!seen.has(file.absolutePath)) seen.set(file.absolutePath, file);
  }
  if (seen.size > MAX_FILES)
    throw new SignerError(
      "INPUT_INVALID",
      `Input 'files': ${seen.size} files matched, more than ${MAX_FILES}. Narrow the globs.`
    );
  return [...seen.values()];
}
async function collectReleaseFiles(config, workspace) {
  if (config.patterns.length === 0 && config.goreleaserPaths.length === 0) return [];
  return dedupeFiles([
    ...collectGoreleaserFiles(workspace, config.goreleaserPaths),
    ...await collectPatternFiles(workspace, config.patterns)
  ]);
}

export {
  BUNDLE_SUFFIX,
  collectReleaseFiles
};
