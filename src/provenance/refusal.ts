import { escapeUntrusted } from '../util/untrusted.ts';
import type { GateDecision } from './gate.ts';
import { SOURCE_UNREADABLE } from './rejections.ts';

const PRODUCE_PROVENANCE =
  "Produce it in the release workflow: actions/attest-build-provenance after the build (subject-name, subject-digest, push-to-registry: true), or keep BuildKit's provenance and set 'trust-unsigned-buildkit: true'";

/** The input that would change the outcome of each check, said as the fix a release engineer makes. */
const FIXES: Readonly<Record<string, string>> = {
  present: PRODUCE_PROVENANCE,
  signed: `BuildKit's provenance is unsigned, so anyone who can push could have written it. ${PRODUCE_PROVENANCE}`,
  signature:
    "Its signature did not verify: keyless provenance against 'trusted-root' (default public-good Sigstore), key-signed provenance against 'provenance-key'",
  issuer: "Set 'provenance-issuer' to the OIDC issuer that signed it",
  'signer-identity':
    "If that workflow may sign provenance, list its file in 'provenance-workflows' (or set 'provenance-identity' or 'provenance-identity-regex'); for an image built by another repository, map it in 'provenance-policy' (images: {<image>: {source-repository: owner/repo}})",
  'certificate-source-repository':
    "Set 'provenance-source-repository', or map the image in 'provenance-policy', to the repository it is built from",
  'source-repository':
    "Set 'provenance-source-repository', or map the image in 'provenance-policy', to the repository it is built from",
  'certificate-ref': "Set 'provenance-ref' to the ref the build ran at (default this run's GITHUB_REF)",
  ref: "Set 'provenance-ref' to the ref the build ran at (default this run's GITHUB_REF)",
  'certificate-revision': "Set 'provenance-revision' to the commit it was built from (default GITHUB_SHA)",
  revision: "Set 'provenance-revision' to the commit it was built from (default GITHUB_SHA)",
  trigger: "To accept provenance from runs started by that event, add it to 'provenance-triggers'",
  'runner-environment': "To accept it, add that runner environment to 'provenance-runner-environments'",
  'statement-type':
    'It is not an in-toto statement: attest the image with a tool that writes one (BuildKit, actions/attest-build-provenance, cosign attest)',
  'predicate-type': "To accept that predicate type, add it to 'provenance-predicate-types'",
  'build-type': "To accept that build type, add it to 'provenance-build-types'",
  builder: "Set 'provenance-builder-id' or 'provenance-builder-id-regex' to the builder that built it",
  subject: 'The provenance is about another digest: attest the digest that was pushed',
  freshness: "Raise 'provenance-max-age-hours', or build again",
  [SOURCE_UNREADABLE]: "Check that source, or leave it out of 'provenance-sources'",
};

const LAST_RESORT =
  "To sign without it: 'provenance: off', or a skip with a reason for this image in 'provenance-policy'";

/** What to change so the check passes: the input first, the escape hatches last. */
export function fixFor(check: string): string {
  const fix = FIXES[check];
  return fix ? `${fix}. ${LAST_RESORT}.` : `${LAST_RESORT}.`;
}

/** The gate's refusal of one image: the check, expected and found, the other reasons, and the fix. */
export function describeRefusal(where: string, decision: GateDecision & { verdict: 'failed' }): string {
  const { failure } = decision;
  const source = decision.source ? `, ${decision.source} provenance` : '';
  const also =
    decision.others.length > 0
      ? ` Also: ${decision.others.map((other) => escapeUntrusted(other)).join('; ')}.`
      : '';
  return `Provenance check '${failure.check}' failed for ${where}${source}: expected ${escapeUntrusted(failure.expected)}, found ${escapeUntrusted(failure.found)}.${also} Not signed. ${fixFor(failure.check)}`;
}
