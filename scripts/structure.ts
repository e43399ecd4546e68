// The shape of src/ as DESIGN.md describes it, checked: which folder imports which, no import cycle,
// no source file over 300 lines, no export nothing else uses.
//   node scripts/structure.ts        prints the picture and exits 1 on a cycle, a long file or a dead export
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const MAX_LINES = 300;

/** A source tree in memory: path relative to the repository → text. */
export type SourceTree = ReadonlyMap<string, string>;

export function readTree(root: string, folders: readonly string[]): SourceTree {
  const tree = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mjs)$/.test(name)) tree.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return tree;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

/** Each file's relative imports, resolved to repository paths. */
export function importsOf(tree: SourceTree): Map<string, string[]> {
  const imports = new Map<string, string[]>();
  for (const [file, text] of tree) {
    const targets = [...text.matchAll(IMPORT)].map((match) =>
      relative('.', resolve(dirname(file), match[1] ?? match[2] ?? '')),
    );
    imports.set(file, [...new Set(targets)]);
  }
  return imports;
}

/** `src/registry/client.ts` → `registry`; files directly in src/ are `(top)`. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length <= 2 ? '(top)' : (parts[1] ?? '(top)');
}

/** Which folder of src/ imports which other folders. */
export function folderPicture(imports: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const picture = new Map<string, Set<string>>();
  for (const [file, targets] of imports) {
    if (!file.startsWith('src/')) continue;
    const from = folderOf(file);
    const to = picture.get(from) ?? new Set<string>();
    for (const target of targets) if (folderOf(target) !== from) to.add(folderOf(target));
    picture.set(from, to);
  }
  return new Map(
    [...picture].sort(([a], [b]) => a.localeCompare(b)).map(([from, to]) => [from, [...to].sort()]),
  );
}

/** Every import cycle among the files, each as the list of files around it. */
export function importCycles(imports: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (file: string, path: string[]): void => {
    state.set(file, 'open');
    path.push(file);
    for (const target of imports.get(file) ?? []) {
      if (!imports.has(target)) continue;
      if (state.get(target) === 'open') cycles.push(path.slice(path.indexOf(target)));
      else if (!state.has(target)) visit(target, path);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of imports.keys()) if (!state.has(file)) visit(file, []);
  return cycles;
}

export function longFiles(tree: SourceTree): { file: string; lines: number }[] {
  return [...tree]
    .filter(([file]) => file.startsWith('src/'))
    .map(([file, text]) => ({ file, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) }))
    .filter(({ lines }) => lines > MAX_LINES);
}

/**
 * Exports under src/ that nothing else needs: a value (function, class, constant) no other file names
 * (tests, scripts and benchmarks count), or a type named nowhere at all. A type named only in its own file
 * stays exported: it spells out the parameters of what the file exports.
 */
export function deadExports(tree: SourceTree): string[] {
  const dead: string[] = [];
  for (const [file, text] of tree) {
    if (!file.startsWith('src/')) continue;
    const exported = text.matchAll(
      /^export (?:async )?(function|class|const|let|interface|type|abstract class) (\w+)/gm,
    );
    for (const [, kind, name] of exported) {
      const mention = new RegExp(`\\b${name}\\b`);
      const usedElsewhere = [...tree].some(([other, otherText]) => other !== file && mention.test(otherText));
      const usedInside = (text.match(new RegExp(mention, 'g')) ?? []).length > 1;
      const isType = kind === 'interface' || kind === 'type';
      if (!usedElsewhere && !(isType && usedInside)) dead.push(`${file}: ${name}`);
    }
  }
  return dead;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
  const tree = readTree(root, ['src', '__tests__', 'scripts', 'bench']);
  const imports = importsOf(tree);
  for (const [from, to] of folderPicture(imports)) console.log(`${from.padEnd(12)} → ${to.join(', ')}`);
  const problems = [
    ...importCycles(imports).map((cycle) => `import cycle: ${cycle.join(' → ')}`),
    ...longFiles(tree).map(({ file, lines }) => `${file}: ${lines} lines (at most ${MAX_LINES})`),
    ...deadExports(tree).map((entry) => `dead export ${entry}`),
  ];
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log('\nno import cycle, no file over 300 lines, no dead export');
}
