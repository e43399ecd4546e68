import { createPublicKey } from 'node:crypto';
import type { ProvenanceConfig, RunWorkflow } from './provenance-config.ts';
import {
  invalid,
  maskSecret,
  readBoolean,
  readItems,
  readMatcher,
  type InputSource,
} from '../input-source.ts';
import type { ProvenanceSourceName } from './candidate.ts';
import { parseProvenancePolicy } from './exceptions.ts';
import { readPolicyText } from './policy-file.ts';
import { FROM_IMAGE } from './gate.ts';
import { SLSA_V02, SLSA_V1 } from './slsa.ts';
import { quoteUntrusted } from '../util/untrusted.ts';

const DEFAULT_BUILD_TYPES = [
  'https://mobyproject.org/buildkit@v1',
  'https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md',
  'https://actions.github.io/buildtypes/workflow/v1',
  'https://github.com/slsa-framework/slsa-github-generator/container@v1',
  'https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1',
];
/** Workflow files that may sign provenance when `provenance-workflows` is empty (besides the run's own). */
const DEFAULT_WORKFLOW_FILES = ['release.yml', 'release.yaml'];
/**
 * Events that may have started the workflow that signed provenance: only people with write access can start
 * them, and the certificate's ref and commit are checked against this run's all the same.
 */
const DEFAULT_TRIGGERS = ['push', 'release', 'workflow_dispatch'];
const PROVENANCE_SOURCES: readonly ProvenanceSourceName[] = ['cosign', 'referrers', 'github', 'buildkit'];

const KEY_FIX =
  'Give the PEM text of the public key that signed the provenance (cosign.pub, -----BEGIN PUBLIC KEY-----), or leave it empty for keyless provenance';

/** `provenance-key`: a public key, checked now, so a bad one stops the run before any request, naming the input. */
function readProvenanceKey(source: InputSource): string {
  const pem = source.get('provenance-key').trim();
  if (!pem) return '';
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    // A verifier never needs it; hide it from the rest of the log at once.
    maskSecret(source, pem);
    throw invalid(
      'provenance-key',
      'is a private key, which a verifier never needs',
      `${KEY_FIX}. Treat the private key as exposed and rotate it`,
    );
  }
  try {
    if (!pem.includes('-----BEGIN PUBLIC KEY-----')) throw new Error('no PUBLIC KEY block');
    createPublicKey(pem);
  } catch {
    // The content is not repeated: it is the input's own text, and the reason would quote it.
    throw invalid('provenance-key', 'not a PEM public key', KEY_FIX);
  }
  return pem;
}

/** `owner/repo/.github/workflows/<file>@<ref>`, as the runner sets GITHUB_WORKFLOW_REF (a caller's, in a reusable workflow). */
export function parseWorkflowRef(workflowRef: string | undefined): RunWorkflow | undefined {
  const match = /^([\w.-]+\/[\w.-]+)\/\.github\/workflows\/([\w.-]+)@/.exec(workflowRef ?? '');
  return match?.[1] && match[2] ? { repository: match[1], file: match[2] } : undefined;
}

export async function readProvenance(source: InputSource): Promise<ProvenanceConfig> {
  const mode = source.get('provenance').trim().toLowerCase() || 'required';
  if (mode !== 'required' && mode !== 'if-present' && mode !== 'off') {
    throw invalid(
      'provenance',
      `${quoteUntrusted(mode)} is not a mode`,
      "Use 'required', 'if-present' or 'off'",
    );
  }
  const sources = readItems(source, 'provenance-sources', PROVENANCE_SOURCES);
  for (const name of sources) {
    if (!PROVENANCE_SOURCES.includes(name as ProvenanceSourceName)) {
      throw invalid(
        'provenance-sources',
        `${quoteUntrusted(name)} is not a source`,
        `Use some of ${PROVENANCE_SOURCES.join(', ')}`,
      );
    }
  }
  const maxAge = source.get('provenance-max-age-hours').trim();
  if (maxAge && !(Number(maxAge) > 0))
    throw invalid(
      'provenance-max-age-hours',
      `${quoteUntrusted(maxAge)} is not a positive number`,
      'Give hours, e.g. 24',
    );
  const publicKeyPem = readProvenanceKey(source);
  const sourceRepository =
    source.get('provenance-source-repository').trim() || source.env('GITHUB_REPOSITORY') || '';
  if (mode !== 'off' && sourceRepository !== FROM_IMAGE && !/^[\w.-]+\/[\w.-]+$/.test(sourceRepository)) {
    throw invalid(
      'provenance-source-repository',
      `${quoteUntrusted(sourceRepository)} is not owner/repo`,
      "Set it to the owner/repo that built the images, run inside GitHub Actions where GITHUB_REPOSITORY says it, or set 'provenance: off'",
    );
  }
  const revision = source.get('provenance-revision').trim() || source.env('GITHUB_SHA') || '';
  const ref = source.get('provenance-ref').trim() || source.env('GITHUB_REF') || '';
  const identity = readMatcher(source, 'provenance-identity');
  const builder = readMatcher(source, 'provenance-builder-id');
  // Listing workflows replaces the whole default, the run's own workflow included.
  const listedWorkflows = readItems(source, 'provenance-workflows', []);
  const runWorkflow = listedWorkflows.length
    ? undefined
    : parseWorkflowRef(source.env('GITHUB_WORKFLOW_REF'));
  return {
    mode,
    sources: sources as ProvenanceSourceName[],
    trustUnsignedBuildkit: readBoolean(source, 'trust-unsigned-buildkit', false),
    predicateTypes: readItems(source, 'provenance-predicate-types', [SLSA_V1, SLSA_V02]),
    buildTypes: readItems(source, 'provenance-build-types', DEFAULT_BUILD_TYPES),
    issuer: source.get('provenance-issuer').trim() || 'https://token.actions.githubusercontent.com',
    ...(identity ? { identity } : {}),
    workflowFiles: listedWorkflows.length ? listedWorkflows : DEFAULT_WORKFLOW_FILES,
    ...(runWorkflow ? { runWorkflow } : {}),
    sourceRepository,
    ...(revision ? { revision } : {}),
    ...(ref ? { ref } : {}),
    ...(builder ? { builder } : {}),
    triggers: readItems(source, 'provenance-triggers', DEFAULT_TRIGGERS),
    runnerEnvironments: readItems(source, 'provenance-runner-environments', ['github-hosted']),
    ...(maxAge ? { maxAgeHours: Number(maxAge) } : {}),
    ...(publicKeyPem ? { publicKeyPem } : {}),
    exceptions: await parseProvenancePolicy(
      readPolicyText(source.get('provenance-policy'), source.env('GITHUB_WORKSPACE') || process.cwd()),
    ),
  };
}
