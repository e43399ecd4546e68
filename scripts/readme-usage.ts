// Renders the README's inputs and outputs tables from action.yml, so they cannot drift.
//   node scripts/readme-usage.ts          rewrite README.md
//   node scripts/readme-usage.ts --check  exit 1 when README.md is not what action.yml says
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../__tests__/harness/tools.ts';

interface ActionYaml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const cell = (text: string): string => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

export function renderUsage(actionYaml: string): string {
  const action = parse(actionYaml) as ActionYaml;
  const inputs = Object.entries(action.inputs).map(([name, input]) => {
    const fallback = input.required ? '(required)' : input.default ? `\`${input.default}\`` : '(empty)';
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`;
  });
  const outputs = Object.entries(action.outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`,
  );
  return [
    '### Inputs',
    '',
    '| name | default | what it does |',
    '| --- | --- | --- |',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| name | what it holds |',
    '| --- | --- |',
    ...outputs,
  ].join('\n');
}

const START = '<!-- usage:start (generated from action.yml by scripts/readme-usage.ts) -->';
const END = '<!-- usage:end -->';

export function withUsage(readme: string, usage: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
  return `${readme.slice(0, start + START.length)}\n\n${usage}\n\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readmePath = join(REPO_ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = withUsage(readme, renderUsage(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')));
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('README.md inputs/outputs differ from action.yml: run node scripts/readme-usage.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(readmePath, updated);
  }
}
