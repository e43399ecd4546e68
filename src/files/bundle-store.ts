import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { BUNDLE_SUFFIX } from './collect.ts';

/** Where a file's bundle goes: `<file>.sigstore.json` beside it, as `cosign sign-blob --bundle` is told. */
export function bundlePathFor(absolutePath: string): string {
  return `${absolutePath}${BUNDLE_SUFFIX}`;
}

/** Writes bundles beside their files; the dry run's store keeps them instead. */
export interface BundleStore {
  /** Writes `json` at `path` whole, and returns what a reader now finds there. */
  write(path: string, json: string): Promise<string>;
}

/** Nothing half-written: a bundle appears by rename, complete, so an upload never picks up a partial one. */
export const fileBundleStore: BundleStore = {
  async write(path, json) {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, json, { mode: 0o644 });
      await rename(temporary, path);
    } finally {
      await rm(temporary, { force: true });
    }
    return readFile(path, 'utf8');
  },
};

/** The dry run's store: records what would be written, touches no file. */
export class RecordingBundleStore implements BundleStore {
  readonly kept: { path: string; bytes: number }[] = [];

  async write(path: string, json: string): Promise<string> {
    this.kept.push({ path, bytes: Buffer.byteLength(json) });
    return json;
  }
}
