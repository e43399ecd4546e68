import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Entries turned into text and written at once: a large release's report is megabytes of JSON, and as
 * one string it was made twice (the JSON, then with its line break) beside the outputs (issue 18).
 */
const ENTRIES_PER_WRITE = 128;

/**
 * Writes every entry of the `signatures` output, uncut, to `<dir>/release-signer/report.json`: the one
 * place the whole report fits when a step output (1 MB) cannot hold it. The file holds
 * `JSON.stringify(entries)` and a line break. Returns its path.
 */
export function writeReportFile(entries: readonly unknown[], tempDir: string): string {
  const dir = join(tempDir, 'release-signer');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'report.json');
  const fd = openSync(path, 'w');
  try {
    writeAll(fd, '[');
    for (let start = 0; start < entries.length; start += ENTRIES_PER_WRITE) {
      // As JSON.stringify writes an array's elements: what has no JSON text is `null`.
      const texts = entries
        .slice(start, start + ENTRIES_PER_WRITE)
        .map((entry) => JSON.stringify(entry) ?? 'null');
      writeAll(fd, `${start > 0 ? ',' : ''}${texts.join(',')}`);
    }
    writeAll(fd, ']\n');
  } finally {
    closeSync(fd);
  }
  return path;
}

/** writeSync may write less than it is given: the rest follows. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let written = 0; written < bytes.length;)
    written += writeSync(fd, bytes, written, bytes.length - written);
}
