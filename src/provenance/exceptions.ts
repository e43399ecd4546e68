import { SignerError } from '../errors.ts';
import { MAX_POLICY_BYTES } from './policy-file.ts';

/** Per-image exceptions: the image is built from another repository, or skips the gate (with a reason). */
export interface ImageException {
  readonly sourceRepository?: string;
  readonly skip?: string;
}

/** Per-source-repository overrides of who may sign its provenance. */
export interface RepositoryException {
  readonly identityRegex?: string;
  readonly workflows?: readonly string[];
  readonly builderRegex?: string;
}

/** The `provenance-policy` input: exceptions as data, each one reported when used. */
export interface ProvenanceExceptions {
  /** Keyed by repository path (`rancher/fleet-agent`) or `registry/repository`. */
  readonly images: Readonly<Record<string, ImageException>>;
  /** Keyed by source repository (`rancher/fleet`). */
  readonly repositories: Readonly<Record<string, RepositoryException>>;
}

const NO_EXCEPTIONS: ProvenanceExceptions = { images: {}, repositories: {} };

// Messages name a place in the policy (`images, entry 2`), never its keys or values: a policy may be a
// file, and an error must not become a way to read a file back.
function invalid(why: string): SignerError {
  return new SignerError(
    'INPUT_INVALID',
    `Input 'provenance-policy': ${why}. Expected YAML or JSON like {images: {"rancher/fleet-agent": {source-repository: rancher/fleet}}, repositories: {"rancher/fleet": {workflows: [release.yml]}}}.`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readString(entry: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(`${where}: ${key} must be a non-empty string`);
  return value.trim();
}

function checkRegex(pattern: string | undefined, where: string): string | undefined {
  if (pattern === undefined) return undefined;
  try {
    new RegExp(pattern);
  } catch {
    throw invalid(`${where} is not a valid regular expression`);
  }
  return pattern;
}

/**
 * Parses the policy's YAML/JSON text; validates every field, keeps nothing unknown. The YAML parser loads
 * only for a run that has a policy: it is the largest module of start-up otherwise.
 */
export async function parseProvenancePolicy(text: string): Promise<ProvenanceExceptions> {
  if (!text.trim()) return NO_EXCEPTIONS;
  if (text.length > MAX_POLICY_BYTES) throw invalid(`it is larger than ${MAX_POLICY_BYTES} bytes`);
  const { YAMLParseError, parse } = await import('./yaml-parser.ts');
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 10 });
  } catch (err) {
    const at = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    throw invalid(
      `it is neither YAML nor JSON (${err instanceof YAMLParseError ? err.code : 'unreadable'}${at})`,
    );
  }
  if (!isRecord(document)) throw invalid('it is not a mapping');
  for (const key of Object.keys(document))
    if (key !== 'images' && key !== 'repositories')
      throw invalid('it has a top-level key other than images and repositories');

  const images: Record<string, ImageException> = {};
  const rawImages = document.images ?? {};
  if (!isRecord(rawImages)) throw invalid('images must be a mapping');
  for (const [position, [name, entry]] of Object.entries(rawImages).entries()) {
    const where = `images, entry ${position + 1}`;
    if (!isRecord(entry)) throw invalid(`${where} must be a mapping`);
    for (const key of Object.keys(entry))
      if (key !== 'source-repository' && key !== 'skip')
        throw invalid(`${where} has a key other than source-repository and skip`);
    const sourceRepository = readString(entry, 'source-repository', where);
    if (sourceRepository && !/^[\w.-]+\/[\w.-]+$/.test(sourceRepository))
      throw invalid(`${where}: source-repository must be owner/repo`);
    const skip = readString(entry, 'skip', where);
    images[name] = { ...(sourceRepository ? { sourceRepository } : {}), ...(skip ? { skip } : {}) };
  }

  const repositories: Record<string, RepositoryException> = {};
  const rawRepositories = document.repositories ?? {};
  if (!isRecord(rawRepositories)) throw invalid('repositories must be a mapping');
  for (const [position, [name, entry]] of Object.entries(rawRepositories).entries()) {
    const where = `repositories, entry ${position + 1}`;
    if (!isRecord(entry)) throw invalid(`${where} must be a mapping`);
    for (const key of Object.keys(entry)) {
      if (!['identity-regex', 'workflows', 'builder-regex'].includes(key))
        throw invalid(`${where} has a key other than identity-regex, workflows and builder-regex`);
    }
    const workflows = entry.workflows;
    if (
      workflows !== undefined &&
      (!Array.isArray(workflows) || !workflows.every((w) => typeof w === 'string' && /^[\w.-]+$/.test(w)))
    ) {
      throw invalid(`${where}: workflows must be a list of workflow file names`);
    }
    const identityRegex = checkRegex(readString(entry, 'identity-regex', where), `${where}: identity-regex`);
    const builderRegex = checkRegex(readString(entry, 'builder-regex', where), `${where}: builder-regex`);
    repositories[name.toLowerCase()] = {
      ...(identityRegex ? { identityRegex } : {}),
      ...(builderRegex ? { builderRegex } : {}),
      ...(workflows ? { workflows: workflows as string[] } : {}),
    };
  }
  return { images, repositories };
}
