import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deadExports,
  folderPicture,
  importCycles,
  importsOf,
  longFiles,
  readTree,
} from '../../../scripts/structure.ts';
import { REPO_ROOT } from '../../harness/tools.ts';

describe('the structure checks (scripts/structure.ts)', () => {
  const tree = new Map([
    ['src/main.ts', "import { a } from './registry/a.ts';\nexport function run() { return a; }\n"],
    ['src/registry/a.ts', "import { b } from './b.ts';\nexport const a = b;\n"],
    [
      'src/registry/b.ts',
      [
        "import type { a } from './a.ts';",
        'export const b = 1;',
        'export const unused = 2;',
        'export const inner = 3;',
        'export const c = inner;',
        'export interface Shape { n: number }',
        'export function make(): Shape { return { n: c }; }',
        'export type Nowhere = 1;',
      ].join('\n'),
    ],
    ['__tests__/main.test.ts', "import { run } from '../src/main.ts';\nrun();\n"],
  ]);

  it('resolves relative imports and draws the picture by folder', () => {
    const imports = importsOf(tree);
    assert.deepEqual(imports.get('src/registry/a.ts'), ['src/registry/b.ts']);
    assert.deepEqual(folderPicture(imports).get('(top)'), ['registry']);
    assert.deepEqual(folderPicture(imports).get('registry'), []);
  });

  it('finds a cycle, even through type imports', () => {
    assert.deepEqual(importCycles(importsOf(tree)), [['src/registry/a.ts', 'src/registry/b.ts']]);
  });

  it('finds a value nothing else names and a type named nowhere; a type of its own file stays, tests count as users', () => {
    assert.deepEqual(deadExports(tree), [
      'src/registry/b.ts: unused',
      'src/registry/b.ts: inner',
      'src/registry/b.ts: c',
      'src/registry/b.ts: make',
      'src/registry/b.ts: Nowhere',
    ]);
  });

  it('finds a file over 300 lines', () => {
    const long = new Map([['src/long.ts', 'x\n'.repeat(301)]]);
    assert.deepEqual(longFiles(long), [{ file: 'src/long.ts', lines: 301 }]);
    assert.deepEqual(longFiles(new Map([['src/ok.ts', 'x\n'.repeat(300)]])), []);
  });
});

describe('src/ as it is', () => {
  const tree = readTree(REPO_ROOT, ['src', '__tests__', 'scripts', 'bench']);
  const imports = importsOf(tree);

  it('has no import cycle', () => {
    assert.deepEqual(importCycles(imports), []);
  });

  it('has no source file over 300 lines', () => {
    assert.deepEqual(longFiles(tree), []);
  });

  it('has no export that nothing uses', () => {
    assert.deepEqual(deadExports(tree), []);
  });

  it('keeps the lower layers below: registry/, sigstore/ and util/ import no pipeline, report or provenance code', () => {
    const picture = folderPicture(imports);
    for (const lower of ['registry', 'sigstore', 'util']) {
      const above = (picture.get(lower) ?? []).filter((folder) =>
        ['provenance', 'report', 'signatures', 'files'].includes(folder),
      );
      assert.deepEqual(above, [], `${lower}/ imports ${above.join(', ')}`);
    }
    assert.deepEqual(picture.get('util'), []);
  });
});
