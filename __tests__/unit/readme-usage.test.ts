import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderUsage, withUsage } from '../../scripts/readme-usage.ts';
import { REPO_ROOT } from '../harness/tools.ts';

describe('README usage tables', () => {
  const actionYaml = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');

  it('match action.yml (regenerate with node scripts/readme-usage.ts)', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    assert.equal(withUsage(readme, renderUsage(actionYaml)), readme);
  });

  it('list every input and output of action.yml', () => {
    const action = parse(actionYaml) as { inputs: object; outputs: object };
    const usage = renderUsage(actionYaml);
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
      assert.ok(usage.includes(`| \`${name}\` |`), name);
  });
});
