import * as core from '@actions/core';
import type {
  Config,
  ProvenanceConfig,
  RegistryConfig,
  RegistryCredential,
  SignatureFormat,
  SigningConfig,
} from './config.ts';
import type { DryRunSetting } from './github/dry-run.ts';
import type { ProvenanceSourceName } from './provenance/candidate.ts';
import { parseProvenancePolicy } from './provenance/exceptions.ts';
import { FROM_IMAGE } from './provenance/gate.ts';
import type { Matcher } from './provenance/policy.ts';
import { SLSA_V02, SLSA_V1 } from './provenance/slsa.ts';
import { SignerError } from './errors.ts';
import { statSync, readFileSync } from 'node:fs';
import { describeCause } from './errors.ts';
import { parseBuildMetadata } from './subjects/build-push.ts';
import { parseGoreleaserArtifacts, type ArtifactTypeFilter } from './subjects/goreleaser.ts';
import { parseImageName, parseImageRef, type ImageRef } from './subjects/reference.ts';
import { dedupeImages, type SkippedSubject, type Subjects, type TagRef } from './subjects/subject.ts';

const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';
const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';

/** Where input values come from; `process.env` as the runner sets it, unless a test or the CLI says otherwise. */
export interface InputSource {
  get(name: string): string;
  env(name: string): string | undefined;
  /** Hides a secret from every later log line (the runner's add-mask; nothing outside Actions). */
  mask(secret: string): void;
}

export const runnerInputs: InputSource = {
  get: (name) => core.getInput(name),
  env: (name) => process.env[name],
  mask: (secret) => core.setSecret(secret),
};

function invalid(name: string, why: string, fix: string): SignerError {
  return new SignerError('INPUT_INVALID', `Input '${name}': ${why}. ${fix}`);
}

/** Masks a secret, and each line of a multi-line one (the runner masks line by line). */
function maskSecret(source: InputSource, value: string): void {
  if (!value) return;
  source.mask(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) source.mask(line.trim());
}

export function readList(source: InputSource, name: string): string[] {
  return source
    .get(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function readBoolean(source: InputSource, name: string, fallback: boolean): boolean {
  const value = source.get(name).trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalid(name, `'${value}' is not a boolean`, "Use 'true' or 'false'");
}

function readPositiveInt(source: InputSource, name: string, fallback: number, max: number): number {
  const value = source.get(name).trim();
  if (value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
    throw invalid(name, `'${value}' is not a whole number from 1 to ${max}`, `Set it between 1 and ${max}`);
  }
  return parsed;
}

function readUrl(source: InputSource, name: string, fallback: string): string {
  const value = source.get(name).trim() || fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(name, `'${value}' is not a URL`, 'Give the base URL, e.g. https://rekor.sigstore.dev');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(
      name,
      `'${value}' is not an http(s) URL`,
      'Give the base URL, e.g. https://rekor.sigstore.dev',
    );
  }
  return value.replace(/\/+$/, '');
}

const MAX_ARTIFACTS_BYTES = 64 * 1024 * 1024;

/** `images`: one per line, or a JSON list (as a matrix or another step may produce it). */
function readImageLines(source: InputSource): string[] {
  const raw = source.get('images').trim();
  if (raw.startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(raw);
    } catch {
      throw invalid(
        'images',
        'starts with [ but is not a JSON list',
        'Give a JSON list of strings, or one image per line',
      );
    }
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw invalid(
        'images',
        'is not a JSON list of strings',
        'Give a JSON list of strings, or one image per line',
      );
    }
    return list.map((item: string) => item.trim()).filter(Boolean);
  }
  return readList(source, 'images');
}

/** `goreleaser-artifacts`: goreleaser-action's `artifacts` output (JSON) or the path of dist/artifacts.json. */
function readGoreleaserText(source: InputSource): string | undefined {
  const value = source.get('goreleaser-artifacts').trim();
  if (!value) return undefined;
  if (value.startsWith('[')) return value;
  try {
    if (statSync(value).size > MAX_ARTIFACTS_BYTES)
      throw new Error(`larger than ${MAX_ARTIFACTS_BYTES} bytes`);
    return readFileSync(value, 'utf8');
  } catch (err) {
    throw invalid(
      'goreleaser-artifacts',
      `'${value}' cannot be read (${describeCause(err)})`,
      "Give the path of dist/artifacts.json, or goreleaser-action's artifacts output",
    );
  }
}

function readSubjects(source: InputSource): Subjects {
  const resolveTags = readBoolean(source, 'resolve-tags', false);
  const images: ImageRef[] = [];
  const tagsToResolve: TagRef[] = [];
  readImageLines(source).forEach((line, index) => {
    const where = `Input 'images', line ${index + 1}`;
    const parsed = parseImageName(line, where);
    if (parsed.digest) images.push(parseImageRef(line, where));
    else if (resolveTags && parsed.tag)
      tagsToResolve.push({
        registry: parsed.registry,
        repository: parsed.repository,
        tag: parsed.tag,
        origin: where,
      });
    else parseImageRef(line, where); // throws the explanation of why a tag is not signed
  });
  const skipped: SkippedSubject[] = [];
  const goreleaser = readGoreleaserText(source);
  if (goreleaser !== undefined) {
    const filter = (source.get('artifact-types').trim() || 'all') as ArtifactTypeFilter;
    if (!['images', 'manifests', 'all'].includes(filter))
      throw invalid(
        'artifact-types',
        `'${filter}' is not a filter`,
        "Use 'images', 'manifests' or 'all', as goreleaser's docker_signs.artifacts",
      );
    const fromGoreleaser = parseGoreleaserArtifacts(goreleaser, filter, "Input 'goreleaser-artifacts'");
    images.push(...fromGoreleaser.images);
    skipped.push(...fromGoreleaser.skipped);
  }
  const metadata = source.get('build-metadata').trim();
  if (metadata) images.push(...parseBuildMetadata(metadata));
  if (images.length === 0 && tagsToResolve.length === 0 && skipped.length === 0) {
    throw invalid(
      'images',
      'no image was given',
      "List images as registry/repository@sha256:<digest>, or set 'goreleaser-artifacts' or 'build-metadata'",
    );
  }
  return { images: dedupeImages(images), tagsToResolve, skipped };
}

/** `key` holds the PEM itself (as it arrives from a secret) or `env://NAME`; without it, keyless. */
function readSigning(source: InputSource): SigningConfig {
  const mode = source.get('signing').trim().toLowerCase();
  if (mode !== '' && mode !== 'key' && mode !== 'keyless') {
    throw invalid(
      'signing',
      `'${mode}' is not a signing mode`,
      "Use 'keyless' or 'key' (or leave it empty: key when 'key' is set)",
    );
  }
  const hasKey = source.get('key').trim() !== '';
  if (mode === 'keyless' && hasKey) {
    throw new SignerError(
      'INPUT_CONFLICT',
      "Inputs 'signing: keyless' and 'key' conflict. Remove 'key', or set 'signing: key'.",
    );
  }
  if (mode === 'keyless' || (mode === '' && !hasKey)) {
    const identityToken = source.get('identity-token').trim();
    maskSecret(source, identityToken);
    return {
      mode: 'keyless',
      ...(identityToken ? { identityToken } : {}),
      fulcioUrl: readUrl(source, 'fulcio-url', DEFAULT_FULCIO_URL),
    };
  }
  let keyPem = source.get('key').trim();
  if (keyPem.startsWith('env://')) {
    const variable = keyPem.slice('env://'.length);
    keyPem = (source.env(variable) ?? '').trim();
    if (!keyPem)
      throw invalid(
        'key',
        `environment variable ${variable} is empty or unset`,
        'Set it to the PEM text of the key',
      );
  }
  maskSecret(source, keyPem);
  if (!keyPem) {
    throw invalid(
      'key',
      'no signing key was given',
      "Set 'key' to the PEM text of a cosign private key (from a secret)",
    );
  }
  if (!keyPem.includes('-----BEGIN ')) {
    throw invalid(
      'key',
      'is not PEM text',
      "Pass the key file's content (-----BEGIN … PRIVATE KEY-----), e.g. from a secret",
    );
  }
  const password = source.get('key-password') || source.env('COSIGN_PASSWORD') || '';
  maskSecret(source, password);
  return { mode: 'key', keyPem, password };
}

function readFormats(source: InputSource): SignatureFormat[] {
  const value = source.get('signature-format').trim().toLowerCase() || 'both';
  if (value === 'both') return ['bundle', 'legacy'];
  if (value === 'bundle' || value === 'legacy') return [value];
  throw invalid('signature-format', `'${value}' is not a format`, "Use 'bundle', 'legacy' or 'both'");
}

function readAnnotations(source: InputSource): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const line of readList(source, 'annotations')) {
    const eq = line.indexOf('=');
    if (eq <= 0) throw invalid('annotations', `'${line}' is not key=value`, 'Write one key=value per line');
    annotations[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return annotations;
}

function readRegistryCredentials(source: InputSource): RegistryCredential[] {
  const registry = source.get('registry').trim();
  const username = source.get('registry-username').trim();
  const password = source.get('registry-password');
  maskSecret(source, password);
  // Its derived form too: the basic-auth header value would show the pair in any debug dump.
  if (password) maskSecret(source, Buffer.from(`${username}:${password}`).toString('base64'));
  if (!username && !password) return [];
  if (!registry || !username || !password) {
    throw invalid(
      'registry-username',
      "'registry', 'registry-username' and 'registry-password' go together",
      'Set all three, or none to use anonymous access',
    );
  }
  return [{ registry, username, password }];
}

const DEFAULT_BUILD_TYPES = [
  'https://mobyproject.org/buildkit@v1',
  'https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md',
  'https://actions.github.io/buildtypes/workflow/v1',
  'https://github.com/slsa-framework/slsa-github-generator/container@v1',
  'https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1',
];
const PROVENANCE_SOURCES: readonly ProvenanceSourceName[] = ['cosign', 'referrers', 'github', 'buildkit'];

/** A comma or newline separated list input. */
function readItems(source: InputSource, name: string, fallback: readonly string[]): string[] {
  const items = source
    .get(name)
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : [...fallback];
}

function readMatcher(source: InputSource, name: string): Matcher | undefined {
  const exact = source.get(name).trim();
  const regex = source.get(`${name}-regex`).trim();
  if (exact && regex)
    throw new SignerError(
      'INPUT_CONFLICT',
      `Inputs '${name}' and '${name}-regex' conflict. Set one of them.`,
    );
  if (exact) return { exact };
  if (!regex) return undefined;
  try {
    new RegExp(regex);
  } catch {
    throw invalid(
      `${name}-regex`,
      `'${regex}' is not a valid regular expression`,
      'Write a JavaScript regular expression, anchored with ^ and $',
    );
  }
  return { regex };
}

function readProvenance(source: InputSource): ProvenanceConfig {
  const mode = source.get('provenance').trim().toLowerCase() || 'required';
  if (mode !== 'required' && mode !== 'if-present' && mode !== 'off') {
    throw invalid('provenance', `'${mode}' is not a mode`, "Use 'required', 'if-present' or 'off'");
  }
  const sources = readItems(source, 'provenance-sources', PROVENANCE_SOURCES);
  for (const name of sources) {
    if (!PROVENANCE_SOURCES.includes(name as ProvenanceSourceName)) {
      throw invalid(
        'provenance-sources',
        `'${name}' is not a source`,
        `Use some of ${PROVENANCE_SOURCES.join(', ')}`,
      );
    }
  }
  const maxAge = source.get('provenance-max-age-hours').trim();
  if (maxAge && !(Number(maxAge) > 0))
    throw invalid('provenance-max-age-hours', `'${maxAge}' is not a positive number`, 'Give hours, e.g. 24');
  const publicKeyPem = source.get('provenance-key').trim();
  const sourceRepository =
    source.get('provenance-source-repository').trim() || source.env('GITHUB_REPOSITORY') || '';
  if (mode !== 'off' && sourceRepository !== FROM_IMAGE && !/^[\w.-]+\/[\w.-]+$/.test(sourceRepository)) {
    throw invalid(
      'provenance-source-repository',
      `'${sourceRepository}' is not owner/repo`,
      'Set it, or run inside GitHub Actions where GITHUB_REPOSITORY says it',
    );
  }
  const revision = source.get('provenance-revision').trim() || source.env('GITHUB_SHA') || '';
  const ref = source.get('provenance-ref').trim() || source.env('GITHUB_REF') || '';
  const githubToken = source.get('github-token').trim() || source.env('GITHUB_TOKEN') || '';
  maskSecret(source, githubToken);
  const identity = readMatcher(source, 'provenance-identity');
  const builder = readMatcher(source, 'provenance-builder-id');
  return {
    mode,
    sources: sources as ProvenanceSourceName[],
    trustUnsignedBuildkit: readBoolean(source, 'trust-unsigned-buildkit', false),
    predicateTypes: readItems(source, 'provenance-predicate-types', [SLSA_V1, SLSA_V02]),
    buildTypes: readItems(source, 'provenance-build-types', DEFAULT_BUILD_TYPES),
    issuer: source.get('provenance-issuer').trim() || 'https://token.actions.githubusercontent.com',
    ...(identity ? { identity } : {}),
    workflowFiles: readItems(source, 'provenance-workflows', ['release.yml', 'release.yaml']),
    sourceRepository,
    ...(revision ? { revision } : {}),
    ...(ref ? { ref } : {}),
    ...(builder ? { builder } : {}),
    triggers: readItems(source, 'provenance-triggers', ['push', 'release']),
    runnerEnvironments: readItems(source, 'provenance-runner-environments', ['github-hosted']),
    ...(maxAge ? { maxAgeHours: Number(maxAge) } : {}),
    ...(publicKeyPem ? { publicKeyPem } : {}),
    exceptions: parseProvenancePolicy(source.get('provenance-policy')),
    githubToken,
  };
}

function readRegistryConfig(source: InputSource): RegistryConfig {
  const githubToken = source.get('github-token').trim() || source.env('GITHUB_TOKEN') || '';
  maskSecret(source, githubToken);
  const signatureRepository =
    source.get('signature-repository').trim() || source.env('COSIGN_REPOSITORY') || '';
  let storage: RegistryConfig['signatureRepository'];
  if (signatureRepository) {
    const parsed = parseImageName(signatureRepository, "Input 'signature-repository'");
    if (parsed.tag || parsed.digest)
      throw invalid('signature-repository', 'names a tag or digest', 'Give registry/repository only');
    storage = { registry: parsed.registry, repository: parsed.repository };
  }
  return {
    allowHttp: readBoolean(source, 'allow-http-registry', false),
    allowInsecure: readBoolean(source, 'allow-insecure-registry', false),
    retryBudgetSeconds: readPositiveInt(source, 'retry-budget-seconds', 120, 3600),
    credentials: readRegistryCredentials(source),
    githubToken,
    githubActor: source.env('GITHUB_ACTOR') ?? '',
    ...(storage ? { signatureRepository: storage } : {}),
  };
}

function readDryRun(source: InputSource): DryRunSetting {
  const value = source.get('dry-run').trim().toLowerCase() || 'auto';
  if (value !== 'auto' && value !== 'true' && value !== 'false') {
    throw invalid(
      'dry-run',
      `'${value}' is not a setting`,
      "Use 'auto' (dry run on pull requests and forks), 'true' or 'false'",
    );
  }
  return value;
}

/** Reads and validates every input once; nothing else calls core.getInput. */
export function readConfig(source: InputSource = runnerInputs): Config {
  const signing = readSigning(source);
  const tlogUpload = readBoolean(source, 'tlog-upload', true);
  const tsaUrl = source.get('tsa-url').trim() ? readUrl(source, 'tsa-url', '') : undefined;
  if (
    signing.mode === 'keyless' &&
    !tlogUpload &&
    !tsaUrl &&
    !readBoolean(source, 'allow-unverifiable-timestamps', false)
  ) {
    throw new SignerError(
      'INPUT_CONFLICT',
      "Inputs 'tlog-upload: false' without 'tsa-url': a keyless certificate lives ten minutes, and nothing would prove the signature was made inside them, so no verifier could accept it. Set 'tsa-url' (an RFC 3161 timestamp authority), keep 'tlog-upload: true', or set 'allow-unverifiable-timestamps: true' if you verify another way.",
    );
  }
  return {
    subjects: readSubjects(source),
    signing,
    formats: readFormats(source),
    ...(tlogUpload ? { tlog: { rekorUrl: readUrl(source, 'rekor-url', DEFAULT_REKOR_URL) } } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    annotations: readAnnotations(source),
    registry: readRegistryConfig(source),
    verify: readBoolean(source, 'verify', true),
    ...(source.get('trusted-root').trim() ? { trustedRootPath: source.get('trusted-root').trim() } : {}),
    recursive: readBoolean(source, 'recursive', true),
    provenance: readProvenance(source),
    dryRun: readDryRun(source),
    concurrency: readPositiveInt(source, 'concurrency', 8, 64),
  };
}
