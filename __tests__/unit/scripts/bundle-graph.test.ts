import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_OPTIONS } from '../../../scripts/bundle-options.mjs';

/**
 * What a key-signed release without a log loads: the entry, the action, the key reader and the signing
 * services, with everything they import statically. Rekor, TSA, Fulcio and TUF clients, provenance
 * sources, the GitHub API client and globbing load only when a run asks for them.
 */
const KEY_RELEASE_CHUNKS = [
  'src/index.ts',
  'src/action.ts',
  'src/sigstore/cosign-key.ts',
  'src/signing-services.ts',
];

/** Packages (or package files) that cost start-up tens of milliseconds each and that such a run never uses. */
const LOADED_ON_DEMAND = [
  'node_modules/undici/index.js',
  'node_modules/@sigstore/sign/dist/index.js',
  'node_modules/@sigstore/tuf/',
  'node_modules/tuf-js/',
  'node_modules/make-fetch-happen/',
  'node_modules/@actions/glob/',
  // The provenance policy's parser: the largest module of start-up, for runs that have no policy.
  'node_modules/yaml/',
];

/** The chunks of `entries` and the chunks they import statically. */
function chunksOf(metafile: Metafile, entries: readonly string[]): Set<string> {
  const pending = Object.entries(metafile.outputs)
    .filter(([, output]) => output.entryPoint !== undefined && entries.includes(output.entryPoint))
    .map(([path]) => path);
  assert.equal(pending.length, entries.length, 'each of the run’s chunks is found');
  const seen = new Set<string>();
  while (pending.length > 0) {
    const path = pending.pop() ?? '';
    if (seen.has(path)) continue;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
  }
  return seen;
}

/** Every source file in those chunks. */
function loadedWith(metafile: Metafile, entries: readonly string[]): string[] {
  return [...chunksOf(metafile, entries)].flatMap((path) =>
    Object.keys(metafile.outputs[path]?.inputs ?? {}),
  );
}

describe('the bundle a key-signed release loads', () => {
  let metafile: Metafile;
  before(async () => {
    ({ metafile } = await build({ ...BUNDLE_OPTIONS, write: false, metafile: true, logLevel: 'silent' }));
  });

  it('leaves out the clients and libraries only other runs use', () => {
    const loaded = loadedWith(metafile, KEY_RELEASE_CHUNKS);
    for (const heavy of LOADED_ON_DEMAND)
      assert.deepEqual(
        loaded.filter((input) => input.includes(heavy)),
        [],
        `${heavy} is loaded by every key-signed run`,
      );
    // The check sees what it claims to: the registry client's own undici parts are there.
    assert.ok(loaded.some((input) => input.includes('node_modules/undici/lib/dispatcher/agent.js')));
    // And the on-demand parts are in the bundle, for the runs that ask for them.
    const all = Object.keys(metafile.inputs);
    for (const heavy of LOADED_ON_DEMAND)
      assert.ok(
        all.some((input) => input.includes(heavy)),
        `${heavy} is in the bundle`,
      );
  });

  it('imports node:http and node:https through require(), never as ESM (whose facade loads Node’s own undici)', () => {
    const esmImports = [...chunksOf(metafile, KEY_RELEASE_CHUNKS)].flatMap((path) =>
      (metafile.outputs[path]?.imports ?? [])
        .filter((imported) => imported.kind === 'import-statement' && /^(node:)?https?$/.test(imported.path))
        .map((imported) => `${path} imports ${imported.path}`),
    );
    assert.deepEqual(esmImports, []);
    // What would otherwise import them as ESM is loaded: @actions/http-client.
    assert.ok(
      loadedWith(metafile, KEY_RELEASE_CHUNKS).some((input) => input.includes('@actions/http-client/')),
    );
  });
});

describe('npm run bundle', () => {
  it('runs on a Node that cannot strip types (the machine’s own may be older than the action’s)', () => {
    const imports = [...readFileSync('scripts/bundle.mjs', 'utf8').matchAll(/from '(\.[^']+)'/g)].map(
      (match) => match[1],
    );
    assert.deepEqual(imports, ['./bundle-options.mjs']);
    const loaded = execFileSync(
      process.execPath,
      [
        '--no-experimental-strip-types',
        '--input-type=module',
        '-e',
        "const { BUNDLE_OPTIONS } = await import('./scripts/bundle-options.mjs'); console.log(BUNDLE_OPTIONS.entryPoints.join(' '))",
      ],
      { encoding: 'utf8' },
    );
    assert.equal(loaded.trim(), 'src/index.ts src/cli.ts');
  });
});
