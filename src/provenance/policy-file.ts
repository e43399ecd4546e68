import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { invalid } from '../input-source.ts';
import { quoteUntrusted } from '../util/untrusted.ts';

export const MAX_POLICY_BYTES = 256 * 1024;

const FIX = 'Give the path of a policy file inside the workspace (the repository), or the policy inline';

/** One line that names a file: an existing path, or a name ending as a policy file does. */
function looksLikePath(value: string, workspace: string): boolean {
  if (value.includes('\n') || value.startsWith('{')) return false;
  return /\.(ya?ml|json)$/i.test(value) || existsSync(resolve(workspace, value));
}

/**
 * The `provenance-policy` input as text: inline YAML/JSON as given, or the content of the file it names.
 * A file is read only from inside the workspace, symlinks followed first, so the input cannot be used to
 * read (and quote back, in an error) a file the workflow did not check out.
 */
export function readPolicyText(value: string, workspace: string): string {
  const trimmed = value.trim();
  if (!trimmed || !looksLikePath(trimmed, workspace)) return value;
  const shown = quoteUntrusted(trimmed);
  let real: string;
  let root: string;
  try {
    real = realpathSync(resolve(workspace, trimmed));
    root = realpathSync(workspace);
  } catch {
    throw invalid('provenance-policy', `${shown} is not a file in the workspace`, FIX);
  }
  const inside = relative(root, real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw invalid('provenance-policy', `${shown} is outside the workspace ${quoteUntrusted(root)}`, FIX);
  }
  const stat = statSync(real);
  if (!stat.isFile()) throw invalid('provenance-policy', `${shown} is not a file`, FIX);
  if (stat.size > MAX_POLICY_BYTES)
    throw invalid('provenance-policy', `${shown} is larger than ${MAX_POLICY_BYTES} bytes`, FIX);
  try {
    return readFileSync(real, 'utf8');
  } catch {
    throw invalid('provenance-policy', `${shown} cannot be read`, FIX);
  }
}
