import type { TransparencyLog } from './sigstore/signing-config.ts';
import type { FilesConfig } from './files/file-inputs.ts';
import type { DryRunSetting } from './github/dry-run.ts';
import type { ProvenanceConfig } from './provenance/provenance-config.ts';
import type { RegistryConfig } from './registry/registry-config.ts';
import type { SigningConfig } from './sigstore/signing.ts';
import type { TrustConfig } from './sigstore/trusted-root-source.ts';
import type { Subjects } from './subjects/subject.ts';

// Each module owns the slice of the configuration it reads; this file composes them.
export type { ProvenanceConfig, RunWorkflow } from './provenance/provenance-config.ts';
export type { RegistryConfig, RegistryCredential } from './registry/registry-config.ts';
export type { KeylessSigning, KeySigning, SigningConfig } from './sigstore/signing.ts';
export type { TrustConfig } from './sigstore/trusted-root-source.ts';

/** `bundle`: Sigstore bundle as an OCI referrer (cosign v3's default); `legacy`: cosign's `.sig` tag. */
export type SignatureFormat = 'bundle' | 'legacy';

/** Everything the run needs, read and validated once from the inputs. */
export interface Config {
  /** What to sign, merged from `images`, `goreleaser-artifacts` and `build-metadata`. */
  readonly subjects: Subjects;
  /** Release files signed as Sigstore bundles (`files`, `goreleaser-files`, `upload-to-release`). */
  readonly files: FilesConfig;
  readonly signing: SigningConfig;
  readonly formats: readonly SignatureFormat[];
  /** Rekor to upload signatures to (cosign's --tlog-upload); absent when tlog-upload is false. */
  readonly tlog?: TransparencyLog;
  /** `signing-config`, when it chose Fulcio, the log and the TSA (for error messages). */
  readonly signingConfigPath?: string;
  /** `signing-config: tuf`: Fulcio, the log and the TSA are chosen when the run starts, from TUF. */
  readonly servicesFromTuf?: { readonly tlogUpload: boolean };
  /** RFC 3161 timestamp authority to countersign each signature. */
  readonly tsaUrl?: string;
  /** Signed annotations, written into the payload's `optional` as cosign's `-a` does. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly registry: RegistryConfig;
  /** Read every signature back from the registry after writing and verify it. */
  readonly verify: boolean;
  /** Where the Sigstore trust (CA, logs, TSAs) that every signature is verified against comes from. */
  readonly trust: TrustConfig;
  /** For an index: also sign every manifest it lists. */
  readonly recursive: boolean;
  /** With `recursive`: BuildKit's attestation manifests too, as cosign --recursive (containers/image checks them). */
  readonly signAttestationManifests: boolean;
  readonly provenance: ProvenanceConfig;
  /**
   * `github-token`: the GitHub API (attestations, releases), and ghcr.io's password when nothing else
   * gives credentials for it.
   */
  readonly githubToken: string;
  /** `auto` (dry run on pull requests and forks), `true` or `false`. */
  readonly dryRun: DryRunSetting;
  /**
   * A dry run on an event that cannot carry a fork's content may read registries with their credentials
   * and call the GitHub API with the token; ignored on untrusted events. Off: a dry run sends no secret.
   */
  readonly dryRunCredentials: boolean;
  /** Images signed at once. */
  readonly concurrency: number;
}
