import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes every entry of the `signatures` output, uncut, to `<dir>/release-signer/report.json`: the one
 * place the whole report fits when a step output (1 MB) cannot hold it. Returns its path.
 */
export function writeReportFile(entries: readonly unknown[], tempDir: string): string {
  const dir = join(tempDir, 'release-signer');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'report.json');
  writeFileSync(path, `${JSON.stringify(entries)}\n`);
  return path;
}
