import { readRunContext } from './github/context.ts';
import { readConfig, type InputSource } from './inputs.ts';
import { failRun, run } from './main.ts';
import { cliSink } from './report/sinks.ts';

const USAGE = `release-signer: sign container images as the GitHub Action does, outside Actions.

  release-signer --images <ref@sha256:…> [--images …] [--key env://COSIGN_KEY] [--tlog-upload false] …

Every input of action.yml is a flag of the same name; repeat a flag for list inputs. Keyless signing needs
--identity-token. Outputs are printed as JSON on stdout, the summary on stderr; exit code 1 on any failure.`;

/** Flags named like the inputs: `--name value` or `--name=value`; repeated flags make a list. */
function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--'))
      throw new Error(`unexpected argument '${arg}'; flags look like --images <ref>`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    const value = eq > 0 ? arg.slice(eq + 1) : (argv[++i] ?? '');
    flags.set(name, flags.has(name) ? `${flags.get(name)}\n${value}` : value);
  }
  return flags;
}

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.length === 0) {
  process.stdout.write(`${USAGE}\n`);
} else {
  try {
    const flags = parseFlags(argv);
    // Outside Actions nothing reads add-mask commands: printing one would print the secret.
    const source: InputSource = {
      get: (name) => flags.get(name) ?? '',
      env: (name) => process.env[name],
      mask: () => undefined,
    };
    await run(readConfig(source), readRunContext(), {
      maskSecret: source.mask,
      requestIdToken: () =>
        Promise.reject(new Error('outside GitHub Actions there is no runner token: pass --identity-token')),
      sink: cliSink,
    });
  } catch (err) {
    failRun(err);
  }
}
