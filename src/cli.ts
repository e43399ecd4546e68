import { readFileSync } from 'node:fs';
import { parseFlags, readFlagSpecs, renderHelp, UsageError } from './cli-flags.ts';
import { readRunContext } from './github/context.ts';
import { readConfig, type InputSource } from './inputs.ts';
import { failRun, run } from './main.ts';
import type { ReportSink } from './report/sinks.ts';

// Only the JSON goes to stdout, so `| jq` reads it; @actions/core logs to stdout, so every other write,
// the step's log included, is sent to stderr.
const writeJson = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;

const sink: ReportSink = {
  async write(outputs, summaryMarkdown) {
    process.stderr.write(`\n${summaryMarkdown}\n`);
    writeJson(`${JSON.stringify(outputs, null, 2)}\n`);
  },
};

const specs = readFlagSpecs(readFileSync(new URL('../action.yml', import.meta.url), 'utf8'));
const argv = process.argv.slice(2);
if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
  writeJson(renderHelp(specs));
} else {
  let flags: Map<string, string> | undefined;
  try {
    flags = parseFlags(argv, specs);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`release-signer: ${err.message}. See release-signer --help.\n`);
    process.exitCode = 2;
  }
  if (flags) {
    const given = flags;
    try {
      // Outside Actions nothing reads add-mask commands: printing one would print the secret.
      const source: InputSource = {
        get: (name) => given.get(name) ?? '',
        env: (name) => process.env[name],
        mask: () => undefined,
      };
      await run(await readConfig(source), readRunContext(), {
        maskSecret: source.mask,
        requestIdToken: () =>
          Promise.reject(new Error('outside GitHub Actions there is no runner token: pass --identity-token')),
        sink,
      });
    } catch (err) {
      await failRun(err, sink);
    }
  }
}
