import type { RunContext } from '../../github/context.ts';
import type { Registries } from '../../registry/access.ts';
import type { TrustedRootSource } from '../../sigstore/trusted-root-source.ts';
import type { ProvenanceSource, ProvenanceSourceName } from '../candidate.ts';
import { sourceRepositoryFor } from '../gate.ts';
import type { ProvenanceConfig } from '../provenance-config.ts';
import { BuildkitAttestationSource } from './buildkit.ts';
import { CosignAttestationSource } from './cosign-att.ts';
import { GitHubAttestationSource } from './github-api.ts';
import { ReferrerBundleSource } from './referrers.ts';
import { ProvenanceVerifier } from './verify.ts';

/** What the sources read from: the registries, the GitHub API, and Sigstore's trusted root. */
export interface SourceAccess {
  readonly registries: Registries;
  readonly githubToken: string;
  readonly context: Pick<RunContext, 'apiUrl'>;
  readonly trustedRoot: TrustedRootSource;
}

/** The provenance sources the configuration names, in its order (loaded only when provenance is checked). */
export function createSources(
  provenance: ProvenanceConfig,
  { registries, githubToken, context, trustedRoot }: SourceAccess,
): ProvenanceSource[] {
  const verifier = new ProvenanceVerifier({
    trustedRoot,
    ...(provenance.publicKeyPem ? { publicKeyPem: provenance.publicKeyPem } : {}),
  });
  const byName: Record<ProvenanceSourceName, () => ProvenanceSource> = {
    cosign: () => new CosignAttestationSource(registries, verifier),
    referrers: () => new ReferrerBundleSource(registries, verifier),
    github: () =>
      new GitHubAttestationSource(
        {
          apiUrl: context.apiUrl,
          token: githubToken,
          repository: (image) => sourceRepositoryFor(provenance, image),
        },
        verifier,
      ),
    buildkit: () => new BuildkitAttestationSource(registries, verifier),
  };
  return provenance.sources.map((name) => byName[name]());
}
