import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './tools.ts';

/**
 * Reads a workflow file as the runner would for the release-signer step: its `with:` inputs, with every
 * `${{ … }}` expression evaluated against a table of values. A call of the reusable workflow is followed into
 * `.github/workflows/release-sign.yml`, its inputs (and their defaults) and secrets passed on. An expression
 * the table cannot answer throws, so a new one in an example cannot slip past its replay.
 */

/** Values of expression contexts by dotted path: `github.repository`, `steps.build.outputs.metadata`. */
export type ExpressionValues = Readonly<Record<string, string | boolean>>;

const ACTION = /^acme\/release-signer@[0-9a-f]{40}$/;
const REUSABLE = /^acme\/release-signer\/\.github\/workflows\/release-sign\.yml@[0-9a-f]{40}$/;
const REUSABLE_PATH = '.github/workflows/release-sign.yml';

type Value = string | boolean;
const truthy = (value: Value): boolean => value !== '' && value !== false;

/** The slice of GitHub's expression language the workflows use: paths, '…', ==, !=, &&, ||, ( ). */
function evaluate(expression: string, lookup: (path: string) => Value): Value {
  const tokens = expression.match(/'(?:[^']|'')*'|==|!=|&&|\|\||[()]|[\w.-]+/g) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== expression.replace(/\s/g, ''))
    throw new Error(`cannot read the expression ${expression}`);
  let position = 0;
  const next = (): string => tokens[position++] ?? '';
  const peek = (): string => tokens[position] ?? '';
  const primary = (): Value => {
    const token = next();
    if (token === '(') {
      const value = or();
      if (next() !== ')') throw new Error(`unbalanced ( in ${expression}`);
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (token === 'true' || token === 'false') return token === 'true';
    return lookup(token);
  };
  const comparison = (): Value => {
    const left = primary();
    if (peek() !== '==' && peek() !== '!=') return left;
    const equal = next() === '==';
    const right = primary();
    const same = String(left).toLowerCase() === String(right).toLowerCase();
    return equal ? same : !same;
  };
  const and = (): Value => {
    let value = comparison();
    while (peek() === '&&') {
      next();
      const right = comparison();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  function or(): Value {
    let value = and();
    while (peek() === '||') {
      next();
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  }
  const value = or();
  if (position !== tokens.length) throw new Error(`cannot read the expression ${expression}`);
  return value;
}

/** Replaces each `${{ … }}` of a `with:` value; a value that is one expression keeps its type. */
function substitute(text: unknown, lookup: (path: string) => Value): Value {
  if (typeof text === 'boolean' || typeof text === 'number') return String(text);
  const raw = String(text ?? '');
  const whole = /^\$\{\{(.*)\}\}$/s.exec(raw.trim());
  if (whole && !whole[1]?.includes('}}')) return evaluate(whole[1] ?? '', lookup);
  return raw.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => String(evaluate(expression, lookup)));
}

const fromTable =
  (values: ExpressionValues, file: string) =>
  (path: string): Value => {
    const value = values[path];
    if (value === undefined) throw new Error(`${file}: no value for \${{ ${path} }} in the replay's table`);
    return value;
  };

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly secrets?: Record<string, unknown>;
  readonly steps?: readonly Step[];
}
interface Workflow {
  readonly on?: { workflow_call?: { inputs?: Record<string, { default?: unknown }> } };
  readonly jobs: Record<string, Job>;
}

const readWorkflow = (file: string): Workflow =>
  parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as Workflow;

function stepInputs(step: Step, lookup: (path: string) => Value): Record<string, string> {
  return Object.fromEntries(
    Object.entries(step.with ?? {}).map(([name, text]) => [name, String(substitute(text, lookup))]),
  );
}

/** The release-signer step of the reusable workflow, called with `call.with` and `call.secrets`. */
function reusableInputs(call: Job, values: ExpressionValues, file: string): Record<string, string> {
  const reusable = readWorkflow(REUSABLE_PATH);
  const callerLookup = fromTable(values, file);
  const inputs: Record<string, Value> = {};
  for (const [name, declared] of Object.entries(reusable.on?.workflow_call?.inputs ?? {}))
    inputs[name] = typeof declared.default === 'boolean' ? declared.default : String(declared.default ?? '');
  for (const [name, text] of Object.entries(call.with ?? {})) {
    if (!(name in inputs)) throw new Error(`${file}: the reusable workflow has no input '${name}'`);
    inputs[name] = substitute(text, callerLookup);
  }
  const secrets = Object.fromEntries(
    Object.entries(call.secrets ?? {}).map(([name, text]) => [name, substitute(text, callerLookup)]),
  );
  const lookup = (path: string): Value => {
    const [context, ...rest] = path.split('.');
    const name = rest.join('.');
    if (context === 'inputs') {
      const value = inputs[name];
      if (value === undefined) throw new Error(`${REUSABLE_PATH}: no input '${name}'`);
      return value;
    }
    if (context === 'secrets') return secrets[name] ?? '';
    return callerLookup(path);
  };
  const step = Object.values(reusable.jobs)
    .flatMap((job) => job.steps ?? [])
    .find((candidate) => ACTION.test(candidate.uses ?? ''));
  if (!step) throw new Error(`${REUSABLE_PATH} has no release-signer step`);
  return stepInputs(step, lookup);
}

/** The inputs the release-signer step of `file` receives, as the runner would pass them. */
export function replayInputs(file: string, values: ExpressionValues): Record<string, string> {
  const workflow = readWorkflow(file);
  for (const job of Object.values(workflow.jobs)) {
    if (REUSABLE.test(job.uses ?? '')) return reusableInputs(job, values, file);
    const step = (job.steps ?? []).find((candidate) => ACTION.test(candidate.uses ?? ''));
    if (step) return stepInputs(step, fromTable(values, file));
  }
  throw new Error(`${file} uses release-signer nowhere`);
}
