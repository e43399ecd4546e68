/**
 * One shape for the provenance formats in use: SLSA v0.2 and v1, as BuildKit, GitHub's
 * attest-build-provenance and slsa-github-generator write them (https://slsa.dev/spec/v1.1/provenance,
 * https://slsa.dev/provenance/v0.2, moby/buildkit docs/attestations/slsa-definitions.md).
 */
export interface Provenance {
  readonly statementType: string;
  readonly predicateType: string;
  /** Subject digests (sha256 hex) the statement speaks of. */
  readonly subjectDigests: readonly string[];
  readonly buildType?: string;
  /** `builder.id`; empty string when the builder left it empty (goreleaser-driven BuildKit). */
  readonly builderId?: string;
  /** `owner/repo` of the source, from whichever field the format carries it in. */
  readonly sourceRepository?: string;
  readonly sourceRevision?: string;
  readonly sourceRef?: string;
  readonly finishedOn?: Date;
}

export const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
export const SLSA_V1 = 'https://slsa.dev/provenance/v1';
export const STATEMENT_TYPES = ['https://in-toto.io/Statement/v0.1', 'https://in-toto.io/Statement/v1'];
const BUILDKIT_V02_METADATA = 'https://mobyproject.org/buildkit@v1#metadata';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** `owner/repo` from `git+https://github.com/owner/repo.git@refs/tags/v1`, `https://github.com/owner/repo`, … */
export function toRepositorySlug(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const match =
    /^(?:git\+)?(?:https?:\/\/|ssh:\/\/git@|git@)[^/:]+[/:]([^/@#?]+)\/([^/@#?]+?)(?:\.git)?(?:[@#?].*)?$/.exec(
      uri,
    );
  return match ? `${match[1]}/${match[2]}`.toLowerCase() : undefined;
}

function refFromUri(uri: string | undefined): string | undefined {
  const at = uri?.lastIndexOf('@') ?? -1;
  return uri && at > 0 && uri.slice(at + 1).startsWith('refs/') ? uri.slice(at + 1) : undefined;
}

function toDate(value: unknown): Date | undefined {
  const text = asString(value);
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function fromV02(predicate: Json): Partial<Provenance> {
  const invocation = asObject(predicate.invocation);
  const configSource = asObject(invocation.configSource);
  const metadata = asObject(predicate.metadata);
  const vcs = asObject(asObject(metadata[BUILDKIT_V02_METADATA]).vcs);
  const sourceUri = asString(vcs.source) ?? asString(configSource.uri);
  return {
    buildType: asString(predicate.buildType),
    builderId: asString(asObject(predicate.builder).id),
    sourceRepository: toRepositorySlug(sourceUri),
    sourceRevision: asString(vcs.revision) ?? asString(asObject(configSource.digest).sha1),
    sourceRef: refFromUri(asString(configSource.uri)),
    finishedOn: toDate(metadata.buildFinishedOn),
  };
}

function fromV1(predicate: Json): Partial<Provenance> {
  const definition = asObject(predicate.buildDefinition);
  const external = asObject(definition.externalParameters);
  const run = asObject(predicate.runDetails);
  const metadata = asObject(run.metadata);
  // GitHub's workflow build type names the workflow; BuildKit passes VCS hints as request args and metadata.
  const workflow = asObject(external.workflow);
  const requestArgs = asObject(asObject(external.request).args);
  const vcs = asObject(asObject(metadata.buildkit_metadata).vcs);
  const gitDependency = asArray(definition.resolvedDependencies)
    .map(asObject)
    .find((dependency) => asString(dependency.uri)?.startsWith('git+'));
  const sourceUri =
    asString(workflow.repository) ??
    asString(gitDependency?.uri) ??
    asString(vcs.source) ??
    asString(requestArgs['vcs:source']) ??
    asString(asObject(external.configSource).uri);
  return {
    buildType: asString(definition.buildType),
    builderId: asString(asObject(run.builder).id),
    sourceRepository: toRepositorySlug(sourceUri),
    sourceRevision:
      asString(asObject(gitDependency?.digest).gitCommit) ??
      asString(vcs.revision) ??
      asString(requestArgs['vcs:revision']),
    sourceRef: asString(workflow.ref) ?? refFromUri(asString(gitDependency?.uri)),
    finishedOn: toDate(metadata.finishedOn),
  };
}

/** Reads an in-toto statement (already verified or knowingly unsigned) into the shared shape. */
export function parseProvenance(statementBytes: Buffer | string): Provenance {
  const statement = asObject(JSON.parse(statementBytes.toString()));
  const predicateType = asString(statement.predicateType) ?? '';
  const predicate = asObject(statement.predicate);
  const subjectDigests = asArray(statement.subject)
    .map((subject) => asString(asObject(asObject(subject).digest).sha256))
    .filter((digest): digest is string => Boolean(digest));
  const details =
    predicateType === SLSA_V02 ? fromV02(predicate) : predicateType === SLSA_V1 ? fromV1(predicate) : {};
  return { statementType: asString(statement._type) ?? '', predicateType, subjectDigests, ...details };
}
