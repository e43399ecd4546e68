import type { ProvenanceSourceName } from './candidate.ts';
import type { ProvenanceExceptions } from './exceptions.ts';
import type { Matcher } from './policy.ts';

/** A workflow file of a repository: `acme/app` + `release.yml`. */
export interface RunWorkflow {
  readonly repository: string;
  readonly file: string;
}

/** The provenance gate: what must be found and what it must say before an image is signed. */
export interface ProvenanceConfig {
  readonly mode: 'required' | 'if-present' | 'off';
  /** Where to look, in order; the first statement that passes every check wins. */
  readonly sources: readonly ProvenanceSourceName[];
  readonly trustUnsignedBuildkit: boolean;
  readonly predicateTypes: readonly string[];
  readonly buildTypes: readonly string[];
  readonly issuer: string;
  /** Certificate SAN of signed provenance; default: a workflow file of the source repository at `ref`. */
  readonly identity?: Matcher;
  readonly workflowFiles: readonly string[];
  /**
   * The signing run's own workflow (GITHUB_WORKFLOW_REF), also accepted as provenance signer for its own
   * repository while `provenance-workflows` is left empty.
   */
  readonly runWorkflow?: RunWorkflow;
  /** `owner/repo` the image must be built from (default: this repository). */
  readonly sourceRepository: string;
  readonly revision?: string;
  readonly ref?: string;
  readonly builder?: Matcher;
  readonly triggers: readonly string[];
  readonly runnerEnvironments: readonly string[];
  readonly maxAgeHours?: number;
  readonly publicKeyPem?: string;
  readonly exceptions: ProvenanceExceptions;
}
