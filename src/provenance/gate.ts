import type { ProvenanceConfig } from './provenance-config.ts';
import { describeCause } from '../errors.ts';
import { isIndexMediaType } from '../registry/media-types.ts';
import type { SignTarget } from '../subjects/sign-target.ts';
import type { ImageRef } from '../subjects/reference.ts';
import {
  isUnreadable,
  type ProvenanceCandidate,
  type ProvenanceSource,
  type ProvenanceSourceName,
  type SourceEntry,
} from './candidate.ts';
import type { ImageException, RepositoryException } from './exceptions.ts';
import { checkCandidate, type CheckFailure, type Expectations, type Matcher } from './policy.ts';
import { rankRejections, SOURCE_UNREADABLE, type Rejection } from './rejections.ts';

/** What the gate decided for one image; every exception it used is listed. */
export type GateDecision =
  | {
      readonly verdict: 'passed';
      readonly sources: readonly string[];
      readonly exceptions: readonly string[];
    }
  | { readonly verdict: 'skipped'; readonly reason: string; readonly exceptions: readonly string[] }
  | { readonly verdict: 'none' | 'off'; readonly exceptions: readonly string[] }
  | {
      readonly verdict: 'failed';
      readonly failure: CheckFailure;
      readonly digest: string;
      readonly source?: string;
      /** The other reasons found, briefly, most specific first. */
      readonly others: readonly string[];
      /** Every reason found, each about its own manifest: a platform's report names its own. */
      readonly rejections: readonly Rejection[];
      readonly exceptions: readonly string[];
    };

/** Where this run lives, for the default expectations (BuildKit's builder is this run). */
export interface GateContext {
  readonly serverUrl: string;
  readonly repository: string;
  readonly runId: string;
}

/** `provenance-source-repository: from-image` derives the expected source repository from each image's name. */
export const FROM_IMAGE = 'from-image';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function findImageException(
  config: ProvenanceConfig,
  subject: Pick<ImageRef, 'registry' | 'repository'>,
): { image?: ImageException; imageKey: string } {
  for (const key of [`${subject.registry}/${subject.repository}`, subject.repository]) {
    const image = config.exceptions.images[key];
    if (image) return { image, imageKey: key };
  }
  return { imageKey: subject.repository };
}

function unreadable(source: ProvenanceSourceName, digest: string, why: string): Rejection {
  return {
    failure: { check: SOURCE_UNREADABLE, expected: `${source} provenance readable`, found: why },
    digest,
    source,
  };
}

/**
 * The `owner/repo` an image must be built from: its exception's mapping, else the configured repository,
 * or with `from-image` the last two path components of the image's name (as slsactl derives them).
 */
export function sourceRepositoryFor(
  config: ProvenanceConfig,
  subject: Pick<ImageRef, 'registry' | 'repository'>,
): string {
  const { image } = findImageException(config, subject);
  if (image?.sourceRepository) return image.sourceRepository;
  if (config.sourceRepository !== FROM_IMAGE) return config.sourceRepository;
  return subject.repository
    .replace(/^library\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

/**
 * Finds, verifies and judges provenance before anything is signed: whole-image provenance (about the
 * subject's own digest) passes every target; otherwise every platform of an index must pass on its own.
 * Every source is asked until a statement passes: one that cannot be read (an API down, a malformed entry
 * anyone can push) never decides alone, and a refusal names the most specific reason found.
 */
export class ProvenanceGate {
  private readonly config: ProvenanceConfig;
  private readonly sources: readonly ProvenanceSource[];
  private readonly context: GateContext;

  constructor(config: ProvenanceConfig, sources: readonly ProvenanceSource[], context: GateContext) {
    this.config = config;
    this.sources = sources;
    this.context = context;
  }

  async check(subject: ImageRef, targets: readonly SignTarget[]): Promise<GateDecision> {
    if (this.config.mode === 'off') return { verdict: 'off', exceptions: [] };
    const { image, imageKey } = findImageException(this.config, subject);
    const exceptions: string[] = [];
    if (image?.skip) {
      return {
        verdict: 'skipped',
        reason: image.skip,
        exceptions: [`images["${imageKey}"].skip: ${image.skip}`],
      };
    }
    if (image?.sourceRepository)
      exceptions.push(`images["${imageKey}"] → source repository ${image.sourceRepository}`);
    const sourceRepository = sourceRepositoryFor(this.config, subject);
    const repository = this.config.exceptions.repositories[sourceRepository.toLowerCase()];
    if (repository) exceptions.push(`repositories["${sourceRepository}"] overrides the signer identity`);
    const expected = this.expectations(sourceRepository, repository);

    const rejections: Rejection[] = [];
    const evaluate = (entries: readonly SourceEntry[]): ProvenanceCandidate | undefined => {
      for (const entry of entries) {
        if (isUnreadable(entry)) {
          rejections.push(unreadable(entry.source, entry.digest, entry.unreadable));
          continue;
        }
        const failure = checkCandidate(entry, expected);
        if (!failure) return entry;
        rejections.push({ failure, digest: entry.digest, source: entry.source });
      }
      return undefined;
    };
    // A source that could not be read is not asked again for this image's platforms: an API that is
    // down would otherwise cost its retries once per platform, and skipping it can only refuse more.
    const unreachable = new Set<ProvenanceSource>();
    const find = async (source: ProvenanceSource, digest: string): Promise<SourceEntry[]> => {
      if (unreachable.has(source)) return [];
      try {
        return await source.find(subject, digest);
      } catch (err) {
        unreachable.add(source);
        rejections.push(unreadable(source.name, digest, describeCause(err)));
        return [];
      }
    };

    // Whole-image provenance first; BuildKit answers for the platforms, kept for the second pass.
    const perPlatform: SourceEntry[] = [];
    for (const source of this.sources) {
      const found = await find(source, subject.digest);
      perPlatform.push(...found.filter((entry) => entry.digest !== subject.digest));
      const passed = evaluate(found.filter((entry) => entry.digest === subject.digest));
      if (passed) return { verdict: 'passed', sources: [passed.source], exceptions };
    }

    // Every manifest below the subject answers for itself, with a platform or without; an index (nested
    // ones too) is vouched for by the manifests it lists. An attestation manifest is provenance, not built
    // code: it carries none of its own, and the platform it describes answers for it.
    const platforms = targets.filter(
      (target) =>
        target.image.digest !== subject.digest && !isIndexMediaType(target.mediaType) && !target.attestation,
    );
    if (platforms.length > 0) {
      const passedSources = new Set<string>();
      let allPassed = true;
      for (const platform of platforms) {
        const digest = platform.image.digest;
        let passed = evaluate(perPlatform.filter((entry) => entry.digest === digest));
        for (const source of this.sources) {
          if (passed || source.name === 'buildkit') continue;
          passed = evaluate(await find(source, digest));
        }
        if (passed) passedSources.add(passed.source);
        else {
          allPassed = false;
          if (!rejections.some((rejection) => rejection.digest === digest)) {
            rejections.push({
              failure: {
                check: 'present',
                expected: `provenance for ${platform.platform ?? platform.image.digest}`,
                found: 'none',
              },
              digest,
            });
          }
        }
      }
      if (allPassed) return { verdict: 'passed', sources: [...passedSources], exceptions };
    }

    const ranked = rankRejections(rejections);
    if (!ranked) {
      if (this.config.mode === 'if-present') return { verdict: 'none', exceptions };
      return {
        verdict: 'failed',
        failure: {
          check: 'present',
          expected: `provenance from ${this.config.sources.join(', ')}`,
          found: 'none',
        },
        digest: subject.digest,
        others: [],
        rejections: [],
        exceptions,
      };
    }
    const { first, others } = ranked;
    return {
      verdict: 'failed',
      failure: first.failure,
      digest: first.digest,
      ...(first.source ? { source: first.source } : {}),
      others,
      rejections,
      exceptions,
    };
  }

  private expectations(sourceRepository: string, repository: RepositoryException | undefined): Expectations {
    const config = this.config;
    const workflows = repository?.workflows ?? [
      ...config.workflowFiles,
      // The signing workflow vouches for what it built, but only in its own repository.
      ...(config.runWorkflow &&
      config.runWorkflow.repository.toLowerCase() === sourceRepository.toLowerCase() &&
      !config.workflowFiles.includes(config.runWorkflow.file)
        ? [config.runWorkflow.file]
        : []),
    ];
    const ref = config.ref ? escapeRegex(config.ref) : 'refs/.+';
    const identity: Matcher = repository?.identityRegex
      ? { regex: repository.identityRegex }
      : (config.identity ?? {
          regex: `^https://github\\.com/${escapeRegex(sourceRepository)}/\\.github/workflows/(${workflows.map(escapeRegex).join('|')})@${ref}$`,
        });
    const runPrefix =
      this.context.runId && this.context.repository
        ? `^${escapeRegex(`${this.context.serverUrl}/${this.context.repository}/actions/runs/${this.context.runId}/attempts/`)}\\d+$`
        : undefined;
    return {
      predicateTypes: config.predicateTypes,
      buildTypes: config.buildTypes,
      sourceRepository,
      ...(config.revision ? { revision: config.revision } : {}),
      ...(config.ref ? { ref: config.ref } : {}),
      ...(repository?.builderRegex
        ? { builder: { regex: repository.builderRegex } }
        : config.builder
          ? { builder: config.builder }
          : {}),
      ...(runPrefix ? { buildkitBuilder: { regex: runPrefix } } : {}),
      issuer: config.issuer,
      identity,
      triggers: config.triggers,
      runnerEnvironments: config.runnerEnvironments,
      ...(config.maxAgeHours !== undefined ? { maxAgeHours: config.maxAgeHours } : {}),
      trustUnsignedBuildkit: config.trustUnsignedBuildkit,
    };
  }
}
