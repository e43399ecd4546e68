import type { ErrorCode } from '../errors.ts';

/** What happened to a bundle on the release: `unchanged` when an asset of its name already held it. */
export interface AssetRecord {
  readonly name: string;
  readonly action: 'uploaded' | 'replaced' | 'unchanged' | 'planned';
  /** The asset's browser_download_url; absent when nothing was uploaded (dry run). */
  readonly url?: string;
}

/** One release file: every file gets an outcome, one failure does not stop the others. */
export interface FileOutcome {
  /** Relative to GITHUB_WORKSPACE. */
  readonly path: string;
  /** Hex SHA-256 of the file, as signed; absent if it could not be read. */
  readonly sha256?: string;
  /** Where the bundle is (or, in a dry run, would be), relative to GITHUB_WORKSPACE. */
  readonly bundlePath: string;
  /** `already-signed`: a re-run found this signer's bundle beside the file, verified, and kept it. */
  readonly status: 'signed' | 'already-signed' | 'planned' | 'failed';
  readonly logIndex?: string;
  readonly asset?: AssetRecord;
  readonly error?: { readonly code: ErrorCode; readonly message: string };
}
