import type {
  Config,
  RegistryConfig,
  RegistryCredential,
  SignatureFormat,
  SigningConfig,
  TrustConfig,
} from './config.ts';
import { SignerError } from './errors.ts';
import type { DryRunSetting } from './github/dry-run.ts';
import {
  invalid,
  maskSecret,
  readBoolean,
  readList,
  readPositiveInt,
  readUrl,
  runnerInputs,
  type InputSource,
} from './input-source.ts';
import { readProvenance } from './provenance/provenance-inputs.ts';
import { readNamedKey } from './signing-key-inputs.ts';
import { refuseLegacyWithRekorV2 } from './sigstore/signing-config.ts';
import {
  DEFAULT_FULCIO_URL,
  DEFAULT_REKOR_URL,
  INPUT_SIGNING_CONFIG,
  readSigningServices,
  type SigningServices,
} from './sigstore/signing-services-inputs.ts';
import { parseImageName } from './subjects/reference.ts';
import { readFilesConfig, wantsFiles } from './files/file-inputs.ts';
import { readGoreleaserText, readSubjects } from './subjects/subject-inputs.ts';
import { hasImages } from './subjects/subject.ts';
import { quoteUntrusted } from './util/untrusted.ts';

export { readBoolean, readList, runnerInputs, type InputSource } from './input-source.ts';

const PUBLIC_GOOD_TSA_URL = 'https://timestamp.sigstore.dev/api/v1/timestamp';
/** Public-good's Rekor v1, or one of the yearly Rekor v2 shards its signing config names. */
const isPublicGoodRekor = (url: string): boolean =>
  url === DEFAULT_REKOR_URL || /^https:\/\/log\d{4}-\d+\.rekor\.sigstore\.dev\/?$/.test(url);

/** `key` holds the PEM itself (as it arrives from a secret) or `env://NAME`; without it, keyless. */
function readSigning(source: InputSource, chosenFulcioUrl: string | undefined): SigningConfig {
  const mode = source.get('signing').trim().toLowerCase();
  if (mode !== '' && mode !== 'key' && mode !== 'keyless') {
    throw invalid(
      'signing',
      `${quoteUntrusted(mode)} is not a signing mode`,
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
      fulcioUrl: chosenFulcioUrl ?? readUrl(source, 'fulcio-url', DEFAULT_FULCIO_URL),
    };
  }
  const { keyPem, password, missingKey } = readNamedKey(source);
  maskSecret(source, keyPem);
  maskSecret(source, password);
  // A fork's pull request gets no secrets: its dry run needs no key, so an absent one is refused only
  // when a release run wants to sign with it (createSigning).
  if (!keyPem) return { mode: 'key', keyPem, password, missingKey };
  if (!keyPem.includes('-----BEGIN ')) {
    throw invalid(
      'key',
      'is not PEM text',
      "Pass the key file's content (-----BEGIN … PRIVATE KEY-----), e.g. from a secret",
    );
  }
  return { mode: 'key', keyPem, password };
}

function readFormats(source: InputSource): SignatureFormat[] {
  const value = source.get('signature-format').trim().toLowerCase() || 'both';
  if (value === 'both') return ['bundle', 'legacy'];
  if (value === 'bundle' || value === 'legacy') return [value];
  throw invalid(
    'signature-format',
    `${quoteUntrusted(value)} is not a format`,
    "Use 'bundle', 'legacy' or 'both'",
  );
}

function readAnnotations(source: InputSource): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const line of readList(source, 'annotations')) {
    const eq = line.indexOf('=');
    if (eq <= 0)
      throw invalid(
        'annotations',
        `${quoteUntrusted(line)} is not key=value`,
        'Write one key=value per line',
      );
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

function readGithubToken(source: InputSource): string {
  const token = source.get('github-token').trim() || source.env('GITHUB_TOKEN') || '';
  maskSecret(source, token);
  return token;
}

function readRegistryConfig(source: InputSource): RegistryConfig {
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
    githubActor: source.env('GITHUB_ACTOR') ?? '',
    ...(storage ? { signatureRepository: storage } : {}),
  };
}

function readDryRun(source: InputSource): DryRunSetting {
  const value = source.get('dry-run').trim().toLowerCase() || 'auto';
  if (value !== 'auto' && value !== 'true' && value !== 'false') {
    throw invalid(
      'dry-run',
      `${quoteUntrusted(value)} is not a setting`,
      "Use 'auto' (dry run on pull requests and forks), 'true' or 'false'",
    );
  }
  return value;
}

/**
 * Signatures are verified against a trusted root (existing ones before they count as ours, new ones on
 * read-back). Public-good Sigstore's comes through TUF; a private Sigstore's services would not verify
 * against it, so naming them without their trust is refused here rather than failing every image later.
 */
function readTrust(source: InputSource, services: SigningServices, signing: SigningConfig): TrustConfig {
  const trustedRootPath = source.get('trusted-root').trim();
  const tufMirrorUrl = source.get('tuf-mirror-url').trim() ? readUrl(source, 'tuf-mirror-url', '') : '';
  const tufRootPath = source.get('tuf-root').trim();
  if (trustedRootPath && (tufMirrorUrl || tufRootPath)) {
    throw new SignerError(
      'INPUT_CONFLICT',
      "Inputs 'trusted-root' and 'tuf-mirror-url'/'tuf-root' conflict: give the trusted_root.json itself, or the TUF repository that publishes it, not both.",
    );
  }
  if (tufMirrorUrl && !tufRootPath) {
    throw invalid(
      'tuf-root',
      `a TUF mirror (${tufMirrorUrl}) needs its initial root.json`,
      "Set 'tuf-root' to the path of the repository's trusted root.json (as 'cosign initialize --root' takes it)",
    );
  }
  const fromConfig = services.signingConfigPath !== undefined;
  const privateServices = [
    ...(signing.mode === 'keyless' && signing.fulcioUrl !== DEFAULT_FULCIO_URL ? ['fulcio-url'] : []),
    ...(services.tlog && !isPublicGoodRekor(services.tlog.rekorUrl) ? ['rekor-url'] : []),
    ...(services.tsaUrl && services.tsaUrl !== PUBLIC_GOOD_TSA_URL ? ['tsa-url'] : []),
  ].map((name) => (fromConfig ? INPUT_SIGNING_CONFIG : name));
  const uniquePrivate = [...new Set(privateServices)];
  const verifiesSigstore =
    signing.mode === 'keyless' || services.tlog !== undefined || services.tsaUrl !== undefined;
  if (verifiesSigstore && uniquePrivate.length > 0 && !trustedRootPath && !tufMirrorUrl) {
    throw invalid(
      'trusted-root',
      `${uniquePrivate.map((name) => `'${name}'`).join(', ')} ${uniquePrivate.length === 1 ? 'names' : 'name'} a Sigstore other than public-good, whose signatures public-good's trusted root cannot verify`,
      "Set 'trusted-root' to that Sigstore's trusted_root.json (cosign trusted-root create writes one), or 'tuf-mirror-url' and 'tuf-root' to the TUF repository that publishes it",
    );
  }
  return {
    ...(trustedRootPath ? { trustedRootPath } : {}),
    ...(tufMirrorUrl ? { tufMirrorUrl } : {}),
    ...(tufRootPath ? { tufRootPath } : {}),
  };
}

/** Reads and validates every input once; nothing else calls core.getInput. */
export async function readConfig(source: InputSource = runnerInputs): Promise<Config> {
  const tlogUpload = readBoolean(source, 'tlog-upload', true);
  const services = readSigningServices(source, tlogUpload);
  const signing = readSigning(source, services.fulcioUrl);
  const { tsaUrl } = services;
  if (
    signing.mode === 'keyless' &&
    !services.fromTuf &&
    !tlogUpload &&
    !tsaUrl &&
    !readBoolean(source, 'allow-unverifiable-timestamps', false)
  ) {
    throw new SignerError(
      'INPUT_CONFLICT',
      "Inputs 'tlog-upload: false' without 'tsa-url': a keyless certificate lives ten minutes, and nothing would prove the signature was made inside them, so no verifier could accept it. Set 'tsa-url' (an RFC 3161 timestamp authority), keep 'tlog-upload: true', or set 'allow-unverifiable-timestamps: true' if you verify another way.",
    );
  }
  const formats = readFormats(source);
  const files = readFilesConfig(source, readGoreleaserText(source));
  const subjects = readSubjects(source, { filesOnly: wantsFiles(files) });
  // 'signature-format' is how images are stored; release files are bundles whichever log witnesses them.
  if (hasImages(subjects)) refuseLegacyWithRekorV2(formats, services.tlog);
  return {
    subjects,
    files,
    signing,
    formats,
    ...(services.tlog ? { tlog: services.tlog } : {}),
    ...(services.signingConfigPath ? { signingConfigPath: services.signingConfigPath } : {}),
    ...(services.fromTuf ? { servicesFromTuf: services.fromTuf } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    annotations: readAnnotations(source),
    registry: readRegistryConfig(source),
    verify: readBoolean(source, 'verify', true),
    trust: readTrust(source, services, signing),
    recursive: readBoolean(source, 'recursive', true),
    signAttestationManifests: readBoolean(source, 'sign-attestation-manifests', true),
    provenance: await readProvenance(source),
    githubToken: readGithubToken(source),
    dryRun: readDryRun(source),
    dryRunCredentials: readBoolean(source, 'dry-run-credentials', false),
    concurrency: readPositiveInt(source, 'concurrency', 8, 64),
  };
}
