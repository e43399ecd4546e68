import { isOwnContentEvent } from './github/event-trust.ts';
import { readNamedKey } from './signing-key-inputs.ts';
import { startReadingKeyEarly } from './sigstore/cosign-key.ts';

/** An input as the runner passes it and @actions/core reads it (INPUT_<NAME>, trimmed), without loading that. */
const runnerInput =
  (env: NodeJS.ProcessEnv) =>
  (name: string): string =>
    (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/**
 * Starts deriving the signing key before the action's code loads, for a run that will most likely sign
 * with it: a key is given, signing is not keyless, the event carries only this repository's content and
 * no dry run is asked for. Nothing is logged here. A wrong guess costs time only: the run reads the key
 * itself, or leaves this read unused.
 */
export function startKeyForRun(
  env: NodeJS.ProcessEnv,
  start: (pem: string, password: string) => unknown = startReadingKeyEarly,
): void {
  const input = runnerInput(env);
  if (!['', 'key'].includes(input('signing').toLowerCase())) return;
  if (input('dry-run').toLowerCase() === 'true' || !isOwnContentEvent(env.GITHUB_EVENT_NAME ?? '')) return;
  const { keyPem, password } = readNamedKey({ get: input, env: (name) => env[name] });
  if (keyPem.includes('-----BEGIN ')) start(keyPem, password);
}
