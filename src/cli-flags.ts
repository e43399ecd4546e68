import { parse } from 'yaml';

/** One flag of the CLI: an input of action.yml, under the same name. */
export interface FlagSpec {
  readonly name: string;
  readonly defaultValue: string;
  readonly summary: string;
}

/** A command line the CLI cannot read: said plainly, with the way out (`--help`). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface ActionInputs {
  readonly inputs?: Record<string, { description?: string; default?: string }>;
}

/** The first sentence of an input's description: enough for one line of `--help`. */
function firstSentence(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  const end = text.search(/\.(\s|$)/);
  return end > 0 ? text.slice(0, end + 1) : text;
}

/** The flags, from action.yml's inputs: the CLI and the action cannot drift apart. */
export function readFlagSpecs(actionYml: string): FlagSpec[] {
  const inputs = (parse(actionYml) as ActionInputs).inputs ?? {};
  return Object.entries(inputs).map(([name, input]) => ({
    name,
    defaultValue: String(input.default ?? ''),
    summary: firstSentence(input.description ?? ''),
  }));
}

/** The closest flag name, for "did you mean": shares a prefix, or differs only by hyphens. */
function closest(name: string, specs: readonly FlagSpec[]): string | undefined {
  const bare = (text: string): string => text.replace(/-/g, '');
  return (
    specs.find((spec) => bare(spec.name) === bare(name))?.name ??
    specs.find((spec) => spec.name.startsWith(name) || name.startsWith(spec.name))?.name
  );
}

/** `--name value` or `--name=value`, names from action.yml only; a repeated flag makes a list (one per line). */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): Map<string, string> {
  const known = new Set(specs.map((spec) => spec.name));
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--'))
      throw new UsageError(`unexpected argument '${arg}': flags look like --images <ref>`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    if (!known.has(name)) {
      const suggestion = closest(name, specs);
      throw new UsageError(
        `unknown flag --${name}${suggestion ? `; did you mean --${suggestion}?` : ''} Every flag is an input of action.yml`,
      );
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new UsageError(`--${name} needs a value (--${name} <value> or --${name}=<value>)`);
      value = next;
      i++;
    }
    flags.set(name, flags.has(name) ? `${flags.get(name)}\n${value}` : value);
  }
  return flags;
}

/** `--help`: what the CLI is, its defaults outside Actions, and every flag with its default. */
export function renderHelp(specs: readonly FlagSpec[]): string {
  const width = Math.max(...specs.map((spec) => spec.name.length)) + 4;
  const lines = specs.map((spec) => {
    const shown = spec.defaultValue.includes('${{') ? '' : spec.defaultValue;
    return `  --${spec.name.padEnd(width)}${spec.summary}${shown ? ` (default: ${shown})` : ''}`;
  });
  return `release-signer: sign container images as the GitHub Action does, outside Actions.

  release-signer --images <registry/repository@sha256:…> [--images …] --key env://COSIGN_KEY [flags]

Outside GitHub Actions:
  - Outputs are one JSON object on stdout; logs and the summary go to stderr. Exit code 1 on any failure,
    2 on a command line it cannot read.
  - Keyless signing needs --identity-token (there is no runner token); --key signs with a key.
  - Nothing says which repository, ref and commit built the images, so the provenance gate needs them:
    --provenance-source-repository owner/repo, --provenance-ref and --provenance-revision (or GITHUB_REPOSITORY,
    GITHUB_REF and GITHUB_SHA), or --provenance off.
  - dry-run auto is a real run (there is no pull request); --github-token is read from GITHUB_TOKEN.
  - A list flag takes one value per flag: --images a --images b.

Flags (every input of action.yml):
${lines.join('\n')}
`;
}
