import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestRegistry } from './registry.ts';

/**
 * Every file in the registry's storage with a hash of its content: blobs, manifests, tag links,
 * upload sessions. Two equal snapshots mean the run wrote nothing at all.
 */
export function snapshotRegistry(registry: TestRegistry): Map<string, string> {
  const root = join(registry.workDir, 'data');
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        files.set(`${relative(root, path)}/`, '');
        walk(path);
      } else {
        files.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    }
  };
  walk(root);
  return files;
}
