import type { TransparencyLog } from './sigstore/signing-config.ts';
import type { FilesConfig } from './files/file-inputs.ts';
import type { DryRunSetting } from './github/dry-run.ts';
import type { ProvenanceSourceName } from './provenance/candidate.ts';
import type { ProvenanceExceptions } from './provenance/exceptions.ts';
import type { Matcher } from './provenance/policy.ts';
import type { Subjects } from './subjects/subject.ts';

/** Signing with a key the user holds. */
export interface KeySigning {
  readonly mode: 'key';
  /** PEM text of the private key: cosign's encrypted format or plain PKCS#8. */
  readonly keyPem: string;
  /** Password for an encrypted key; empty when the key is not encrypted. */
  readonly password: string;
  /** Why `keyPem` is empty (no secret reaches a fork's pull request): refused only by a release run. */
  readonly missingKey?: string;
}

/** Keyless: an ephemeral key certified by Fulcio for the run's OIDC identity. */
export interface KeylessSigning {
  readonly mode: 'keyless';
  /** A token given by input (outside Actions); otherwise the runner issues one. */
  readonly identityToken?: string;
  readonly fulcioUrl: string;
}

export type SigningConfig = KeySigning | KeylessSigning;

/** `bundle`: Sigstore bundle as an OCI referrer (cosign v3's default); `legacy`: cosign's `.sig` tag. */
export type SignatureFormat = 'bundle' | 'legacy';

/** Credentials for one registry host, from `registry`/`registry-username`/`registry-password`. */
export interface RegistryCredential {
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

export interface RegistryConfig {
  /** Plain-HTTP registries are refused unless this is set (cosign's --allow-http-registry). */
  readonly allowHttp: boolean;
  /** Seconds the whole run may spend waiting to retry registry requests. */
  readonly retryBudgetSeconds: number;
  /** Accept self-signed TLS (cosign's --allow-insecure-registry). */
  readonly allowInsecure: boolean;
  readonly credentials: readonly RegistryCredential[];
  /** The user name for `github-token` at ghcr.io. */
  readonly githubActor: string;
  /** Store signatures in this repository (`registry/repository`), as cosign's COSIGN_REPOSITORY. */
  readonly signatureRepository?: { readonly registry: string; readonly repository: string };
}

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

/**
 * `trusted-root` (a private Sigstore's trusted_root.json), else the trusted root a TUF repository
 * publishes: public-good Sigstore's by default, or a private one's (`tuf-mirror-url` + `tuf-root`).
 */
export interface TrustConfig {
  readonly trustedRootPath?: string;
  readonly tufMirrorUrl?: string;
  /** The TUF repository's initial root.json; @sigstore/tuf ships public-good's. */
  readonly tufRootPath?: string;
}

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
