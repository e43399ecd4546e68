import type { ProvenanceCandidate } from './candidate.ts';
import { STATEMENT_TYPES } from './slsa.ts';

/** A value a check accepts: exact, or an anchored regular expression. */
export type Matcher = { readonly exact: string } | { readonly regex: string };

/** What the provenance of one image must say, after exceptions were applied. */
export interface Expectations {
  readonly predicateTypes: readonly string[];
  readonly buildTypes: readonly string[];
  readonly sourceRepository: string;
  readonly revision?: string;
  readonly ref?: string;
  /** `builder.id` the user requires, whatever the source. */
  readonly builder?: Matcher;
  /** Without one: BuildKit's builder must be this run (its URL under Actions). */
  readonly buildkitBuilder?: Matcher;
  readonly issuer: string;
  /** Certificate SAN of signed provenance. */
  readonly identity: Matcher;
  readonly triggers: readonly string[];
  readonly runnerEnvironments: readonly string[];
  readonly maxAgeHours?: number;
  readonly trustUnsignedBuildkit: boolean;
}

/** The first check a candidate failed: its name, what was expected and what was found. */
export interface CheckFailure {
  readonly check: string;
  readonly expected: string;
  readonly found: string;
}

export function matches(matcher: Matcher, value: string): boolean {
  return 'exact' in matcher ? matcher.exact === value : new RegExp(matcher.regex).test(value);
}

function describeMatcher(matcher: Matcher): string {
  return 'exact' in matcher ? matcher.exact : `/${matcher.regex}/`;
}

const show = (value: string | undefined): string =>
  value === undefined ? '(absent)' : value === '' ? '(empty)' : value;

/** Who signed it: keyless identity and GitHub claims, or a key; unsigned BuildKit only when trusted. */
function checkSigner(candidate: ProvenanceCandidate, expected: Expectations): CheckFailure | undefined {
  if (candidate.signatureError)
    return { check: 'signature', expected: 'a valid signature', found: candidate.signatureError };
  const signer = candidate.signer;
  if (signer.kind === 'unsigned') {
    return expected.trustUnsignedBuildkit
      ? undefined
      : {
          check: 'signed',
          expected: "signed provenance (or 'trust-unsigned-buildkit: true')",
          found: 'unsigned BuildKit attestation',
        };
  }
  if (signer.kind === 'key') return undefined;
  const claims = signer.claims;
  if (claims.issuer !== expected.issuer)
    return { check: 'issuer', expected: expected.issuer, found: show(claims.issuer) };
  if (!matches(expected.identity, claims.san))
    return { check: 'signer-identity', expected: describeMatcher(expected.identity), found: claims.san };
  const repositoryUri = `https://github.com/${expected.sourceRepository}`;
  if (
    claims.sourceRepositoryUri !== undefined &&
    claims.sourceRepositoryUri.toLowerCase() !== repositoryUri.toLowerCase()
  ) {
    return {
      check: 'certificate-source-repository',
      expected: repositoryUri,
      found: claims.sourceRepositoryUri,
    };
  }
  if (
    expected.ref &&
    claims.sourceRepositoryRef !== undefined &&
    claims.sourceRepositoryRef !== expected.ref
  ) {
    return { check: 'certificate-ref', expected: expected.ref, found: claims.sourceRepositoryRef };
  }
  if (
    expected.revision &&
    claims.sourceRepositoryDigest !== undefined &&
    claims.sourceRepositoryDigest !== expected.revision
  ) {
    return {
      check: 'certificate-revision',
      expected: expected.revision,
      found: claims.sourceRepositoryDigest,
    };
  }
  if (claims.buildTrigger !== undefined && !expected.triggers.includes(claims.buildTrigger)) {
    return { check: 'trigger', expected: expected.triggers.join(' | '), found: claims.buildTrigger };
  }
  if (
    claims.runnerEnvironment !== undefined &&
    !expected.runnerEnvironments.includes(claims.runnerEnvironment)
  ) {
    return {
      check: 'runner-environment',
      expected: expected.runnerEnvironments.join(' | '),
      found: claims.runnerEnvironment,
    };
  }
  return undefined;
}

const GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';

/**
 * The builder a statement must name: the user's, else for BuildKit this run, else for GitHub's workflow
 * build type the workflow that signed it (its builder.id is the signer's job_workflow_ref).
 */
function builderFor(candidate: ProvenanceCandidate, expected: Expectations): Matcher | undefined {
  if (expected.builder) return expected.builder;
  if (candidate.source === 'buildkit') return expected.buildkitBuilder;
  if (candidate.provenance.buildType === GITHUB_WORKFLOW_BUILD_TYPE && candidate.signer.kind === 'keyless') {
    return { exact: candidate.signer.claims.san };
  }
  return undefined;
}

/** What the statement says: type, subject, build type, builder, source, revision, ref, age. */
function checkStatement(
  candidate: ProvenanceCandidate,
  expected: Expectations,
  now: Date,
): CheckFailure | undefined {
  const p = candidate.provenance;
  // Anything else is not an in-toto statement, whatever its predicate claims to be.
  if (!STATEMENT_TYPES.includes(p.statementType)) {
    return { check: 'statement-type', expected: STATEMENT_TYPES.join(' | '), found: show(p.statementType) };
  }
  if (!expected.predicateTypes.includes(p.predicateType)) {
    return {
      check: 'predicate-type',
      expected: expected.predicateTypes.join(' | '),
      found: show(p.predicateType),
    };
  }
  const hex = candidate.digest.replace('sha256:', '');
  if (!p.subjectDigests.includes(hex)) {
    return {
      check: 'subject',
      expected: candidate.digest,
      found: p.subjectDigests.map((d) => `sha256:${d}`).join(', ') || '(none)',
    };
  }
  if (!p.buildType || !expected.buildTypes.includes(p.buildType)) {
    return { check: 'build-type', expected: expected.buildTypes.join(' | '), found: show(p.buildType) };
  }
  const builder = builderFor(candidate, expected);
  if (builder && !matches(builder, p.builderId ?? '')) {
    return { check: 'builder', expected: describeMatcher(builder), found: show(p.builderId) };
  }
  if (p.sourceRepository?.toLowerCase() !== expected.sourceRepository.toLowerCase()) {
    return {
      check: 'source-repository',
      expected: expected.sourceRepository,
      found: show(p.sourceRepository),
    };
  }
  if (expected.revision && p.sourceRevision !== expected.revision) {
    return { check: 'revision', expected: expected.revision, found: show(p.sourceRevision) };
  }
  if (expected.ref && p.sourceRef !== undefined && p.sourceRef !== expected.ref) {
    return { check: 'ref', expected: expected.ref, found: p.sourceRef };
  }
  if (expected.maxAgeHours !== undefined) {
    if (!p.finishedOn)
      return {
        check: 'freshness',
        expected: `finished within ${expected.maxAgeHours} h`,
        found: '(no finish time)',
      };
    const ageHours = (now.getTime() - p.finishedOn.getTime()) / 3_600_000;
    if (ageHours > expected.maxAgeHours || ageHours < -0.1) {
      return {
        check: 'freshness',
        expected: `finished within ${expected.maxAgeHours} h`,
        found: p.finishedOn.toISOString(),
      };
    }
  }
  return undefined;
}

/** The first failed check, signer first (an unverified statement's content means nothing). */
export function checkCandidate(
  candidate: ProvenanceCandidate,
  expected: Expectations,
  now: Date = new Date(),
): CheckFailure | undefined {
  return checkSigner(candidate, expected) ?? checkStatement(candidate, expected, now);
}
