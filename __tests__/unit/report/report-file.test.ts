import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeReportFile } from '../../../src/report/report-file.ts';

describe('writeReportFile', () => {
  it('writes the entries as one JSON array and a line break, however many there are', () => {
    for (const count of [0, 1, 127, 128, 129, 1000]) {
      const temp = mkdtempSync(join(tmpdir(), 'rs-report-'));
      const entries = Array.from({ length: count }, (_, i) => ({
        image: `registry.example/app-${i}`,
        status: i % 7 === 0 ? 'failed' : 'signed',
        note: i % 5 === 0 ? 'quoted "text" and ünïcödé' : undefined,
      }));

      const path = writeReportFile(entries, temp);

      assert.equal(path, join(temp, 'release-signer', 'report.json'));
      assert.equal(readFileSync(path, 'utf8'), `${JSON.stringify(entries)}\n`, `${count} entries`);
    }
  });

  it('writes what has no JSON text as null, as JSON.stringify does in an array', () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-report-'));
    const entries = [{ a: 1 }, undefined, () => 'no JSON'];
    assert.equal(readFileSync(writeReportFile(entries, temp), 'utf8'), `${JSON.stringify(entries)}\n`);
  });
});
