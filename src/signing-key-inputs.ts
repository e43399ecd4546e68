import type { InputSource } from './input-source.ts';
import { quoteUntrusted } from './util/untrusted.ts';

/** The signing key and its password, as the inputs name them (not yet checked, not yet masked). */
export interface NamedKey {
  /** The PEM text; empty when none was given. */
  readonly keyPem: string;
  readonly password: string;
  /** Why `keyPem` is empty, for the error of a run that needs the key. */
  readonly missingKey: string;
}

/** `key` holds the PEM itself (as it arrives from a secret) or `env://NAME`; the password falls back to COSIGN_PASSWORD. */
export function readNamedKey(source: Pick<InputSource, 'get' | 'env'>): NamedKey {
  const given = source.get('key').trim();
  const password = source.get('key-password') || source.env('COSIGN_PASSWORD') || '';
  if (!given.startsWith('env://')) return { keyPem: given, password, missingKey: 'no signing key was given' };
  const variable = given.slice('env://'.length);
  return {
    keyPem: (source.env(variable) ?? '').trim(),
    password,
    missingKey: `environment variable ${quoteUntrusted(variable)} is empty or unset`,
  };
}
