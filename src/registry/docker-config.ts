import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SignerError, describeCause } from '../errors.ts';
import type { BasicCredential } from './auth.ts';

/** Runs `docker-credential-<helper> get` with the host on stdin; resolves its stdout. */
export type CredentialHelperRunner = (helper: string, host: string) => Promise<string>;

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const MAX_CONFIG_BYTES = 1024 * 1024;
const DOCKER_HUB_KEYS = [
  'https://index.docker.io/v1/',
  'index.docker.io',
  'docker.io',
  'registry-1.docker.io',
];

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`; an absent file means no credentials. */
export function readDockerConfig(env: NodeJS.ProcessEnv = process.env): DockerConfigFile {
  const path = join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  try {
    if (text.length > MAX_CONFIG_BYTES) throw new Error('too large');
    return JSON.parse(text) as DockerConfigFile;
  } catch (err) {
    throw new SignerError(
      'REGISTRY_AUTH',
      `${path} is not valid JSON (${describeCause(err)}). Fix it, or pass 'registry-username' and 'registry-password'.`,
    );
  }
}

/** Keys a host may be stored under: the host itself, and Docker Hub's historical spellings. */
function keysFor(host: string): string[] {
  return host === 'index.docker.io' ? DOCKER_HUB_KEYS : [host, `https://${host}`, `http://${host}`];
}

/**
 * Credentials for one host as docker resolves them: a per-host helper, then the global store, then
 * `auths`. Exact host match only, so credentials never reach a look-alike host.
 */
export async function credentialFromDockerConfig(
  config: DockerConfigFile,
  host: string,
  runHelper: CredentialHelperRunner,
): Promise<BasicCredential | undefined> {
  const keys = keysFor(host);
  const helper = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
  if (helper) {
    const fromHelper = await fromCredentialHelper(
      helper,
      keys[0] === 'https://index.docker.io/v1/' ? keys[0] : host,
      runHelper,
    );
    if (fromHelper) return fromHelper;
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.identitytoken) return { username: '<token>', password: entry.identitytoken };
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return undefined;
}

async function fromCredentialHelper(
  helper: string,
  host: string,
  runHelper: CredentialHelperRunner,
): Promise<BasicCredential | undefined> {
  if (!/^[\w.-]+$/.test(helper))
    throw new SignerError(
      'REGISTRY_AUTH',
      `Docker config names credential helper '${helper}', which is not a helper name.`,
    );
  let output: string;
  try {
    output = await runHelper(helper, host);
  } catch {
    // A helper that knows nothing of the host exits non-zero ("credentials not found"): fall back to auths.
    return undefined;
  }
  try {
    const parsed = JSON.parse(output) as { Username?: string; Secret?: string };
    if (!parsed.Secret) return undefined;
    return { username: parsed.Username ?? '', password: parsed.Secret };
  } catch {
    throw new SignerError(
      'REGISTRY_AUTH',
      `docker-credential-${helper} answered something other than JSON for ${host}.`,
    );
  }
}
