import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_OPTIONS } from '../../../scripts/bundle-options.ts';

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
];

async function bundleGraph(): Promise<Metafile> {
  const { metafile } = await build({ ...BUNDLE_OPTIONS, write: false, metafile: true, logLevel: 'silent' });
  return metafile;
}

/** Every source file in the chunks of `entries` and in the chunks they import statically. */
function loadedWith(metafile: Metafile, entries: readonly string[]): Set<string> {
  const outputs = Object.entries(metafile.outputs);
  const pending = outputs
    .filter(([, output]) => output.entryPoint !== undefined && entries.includes(output.entryPoint))
    .map(([path]) => path);
  assert.equal(pending.length, entries.length, 'each of the run’s chunks is found');
  const seen = new Set<string>();
  const inputs = new Set<string>();
  while (pending.length > 0) {
    const path = pending.pop() ?? '';
    if (seen.has(path)) continue;
    seen.add(path);
    const output = metafile.outputs[path];
    for (const input of Object.keys(output?.inputs ?? {})) inputs.add(input);
    for (const imported of output?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
  }
  return inputs;
}

describe('the bundle a key-signed release loads', () => {
  it('leaves out the clients and libraries only other runs use', async () => {
    const metafile = await bundleGraph();
    const loaded = [...loadedWith(metafile, KEY_RELEASE_CHUNKS)];
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
});
