import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  GitHubApiError
} from "./chunk-XEGZVYGZ.js";
import "./chunk-HHVX3UOK.js";
import {
  escapeUntrusted,
  quoteUntrusted
} from "./chunk-Y4GPJUWM.js";
import "./chunk-33OM53QW.js";
import {
  SignerError,
  describeCause
} from "./chunk-3XRRZSWV.js";
import "./chunk-6DG7BXTN.js";

// src/files/release-publisher.ts
import { createHash } from "node:crypto";
var PERMISSION_LINES = "permissions:\n  contents: write";
function expectedUploadOrigins(apiUrl) {
  const api = new URL(apiUrl);
  const origins = [api.origin];
  if (api.hostname === "api.github.com") origins.push("https://uploads.github.com");
  const tenant = /^api\.([a-z0-9-]+\.ghe\.com)$/.exec(api.hostname);
  if (tenant) origins.push(`https://uploads.${tenant[1]}`);
  return origins;
}
function tagOfRef(ref) {
  return ref.startsWith("refs/tags/") && ref.length > "refs/tags/".length ? ref.slice("refs/tags/".length) : void 0;
}
function sha256Of(bytes) {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
var GitHubReleasePublisher = class {
  api;
  where;
  state;
  claimed = /* @__PURE__ */ new Set();
  constructor(api, where) {
    this.api = api;
    this.where = where;
  }
  async publish(name, bundleJson) {
    if (this.claimed.has(name))
      throw new SignerError(
        "PUBLISH_CONFLICT",
        `Release asset ${quoteUntrusted(name)}: two release files of that name would be one asset. Rename one, or sign them in separate steps.`
      );
    this.claimed.add(name);
    this.state ??= this.openRelease();
    const { id, uploadUrl, assets } = await this.state;
    const bytes = Buffer.from(bundleJson);
    try {
      const existing = assets.get(name);
      if (existing && await this.holds(existing, bytes))
        return { name, action: "unchanged", url: existing.browserDownloadUrl };
      if (existing) await this.api.deleteAsset(existing.id);
      const uploaded = await this.api.upload(uploadUrl, name, bytes);
      if (uploaded === "exists") {
        const theirs = (await this.api.assets(id)).find((a) => a.name === name);
        if (theirs && await this.holds(theirs, bytes))
          return { name, action: "unchanged", url: theirs.browserDownloadUrl };
        throw new SignerError(
          "PUBLISH_CONFLICT",
          `Release asset ${quoteUntrusted(name)} was uploaded by someone else meanwhile, with other content. Run again.`
        );
      }
      if (uploaded.size !== bytes.length || uploaded.digest !== null && uploaded.digest !== sha256Of(bytes))
        throw new SignerError(
          "READBACK_MISMATCH",
          `Release asset ${quoteUntrusted(name)}: GitHub holds ${uploaded.size} bytes (${escapeUntrusted(uploaded.digest ?? "no digest")}), not the ${bytes.length} uploaded. Run again.`
        );
      return { name, action: existing ? "replaced" : "uploaded", url: uploaded.browserDownloadUrl };
    } catch (err) {
      throw this.toReleaseError(err, `uploading ${quoteUntrusted(name)}`);
    }
  }
  /** The same bytes: by GitHub's digest when it has one, else by reading the asset (a few KiB). */
  async holds(asset, bytes) {
    if (asset.size !== bytes.length) return false;
    if (asset.digest !== null) return asset.digest === sha256Of(bytes);
    const content = await this.api.assetContent(asset);
    return content !== void 0 && content.equals(bytes);
  }
  async openRelease() {
    const tag = tagOfRef(this.where.ref);
    if (!tag)
      throw new SignerError(
        "INPUT_INVALID",
        `Input 'upload-to-release': GITHUB_REF is ${quoteUntrusted(this.where.ref || "(unset)")}, not a tag, so there is no release to attach bundles to. Run on a tag push (on: push: tags), or set 'upload-to-release: false'.`
      );
    try {
      const release = await this.api.releaseByTag(tag) ?? await this.api.draftByTag(tag);
      if (!release)
        throw new SignerError(
          "RELEASE_NOT_FOUND",
          `No GitHub release for tag ${quoteUntrusted(tag)} in ${this.where.repository} (${this.where.apiUrl}), published or draft (among the newest 500). Create it before this step (goreleaser does), and give the job
${PERMISSION_LINES}`
        );
      const uploadUrl = this.checkUploadUrl(release.uploadUrl);
      const assets = new Map((await this.api.assets(release.id)).map((asset) => [asset.name, asset]));
      return { id: release.id, uploadUrl, assets };
    } catch (err) {
      throw this.toReleaseError(err, `reading the release of tag ${quoteUntrusted(tag)}`);
    }
  }
  /** The token is sent to the upload URL only if it is where this API uploads: fail closed otherwise. */
  checkUploadUrl(template) {
    let url;
    try {
      url = new URL(template.replace(/\{[^}]*\}$/, ""));
    } catch {
      url = void 0;
    }
    const expected = expectedUploadOrigins(this.where.apiUrl);
    if (!url || !expected.includes(url.origin))
      throw new SignerError(
        "RELEASE_UNAVAILABLE",
        `The release's upload_url ${quoteUntrusted(template)} is not on ${expected.join(" or ")}, where ${this.where.apiUrl} uploads. Nothing was uploaded and the token was not sent there: check GITHUB_API_URL.`
      );
    return url;
  }
  toReleaseError(err, doing) {
    if (err instanceof SignerError) return err;
    if (err instanceof GitHubApiError && (err.status === 403 || err.status === 401))
      return new SignerError(
        "RELEASE_DENIED",
        `The GitHub API refused ${doing} (HTTP ${err.status}): 'github-token' may not write this repository's releases. Add to the job:
${PERMISSION_LINES}`,
        err
      );
    return new SignerError(
      "RELEASE_UNAVAILABLE",
      `The GitHub API at ${this.where.apiUrl} failed ${doing}: ${escapeUntrusted(describeCause(err))}. Run again later.`,
      err
    );
  }
};
var PlannedReleasePublisher = class {
  claimed = /* @__PURE__ */ new Set();
  async publish(name) {
    if (this.claimed.has(name))
      throw new SignerError(
        "PUBLISH_CONFLICT",
        `Release asset ${quoteUntrusted(name)}: two release files of that name would be one asset. Rename one, or sign them in separate steps.`
      );
    this.claimed.add(name);
    return { name, action: "planned" };
  }
};
export {
  GitHubReleasePublisher,
  PlannedReleasePublisher,
  expectedUploadOrigins,
  tagOfRef
};
