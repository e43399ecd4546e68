import { readRunContext } from './github/context.ts';
import { readConfig, type InputSource } from './inputs.ts';
import { failRun, run } from './main.ts';

/**
 * The same pipeline outside Actions: flags named like the inputs (`--images`, `--key`, `--tlog-upload`…),
 * repeated flags for list inputs. Outputs and the summary go where the runner variables point, or to stdout.
 */
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

try {
  const flags = parseFlags(process.argv.slice(2));
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
  });
} catch (err) {
  failRun(err);
}
