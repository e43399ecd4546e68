import { createHash } from 'node:crypto';
import { SignerError, describeCause } from '../errors.ts';
import { GitHubApiError } from '../github/rest.ts';
import { escapeUntrusted, quoteUntrusted } from '../util/untrusted.ts';
import type { AssetRecord } from './file-outcome.ts';
import type { ReleaseApi, ReleaseAsset } from './release-api.ts';
import type { ReleasePublisher } from './sign-files.ts';

const PERMISSION_LINES = 'permissions:\n  contents: write';

/**
 * Where GitHub puts release uploads for this API: the API's own origin (GHES: /api/uploads), or its
 * uploads host (uploads.github.com, uploads.<tenant>.ghe.com). The token goes nowhere else.
 */
export function expectedUploadOrigins(apiUrl: string): string[] {
  const api = new URL(apiUrl);
  const origins = [api.origin];
  if (api.hostname === 'api.github.com') origins.push('https://uploads.github.com');
  const tenant = /^api\.([a-z0-9-]+\.ghe\.com)$/.exec(api.hostname);
  if (tenant) origins.push(`https://uploads.${tenant[1]}`);
  return origins;
}

/** `refs/tags/v1.2.3` → `v1.2.3`; anything else has no release. */
export function tagOfRef(ref: string): string | undefined {
  return ref.startsWith('refs/tags/') && ref.length > 'refs/tags/'.length
    ? ref.slice('refs/tags/'.length)
    : undefined;
}

function sha256Of(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

interface ReleaseState {
  readonly id: number;
  readonly uploadUrl: URL;
  readonly assets: Map<string, ReleaseAsset>;
}

/**
 * Attaches bundles to the release of the pushed tag: an asset of the same name is kept when it holds the
 * same bytes, replaced (deleted, then uploaded) when not, so a re-run never makes a second one.
 */
export class GitHubReleasePublisher implements ReleasePublisher {
  private readonly api: ReleaseApi;
  private readonly where: { readonly ref: string; readonly repository: string; readonly apiUrl: string };
  private state: Promise<ReleaseState> | undefined;
  private readonly claimed = new Set<string>();

  constructor(api: ReleaseApi, where: { ref: string; repository: string; apiUrl: string }) {
    this.api = api;
    this.where = where;
  }

  async publish(name: string, bundleJson: string): Promise<AssetRecord> {
    if (this.claimed.has(name))
      throw new SignerError(
        'PUBLISH_CONFLICT',
        `Release asset ${quoteUntrusted(name)}: two release files of that name would be one asset. Rename one, or sign them in separate steps.`,
      );
    this.claimed.add(name);
    this.state ??= this.openRelease();
    const { id, uploadUrl, assets } = await this.state;
    const bytes = Buffer.from(bundleJson);
    try {
      const existing = assets.get(name);
      if (existing && (await this.holds(existing, bytes)))
        return { name, action: 'unchanged', url: existing.browserDownloadUrl };
      if (existing) await this.api.deleteAsset(existing.id);
      const uploaded = await this.api.upload(uploadUrl, name, bytes);
      if (uploaded === 'exists') {
        // Another run uploaded the name between our list and our upload: keep it if it is the same.
        const theirs = (await this.api.assets(id)).find((a) => a.name === name);
        if (theirs && (await this.holds(theirs, bytes)))
          return { name, action: 'unchanged', url: theirs.browserDownloadUrl };
        throw new SignerError(
          'PUBLISH_CONFLICT',
          `Release asset ${quoteUntrusted(name)} was uploaded by someone else meanwhile, with other content. Run again.`,
        );
      }
      if (uploaded.size !== bytes.length || (uploaded.digest !== null && uploaded.digest !== sha256Of(bytes)))
        throw new SignerError(
          'READBACK_MISMATCH',
          `Release asset ${quoteUntrusted(name)}: GitHub holds ${uploaded.size} bytes (${escapeUntrusted(uploaded.digest ?? 'no digest')}), not the ${bytes.length} uploaded. Run again.`,
        );
      return { name, action: existing ? 'replaced' : 'uploaded', url: uploaded.browserDownloadUrl };
    } catch (err) {
      throw this.toReleaseError(err, `uploading ${quoteUntrusted(name)}`);
    }
  }

  /** The same bytes: by GitHub's digest when it has one, else by reading the asset (a few KiB). */
  private async holds(asset: ReleaseAsset, bytes: Buffer): Promise<boolean> {
    if (asset.size !== bytes.length) return false;
    if (asset.digest !== null) return asset.digest === sha256Of(bytes);
    const content = await this.api.assetContent(asset);
    return content !== undefined && content.equals(bytes);
  }

  private async openRelease(): Promise<ReleaseState> {
    const tag = tagOfRef(this.where.ref);
    if (!tag)
      throw new SignerError(
        'INPUT_INVALID',
        `Input 'upload-to-release': GITHUB_REF is ${quoteUntrusted(this.where.ref || '(unset)')}, not a tag, so there is no release to attach bundles to. Run on a tag push (on: push: tags), or set 'upload-to-release: false'.`,
      );
    try {
      const release = (await this.api.releaseByTag(tag)) ?? (await this.api.draftByTag(tag));
      if (!release)
        throw new SignerError(
          'RELEASE_NOT_FOUND',
          `No GitHub release for tag ${quoteUntrusted(tag)} in ${this.where.repository} (${this.where.apiUrl}), published or draft (among the newest 500). Create it before this step (goreleaser does), and give the job\n${PERMISSION_LINES}`,
        );
      const uploadUrl = this.checkUploadUrl(release.uploadUrl);
      const assets = new Map((await this.api.assets(release.id)).map((asset) => [asset.name, asset]));
      return { id: release.id, uploadUrl, assets };
    } catch (err) {
      throw this.toReleaseError(err, `reading the release of tag ${quoteUntrusted(tag)}`);
    }
  }

  /** The token is sent to the upload URL only if it is where this API uploads: fail closed otherwise. */
  private checkUploadUrl(template: string): URL {
    let url: URL | undefined;
    try {
      url = new URL(template.replace(/\{[^}]*\}$/, ''));
    } catch {
      url = undefined;
    }
    const expected = expectedUploadOrigins(this.where.apiUrl);
    if (!url || !expected.includes(url.origin))
      throw new SignerError(
        'RELEASE_UNAVAILABLE',
        `The release's upload_url ${quoteUntrusted(template)} is not on ${expected.join(' or ')}, where ${this.where.apiUrl} uploads. Nothing was uploaded and the token was not sent there: check GITHUB_API_URL.`,
      );
    return url;
  }

  private toReleaseError(err: unknown, doing: string): SignerError {
    if (err instanceof SignerError) return err;
    if (err instanceof GitHubApiError && (err.status === 403 || err.status === 401))
      return new SignerError(
        'RELEASE_DENIED',
        `The GitHub API refused ${doing} (HTTP ${err.status}): 'github-token' may not write this repository's releases. Add to the job:\n${PERMISSION_LINES}`,
        err,
      );
    return new SignerError(
      'RELEASE_UNAVAILABLE',
      `The GitHub API at ${this.where.apiUrl} failed ${doing}: ${escapeUntrusted(describeCause(err))}. Run again later.`,
      err,
    );
  }
}

/** The dry run's publisher: names what would be uploaded, calls nothing. */
export class PlannedReleasePublisher implements ReleasePublisher {
  private readonly claimed = new Set<string>();

  async publish(name: string): Promise<AssetRecord> {
    if (this.claimed.has(name))
      throw new SignerError(
        'PUBLISH_CONFLICT',
        `Release asset ${quoteUntrusted(name)}: two release files of that name would be one asset. Rename one, or sign them in separate steps.`,
      );
    this.claimed.add(name);
    return { name, action: 'planned' };
  }
}
