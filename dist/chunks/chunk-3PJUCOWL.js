import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createDispatcher
} from "./chunk-HHVX3UOK.js";
import {
  dedupeImages,
  hasImages,
  invalid,
  maskSecret,
  readBoolean,
  readItems,
  readList,
  readMatcher,
  readPositiveInt,
  readSigningConfig,
  readUrl,
  refuseLegacyWithRekorV2,
  runnerInputs
} from "./chunk-LLL7VFGN.js";
import {
  FROM_IMAGE,
  HEADER_DOCKER_CONTENT_DIGEST,
  HEADER_OCI_SUBJECT,
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
  OCI_INDEX,
  SLSA_V02,
  SLSA_V1,
  SOURCE_UNREADABLE,
  appendPhaseTimings,
  concatOwned,
  isDigest,
  isFresh,
  isIndexMediaType,
  notePhase,
  parseImageName,
  parseImageRef,
  rankRejections,
  sha256Digest,
  sinceStart,
  timed,
  toDigestRef,
  toRepositoryName
} from "./chunk-YSWXQUWQ.js";
import {
  collectReleaseFiles
} from "./chunk-HUCOVWA7.js";
import {
  limiter,
  mapLimit
} from "./chunk-QY3J4THD.js";
import {
  checkEventTrust,
  readNamedKey
} from "./chunk-YWQGZ7NA.js";
import {
  escapeControls,
  escapeUntrusted,
  quoteUntrusted,
  toLogText
} from "./chunk-Y4GPJUWM.js";
import {
  debug,
  error,
  getExecOutput,
  group,
  info,
  notice,
  setFailed,
  warning
} from "./chunk-GZDEPJDF.js";
import {
  SignerError,
  describeCause
} from "./chunk-3XRRZSWV.js";

// src/github/context.ts
import { readFileSync, statSync } from "node:fs";
var MAX_EVENT_BYTES = 8 * 1024 * 1024;
function readEventPayload(path) {
  if (!path) return { status: "absent" };
  let bytes;
  try {
    if (statSync(path).size > MAX_EVENT_BYTES)
      return { status: "unusable", problem: `is larger than ${MAX_EVENT_BYTES / 1024 / 1024} MiB` };
    bytes = readFileSync(path, "utf8");
  } catch {
    return { status: "unusable", problem: "could not be read" };
  }
  let json;
  try {
    json = JSON.parse(bytes);
  } catch {
    return { status: "unusable", problem: "is not JSON" };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return { status: "unusable", problem: "is not a JSON object" };
  return { status: "read", json };
}
function readRunContext(env = process.env) {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const repository = env.GITHUB_REPOSITORY ?? "";
  return {
    eventName,
    eventTrust: checkEventTrust(eventName, readEventPayload(env.GITHUB_EVENT_PATH), repository),
    repository,
    sha: env.GITHUB_SHA ?? "",
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    runId: env.GITHUB_RUN_ID ?? "",
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    ref: env.GITHUB_REF ?? "",
    tempDir: env.RUNNER_TEMP ?? env.TMPDIR ?? "/tmp",
    canRequestIdToken: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    ...env.RELEASE_SIGNER_TIMINGS ? { timingsFile: env.RELEASE_SIGNER_TIMINGS } : {}
  };
}

// src/provenance/provenance-inputs.ts
import { createPublicKey } from "node:crypto";

// src/provenance/policy-file.ts
import { existsSync, readFileSync as readFileSync2, realpathSync, statSync as statSync2 } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
var MAX_POLICY_BYTES = 256 * 1024;
var FIX = "Give the path of a policy file inside the workspace (the repository), or the policy inline";
function looksLikePath(value, workspace) {
  if (value.includes("\n") || value.startsWith("{")) return false;
  return /\.(ya?ml|json)$/i.test(value) || existsSync(resolve(workspace, value));
}
function readPolicyText(value, workspace) {
  const trimmed = value.trim();
  if (!trimmed || !looksLikePath(trimmed, workspace)) return value;
  const shown = quoteUntrusted(trimmed);
  let real;
  let root;
  try {
    real = realpathSync(resolve(workspace, trimmed));
    root = realpathSync(workspace);
  } catch {
    throw invalid("provenance-policy", `${shown} is not a file in the workspace`, FIX);
  }
  const inside = relative(root, real);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
    throw invalid("provenance-policy", `${shown} is outside the workspace ${quoteUntrusted(root)}`, FIX);
  }
  const stat = statSync2(real);
  if (!stat.isFile()) throw invalid("provenance-policy", `${shown} is not a file`, FIX);
  if (stat.size > MAX_POLICY_BYTES)
    throw invalid("provenance-policy", `${shown} is larger than ${MAX_POLICY_BYTES} bytes`, FIX);
  try {
    return readFileSync2(real, "utf8");
  } catch {
    throw invalid("provenance-policy", `${shown} cannot be read`, FIX);
  }
}

// src/provenance/exceptions.ts
var NO_EXCEPTIONS = { images: {}, repositories: {} };
function invalid2(why) {
  return new SignerError(
    "INPUT_INVALID",
    `Input 'provenance-policy': ${why}. Expected YAML or JSON like {images: {"rancher/fleet-agent": {source-repository: rancher/fleet}}, repositories: {"rancher/fleet": {workflows: [release.yml]}}}.`
  );
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function readString(entry, key, where) {
  const value = entry[key];
  if (value === void 0) return void 0;
  if (typeof value !== "string" || value.trim() === "")
    throw invalid2(`${where}: ${key} must be a non-empty string`);
  return value.trim();
}
function checkRegex(pattern, where) {
  if (pattern === void 0) return void 0;
  try {
    new RegExp(pattern);
  } catch {
    throw invalid2(`${where} is not a valid regular expression`);
  }
  return pattern;
}
async function parseProvenancePolicy(text) {
  if (!text.trim()) return NO_EXCEPTIONS;
  if (text.length > MAX_POLICY_BYTES) throw invalid2(`it is larger than ${MAX_POLICY_BYTES} bytes`);
  const { YAMLParseError, parse } = await import("./yaml-parser-G4OASUJR.js");
  let document;
  try {
    document = parse(text, { maxAliasCount: 10 });
  } catch (err) {
    const at = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : "";
    throw invalid2(
      `it is neither YAML nor JSON (${err instanceof YAMLParseError ? err.code : "unreadable"}${at})`
    );
  }
  if (!isRecord(document)) throw invalid2("it is not a mapping");
  for (const key of Object.keys(document))
    if (key !== "images" && key !== "repositories")
      throw invalid2("it has a top-level key other than images and repositories");
  const images = {};
  const rawImages = document.images ?? {};
  if (!isRecord(rawImages)) throw invalid2("images must be a mapping");
  for (const [position, [name, entry]] of Object.entries(rawImages).entries()) {
    const where = `images, entry ${position + 1}`;
    if (!isRecord(entry)) throw invalid2(`${where} must be a mapping`);
    for (const key of Object.keys(entry))
      if (key !== "source-repository" && key !== "skip")
        throw invalid2(`${where} has a key other than source-repository and skip`);
    const sourceRepository = readString(entry, "source-repository", where);
    if (sourceRepository && !/^[\w.-]+\/[\w.-]+$/.test(sourceRepository))
      throw invalid2(`${where}: source-repository must be owner/repo`);
    const skip = readString(entry, "skip", where);
    images[name] = { ...sourceRepository ? { sourceRepository } : {}, ...skip ? { skip } : {} };
  }
  const repositories = {};
  const rawRepositories = document.repositories ?? {};
  if (!isRecord(rawRepositories)) throw invalid2("repositories must be a mapping");
  for (const [position, [name, entry]] of Object.entries(rawRepositories).entries()) {
    const where = `repositories, entry ${position + 1}`;
    if (!isRecord(entry)) throw invalid2(`${where} must be a mapping`);
    for (const key of Object.keys(entry)) {
      if (!["identity-regex", "workflows", "builder-regex"].includes(key))
        throw invalid2(`${where} has a key other than identity-regex, workflows and builder-regex`);
    }
    const workflows = entry.workflows;
    if (workflows !== void 0 && (!Array.isArray(workflows) || !workflows.every((w) => typeof w === "string" && /^[\w.-]+$/.test(w)))) {
      throw invalid2(`${where}: workflows must be a list of workflow file names`);
    }
    const identityRegex = checkRegex(readString(entry, "identity-regex", where), `${where}: identity-regex`);
    const builderRegex = checkRegex(readString(entry, "builder-regex", where), `${where}: builder-regex`);
    repositories[name.toLowerCase()] = {
      ...identityRegex ? { identityRegex } : {},
      ...builderRegex ? { builderRegex } : {},
      ...workflows ? { workflows } : {}
    };
  }
  return { images, repositories };
}

// src/provenance/provenance-inputs.ts
var DEFAULT_BUILD_TYPES = [
  "https://mobyproject.org/buildkit@v1",
  "https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md",
  "https://actions.github.io/buildtypes/workflow/v1",
  "https://github.com/slsa-framework/slsa-github-generator/container@v1",
  "https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1"
];
var DEFAULT_WORKFLOW_FILES = ["release.yml", "release.yaml"];
var DEFAULT_TRIGGERS = ["push", "release", "workflow_dispatch"];
var PROVENANCE_SOURCES = ["cosign", "referrers", "github", "buildkit"];
var KEY_FIX = "Give the PEM text of the public key that signed the provenance (cosign.pub, -----BEGIN PUBLIC KEY-----), or leave it empty for keyless provenance";
function readProvenanceKey(source) {
  const pem = source.get("provenance-key").trim();
  if (!pem) return "";
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    maskSecret(source, pem);
    throw invalid(
      "provenance-key",
      "is a private key, which a verifier never needs",
      `${KEY_FIX}. Treat the private key as exposed and rotate it`
    );
  }
  try {
    if (!pem.includes("-----BEGIN PUBLIC KEY-----")) throw new Error("no PUBLIC KEY block");
    createPublicKey(pem);
  } catch {
    throw invalid("provenance-key", "not a PEM public key", KEY_FIX);
  }
  return pem;
}
function parseWorkflowRef(workflowRef) {
  const match = /^([\w.-]+\/[\w.-]+)\/\.github\/workflows\/([\w.-]+)@/.exec(workflowRef ?? "");
  return match?.[1] && match[2] ? { repository: match[1], file: match[2] } : void 0;
}
async function readProvenance(source) {
  const mode = source.get("provenance").trim().toLowerCase() || "required";
  if (mode !== "required" && mode !== "if-present" && mode !== "off") {
    throw invalid(
      "provenance",
      `${quoteUntrusted(mode)} is not a mode`,
      "Use 'required', 'if-present' or 'off'"
    );
  }
  const sources = readItems(source, "provenance-sources", PROVENANCE_SOURCES);
  for (const name of sources) {
    if (!PROVENANCE_SOURCES.includes(name)) {
      throw invalid(
        "provenance-sources",
        `${quoteUntrusted(name)} is not a source`,
        `Use some of ${PROVENANCE_SOURCES.join(", ")}`
      );
    }
  }
  const maxAge = source.get("provenance-max-age-hours").trim();
  if (maxAge && !(Number(maxAge) > 0))
    throw invalid(
      "provenance-max-age-hours",
      `${quoteUntrusted(maxAge)} is not a positive number`,
      "Give hours, e.g. 24"
    );
  const publicKeyPem = readProvenanceKey(source);
  const sourceRepository = source.get("provenance-source-repository").trim() || source.env("GITHUB_REPOSITORY") || "";
  if (mode !== "off" && sourceRepository !== FROM_IMAGE && !/^[\w.-]+\/[\w.-]+$/.test(sourceRepository)) {
    throw invalid(
      "provenance-source-repository",
      `${quoteUntrusted(sourceRepository)} is not owner/repo`,
      "Set it to the owner/repo that built the images, run inside GitHub Actions where GITHUB_REPOSITORY says it, or set 'provenance: off'"
    );
  }
  const revision = source.get("provenance-revision").trim() || source.env("GITHUB_SHA") || "";
  const ref = source.get("provenance-ref").trim() || source.env("GITHUB_REF") || "";
  const identity = readMatcher(source, "provenance-identity");
  const builder = readMatcher(source, "provenance-builder-id");
  const listedWorkflows = readItems(source, "provenance-workflows", []);
  const runWorkflow = listedWorkflows.length ? void 0 : parseWorkflowRef(source.env("GITHUB_WORKFLOW_REF"));
  return {
    mode,
    sources,
    trustUnsignedBuildkit: readBoolean(source, "trust-unsigned-buildkit", false),
    predicateTypes: readItems(source, "provenance-predicate-types", [SLSA_V1, SLSA_V02]),
    buildTypes: readItems(source, "provenance-build-types", DEFAULT_BUILD_TYPES),
    issuer: source.get("provenance-issuer").trim() || "https://token.actions.githubusercontent.com",
    ...identity ? { identity } : {},
    workflowFiles: listedWorkflows.length ? listedWorkflows : DEFAULT_WORKFLOW_FILES,
    ...runWorkflow ? { runWorkflow } : {},
    sourceRepository,
    ...revision ? { revision } : {},
    ...ref ? { ref } : {},
    ...builder ? { builder } : {},
    triggers: readItems(source, "provenance-triggers", DEFAULT_TRIGGERS),
    runnerEnvironments: readItems(source, "provenance-runner-environments", ["github-hosted"]),
    ...maxAge ? { maxAgeHours: Number(maxAge) } : {},
    ...publicKeyPem ? { publicKeyPem } : {},
    exceptions: await parseProvenancePolicy(
      readPolicyText(source.get("provenance-policy"), source.env("GITHUB_WORKSPACE") || process.cwd())
    )
  };
}

// src/sigstore/signing-services-inputs.ts
var DEFAULT_REKOR_URL = "https://rekor.sigstore.dev";
var DEFAULT_FULCIO_URL = "https://fulcio.sigstore.dev";
var INPUT_SIGNING_CONFIG = "signing-config";
var SIGNING_CONFIG_FROM_TUF = "tuf";
function readSigningServices(source, tlogUpload) {
  const signingConfigPath = source.get(INPUT_SIGNING_CONFIG).trim();
  if (!signingConfigPath) {
    return {
      ...tlogUpload ? { tlog: { rekorUrl: readUrl(source, "rekor-url", DEFAULT_REKOR_URL), majorApiVersion: 1 } } : {},
      ...source.get("tsa-url").trim() ? { tsaUrl: readUrl(source, "tsa-url", "") } : {}
    };
  }
  const explicit = [
    ["fulcio-url", DEFAULT_FULCIO_URL],
    ["rekor-url", DEFAULT_REKOR_URL],
    ["tsa-url", ""]
  ].filter(([name = "", fallback]) => {
    const value = source.get(name).trim();
    return value !== "" && value !== fallback;
  });
  if (explicit.length > 0) {
    const names = explicit.map(([name]) => `'${name}'`).join(", ");
    throw new SignerError(
      "INPUT_CONFLICT",
      `Inputs '${INPUT_SIGNING_CONFIG}' and ${names} conflict: the signing config already chooses Fulcio, the log and the timestamp authority. Remove ${names}, or '${INPUT_SIGNING_CONFIG}'.`
    );
  }
  if (signingConfigPath === SIGNING_CONFIG_FROM_TUF) {
    if (source.get("trusted-root").trim()) {
      throw new SignerError(
        "INPUT_CONFLICT",
        `Inputs '${INPUT_SIGNING_CONFIG}: tuf' and 'trusted-root' conflict: the signing config would come from a TUF repository and the trust from a file. Give both as files ('${INPUT_SIGNING_CONFIG}' a path), or both through TUF (no 'trusted-root'; 'tuf-mirror-url' and 'tuf-root' for a private repository).`
      );
    }
    return { fromTuf: { tlogUpload } };
  }
  const chosen = readSigningConfig(signingConfigPath);
  return {
    signingConfigPath,
    ...chosen.fulcioUrl ? { fulcioUrl: chosen.fulcioUrl } : {},
    ...tlogUpload && chosen.tlog ? { tlog: chosen.tlog } : {},
    ...chosen.tsaUrl ? { tsaUrl: chosen.tsaUrl } : {}
  };
}

// src/files/file-inputs.ts
var GORELEASER_FILE_FILTERS = [
  "none",
  "checksum",
  "source",
  "archive",
  "binary",
  "package",
  "sbom",
  "all"
];
function readFilesConfig(source, goreleaserArtifacts) {
  const values = source.get("goreleaser-files").split(/[,\r\n]+/).map((value) => value.trim().toLowerCase()).filter((value) => value !== "");
  const filters = values.map((value) => {
    const filter = GORELEASER_FILE_FILTERS.find((known) => known === value);
    if (filter === void 0)
      throw invalid(
        "goreleaser-files",
        `${quoteUntrusted(value)} is not a filter`,
        `Use one or more of ${GORELEASER_FILE_FILTERS.map((name) => `'${name}'`).join(", ")}, as goreleaser's signs.artifacts`
      );
    return filter;
  });
  const goreleaserFilters = [...new Set(filters.filter((filter) => filter !== "none"))];
  if (goreleaserFilters.length > 0 && filters.includes("none"))
    throw invalid("goreleaser-files", "'none' beside other filters", "Use 'none' alone, or leave it out");
  if (goreleaserFilters.length > 0 && goreleaserArtifacts === void 0)
    throw invalid(
      "goreleaser-files",
      `'${goreleaserFilters.join(", ")}' needs goreleaser's artifacts`,
      "Set 'goreleaser-artifacts' to dist/artifacts.json or goreleaser-action's artifacts output"
    );
  return {
    patterns: readList(source, "files"),
    goreleaserFilters,
    ...goreleaserFilters.length > 0 && goreleaserArtifacts !== void 0 ? { goreleaserArtifacts } : {},
    uploadToRelease: readBoolean(source, "upload-to-release", false)
  };
}
function wantsFiles(config) {
  return config.patterns.length > 0 || config.goreleaserFilters.length > 0;
}

// src/subjects/subject-inputs.ts
import { readFileSync as readFileSync3, statSync as statSync3 } from "node:fs";

// src/subjects/build-push.ts
function parseBuildMetadata(json) {
  const where = "Input 'build-metadata'";
  let metadata;
  try {
    metadata = JSON.parse(json);
  } catch {
    throw new SignerError(
      "INPUT_INVALID",
      `${where} is not JSON. Pass \${{ steps.<build>.outputs.metadata }}.`
    );
  }
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new SignerError(
      "INPUT_INVALID",
      `${where} is not a JSON object, as docker/build-push-action's metadata output is.`
    );
  }
  const record = metadata;
  const digest = record["containerimage.digest"];
  const names = record["image.name"];
  if (typeof digest !== "string" || !isDigest(digest)) {
    throw new SignerError(
      "INPUT_INVALID",
      `${where} has no containerimage.digest: the build did not push an image. Set push: true on the build step.`
    );
  }
  if (typeof names !== "string" || !names.trim()) {
    throw new SignerError("INPUT_INVALID", `${where} has no image.name: give the build step tags to push.`);
  }
  return names.split(",").map((name) => name.trim()).filter(Boolean).map((name) => {
    const parsed = parseImageName(name, `${where}, image.name ${quoteUntrusted(name)}`);
    return {
      registry: parsed.registry,
      repository: parsed.repository,
      digest,
      ...parsed.tag ? { tag: parsed.tag } : {}
    };
  });
}

// src/subjects/goreleaser.ts
var DOCKERS_V2_IMAGE = "Docker Image";
var LEGACY_PUBLISHED_IMAGE = "Published Docker Image";
var DOCKER_MANIFEST = "Docker Manifest";
var MAX_ENTRIES = 2e4;
var ARTIFACT_TYPE_FILTERS = ["", "none", "images", "manifests", "all"];
var TYPES_BY_FILTER = {
  "": [DOCKERS_V2_IMAGE],
  none: [],
  images: [DOCKERS_V2_IMAGE, LEGACY_PUBLISHED_IMAGE],
  manifests: [DOCKER_MANIFEST, DOCKERS_V2_IMAGE],
  all: [DOCKERS_V2_IMAGE, LEGACY_PUBLISHED_IMAGE, DOCKER_MANIFEST]
};
function describeFilter(filter) {
  return filter === "" ? "'' (goreleaser's default: dockers_v2 images)" : `'${filter}'`;
}
function isLegacyUnpushedImage(entry, type) {
  return type === DOCKERS_V2_IMAGE && entry.extra?.DockerConfig !== void 0 && !entry.extra.Digest;
}
function stripNameDigest(name, digest, where) {
  const at = name.lastIndexOf("@");
  if (at < 0) return name;
  const named = name.slice(at + 1);
  if (named !== digest || !isDigest(named)) {
    throw new SignerError(
      "SUBJECT_INVALID",
      `${where}: ${quoteUntrusted(name)} names digest ${quoteUntrusted(named)} but extra.Digest is ${quoteUntrusted(digest)}. Which one was pushed is unknown, so nothing is signed: check goreleaser's output, or list the image in 'images' by digest.`
    );
  }
  return name.slice(0, at);
}
function withSiblingTags(chosen) {
  const tagsOf = /* @__PURE__ */ new Map();
  for (const { image, koId } of chosen) {
    if (!koId || !image.tag) continue;
    const key = `${koId}@${image.digest}`;
    tagsOf.set(key, [.../* @__PURE__ */ new Set([...tagsOf.get(key) ?? [], image.tag])]);
  }
  return chosen.map(({ image, koId }) => {
    const tags = koId && !image.tag ? tagsOf.get(`${koId}@${image.digest}`) : void 0;
    return tags?.[0] ? { ...image, tag: tags[0], tags } : image;
  });
}
function parseArtifactList(json, where) {
  let artifacts;
  try {
    artifacts = JSON.parse(json);
  } catch {
    throw new SignerError(
      "INPUT_INVALID",
      `${where} is not JSON. Pass dist/artifacts.json or goreleaser-action's 'artifacts' output.`
    );
  }
  if (!Array.isArray(artifacts))
    throw new SignerError(
      "INPUT_INVALID",
      `${where} is not a JSON array of artifacts, as goreleaser writes it.`
    );
  if (artifacts.length > MAX_ENTRIES)
    throw new SignerError("INPUT_INVALID", `${where} has more than ${MAX_ENTRIES} entries.`);
  return artifacts;
}
function parseGoreleaserArtifacts(json, filter, where) {
  const wanted = TYPES_BY_FILTER[filter];
  const chosen = [];
  const skipped = [];
  const unmatched = /* @__PURE__ */ new Map();
  parseArtifactList(json, where).forEach((item, index) => {
    if (typeof item !== "object" || item === null) return;
    const entry = item;
    const type = typeof entry.type === "string" ? entry.type : "";
    if (isLegacyUnpushedImage(entry, type) || !TYPES_BY_FILTER.all.includes(type)) return;
    if (!wanted.includes(type)) {
      unmatched.set(type, (unmatched.get(type) ?? 0) + 1);
      return;
    }
    const name = typeof entry.name === "string" ? entry.name : "";
    const digest = entry.extra && typeof entry.extra.Digest === "string" ? entry.extra.Digest : "";
    if (!digest) {
      skipped.push({
        name: name || `entry ${index}`,
        reason: `goreleaser did not push it (a ${type} without a digest)`
      });
      return;
    }
    const entryWhere = `${where}, entry ${index} (${type})`;
    const parsed = parseImageName(`${stripNameDigest(name, digest, entryWhere)}@${digest}`, entryWhere);
    const id = typeof entry.extra?.ID === "string" ? entry.extra.ID : void 0;
    chosen.push({
      image: {
        registry: parsed.registry,
        repository: parsed.repository,
        digest: parsed.digest,
        ...parsed.tag ? { tag: parsed.tag } : {}
      },
      ...type === DOCKER_MANIFEST && id ? { koId: id } : {}
    });
  });
  const images = withSiblingTags(chosen);
  if (images.length > 0 || skipped.length > 0) return { images, skipped };
  if (filter === "none")
    return {
      images,
      skipped,
      nothingMatched: "artifact-types is 'none': goreleaser's images are not signed."
    };
  const present = [...unmatched].map(([type, count]) => `${count} ${type}`).join(", ");
  return {
    images,
    skipped,
    nothingMatched: `artifact-types ${describeFilter(filter)} matched no image in goreleaser's artifacts${present ? `; it lists ${present}: set 'artifact-types' to 'manifests', 'images' or 'all' to sign them` : ""}.`
  };
}

// src/subjects/subject-inputs.ts
var MAX_ARTIFACTS_BYTES = 64 * 1024 * 1024;
function readImageLines(source) {
  const raw = source.get("images").trim();
  if (raw.startsWith("[")) {
    let list;
    try {
      list = JSON.parse(raw);
    } catch {
      throw invalid(
        "images",
        "starts with [ but is not a JSON list",
        "Give a JSON list of strings, or one image per line"
      );
    }
    if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
      throw invalid(
        "images",
        "is not a JSON list of strings",
        "Give a JSON list of strings, or one image per line"
      );
    }
    return list.map((item) => item.trim()).filter(Boolean);
  }
  return readList(source, "images");
}
function readGoreleaserText(source) {
  const value = source.get("goreleaser-artifacts").trim();
  if (!value) return void 0;
  if (value.startsWith("[")) return value;
  try {
    if (statSync3(value).size > MAX_ARTIFACTS_BYTES)
      throw new Error(`larger than ${MAX_ARTIFACTS_BYTES} bytes`);
    return readFileSync3(value, "utf8");
  } catch (err) {
    throw invalid(
      "goreleaser-artifacts",
      `${quoteUntrusted(value)} cannot be read (${escapeUntrusted(describeCause(err))})`,
      "Give the path of dist/artifacts.json, or goreleaser-action's artifacts output"
    );
  }
}
function readArtifactTypes(source) {
  const value = source.get("artifact-types").trim();
  const filter = ARTIFACT_TYPE_FILTERS.find((known) => known === value);
  if (filter === void 0)
    throw invalid(
      "artifact-types",
      `${quoteUntrusted(value)} is not a filter`,
      "Use 'none', 'images', 'manifests' or 'all', or leave it empty for dockers_v2 images, as goreleaser's docker_signs.artifacts"
    );
  return filter;
}
function readSubjects(source, options = {}) {
  const resolveTags = readBoolean(source, "resolve-tags", false);
  const images = [];
  const tagsToResolve = [];
  readImageLines(source).forEach((line, index) => {
    const where = `Input 'images', line ${index + 1}`;
    const parsed = parseImageName(line, where);
    if (parsed.digest) images.push(parseImageRef(line, where));
    else if (resolveTags && parsed.tag)
      tagsToResolve.push({
        registry: parsed.registry,
        repository: parsed.repository,
        tag: parsed.tag,
        origin: where
      });
    else parseImageRef(line, where);
  });
  const skipped = [];
  const notices = [];
  const goreleaser = readGoreleaserText(source);
  if (goreleaser !== void 0) {
    const fromGoreleaser = parseGoreleaserArtifacts(
      goreleaser,
      readArtifactTypes(source),
      "Input 'goreleaser-artifacts'"
    );
    images.push(...fromGoreleaser.images);
    skipped.push(...fromGoreleaser.skipped);
    if (fromGoreleaser.nothingMatched) notices.push(fromGoreleaser.nothingMatched);
  }
  const metadata = source.get("build-metadata").trim();
  if (metadata) images.push(...parseBuildMetadata(metadata));
  const noImages = images.length === 0 && tagsToResolve.length === 0;
  if (noImages && skipped.length === 0 && notices.length === 0 && !options.filesOnly) {
    throw invalid(
      "images",
      "no image was given",
      "List images as registry/repository@sha256:<digest>, or set 'goreleaser-artifacts' or 'build-metadata' (or 'files' to sign release files only)"
    );
  }
  return { images: dedupeImages(images), tagsToResolve, skipped, notices };
}

// src/inputs.ts
var PUBLIC_GOOD_TSA_URL = "https://timestamp.sigstore.dev/api/v1/timestamp";
var isPublicGoodRekor = (url) => url === DEFAULT_REKOR_URL || /^https:\/\/log\d{4}-\d+\.rekor\.sigstore\.dev\/?$/.test(url);
function readSigning(source, chosenFulcioUrl) {
  const mode = source.get("signing").trim().toLowerCase();
  if (mode !== "" && mode !== "key" && mode !== "keyless") {
    throw invalid(
      "signing",
      `${quoteUntrusted(mode)} is not a signing mode`,
      "Use 'keyless' or 'key' (or leave it empty: key when 'key' is set)"
    );
  }
  const hasKey = source.get("key").trim() !== "";
  if (mode === "keyless" && hasKey) {
    throw new SignerError(
      "INPUT_CONFLICT",
      "Inputs 'signing: keyless' and 'key' conflict. Remove 'key', or set 'signing: key'."
    );
  }
  if (mode === "keyless" || mode === "" && !hasKey) {
    const identityToken = source.get("identity-token").trim();
    maskSecret(source, identityToken);
    return {
      mode: "keyless",
      ...identityToken ? { identityToken } : {},
      fulcioUrl: chosenFulcioUrl ?? readUrl(source, "fulcio-url", DEFAULT_FULCIO_URL)
    };
  }
  const { keyPem, password, missingKey } = readNamedKey(source);
  maskSecret(source, keyPem);
  maskSecret(source, password);
  if (!keyPem) return { mode: "key", keyPem, password, missingKey };
  if (!keyPem.includes("-----BEGIN ")) {
    throw invalid(
      "key",
      "is not PEM text",
      "Pass the key file's content (-----BEGIN \u2026 PRIVATE KEY-----), e.g. from a secret"
    );
  }
  return { mode: "key", keyPem, password };
}
function readFormats(source) {
  const value = source.get("signature-format").trim().toLowerCase() || "both";
  if (value === "both") return ["bundle", "legacy"];
  if (value === "bundle" || value === "legacy") return [value];
  throw invalid(
    "signature-format",
    `${quoteUntrusted(value)} is not a format`,
    "Use 'bundle', 'legacy' or 'both'"
  );
}
function readAnnotations(source) {
  const annotations = {};
  for (const line of readList(source, "annotations")) {
    const eq = line.indexOf("=");
    if (eq <= 0)
      throw invalid(
        "annotations",
        `${quoteUntrusted(line)} is not key=value`,
        "Write one key=value per line"
      );
    annotations[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return annotations;
}
function readRegistryCredentials(source) {
  const registry = source.get("registry").trim();
  const username = source.get("registry-username").trim();
  const password = source.get("registry-password");
  maskSecret(source, password);
  if (password) maskSecret(source, Buffer.from(`${username}:${password}`).toString("base64"));
  if (!username && !password) return [];
  if (!registry || !username || !password) {
    throw invalid(
      "registry-username",
      "'registry', 'registry-username' and 'registry-password' go together",
      "Set all three, or none to use anonymous access"
    );
  }
  return [{ registry, username, password }];
}
function readGithubToken(source) {
  const token = source.get("github-token").trim() || source.env("GITHUB_TOKEN") || "";
  maskSecret(source, token);
  return token;
}
function readRegistryConfig(source) {
  const signatureRepository = source.get("signature-repository").trim() || source.env("COSIGN_REPOSITORY") || "";
  let storage;
  if (signatureRepository) {
    const parsed = parseImageName(signatureRepository, "Input 'signature-repository'");
    if (parsed.tag || parsed.digest)
      throw invalid("signature-repository", "names a tag or digest", "Give registry/repository only");
    storage = { registry: parsed.registry, repository: parsed.repository };
  }
  return {
    allowHttp: readBoolean(source, "allow-http-registry", false),
    allowInsecure: readBoolean(source, "allow-insecure-registry", false),
    retryBudgetSeconds: readPositiveInt(source, "retry-budget-seconds", 120, 3600),
    credentials: readRegistryCredentials(source),
    githubActor: source.env("GITHUB_ACTOR") ?? "",
    ...storage ? { signatureRepository: storage } : {}
  };
}
function readDryRun(source) {
  const value = source.get("dry-run").trim().toLowerCase() || "auto";
  if (value !== "auto" && value !== "true" && value !== "false") {
    throw invalid(
      "dry-run",
      `${quoteUntrusted(value)} is not a setting`,
      "Use 'auto' (dry run on pull requests and forks), 'true' or 'false'"
    );
  }
  return value;
}
function readTrust(source, services, signing) {
  const trustedRootPath = source.get("trusted-root").trim();
  const tufMirrorUrl = source.get("tuf-mirror-url").trim() ? readUrl(source, "tuf-mirror-url", "") : "";
  const tufRootPath = source.get("tuf-root").trim();
  if (trustedRootPath && (tufMirrorUrl || tufRootPath)) {
    throw new SignerError(
      "INPUT_CONFLICT",
      "Inputs 'trusted-root' and 'tuf-mirror-url'/'tuf-root' conflict: give the trusted_root.json itself, or the TUF repository that publishes it, not both."
    );
  }
  if (tufMirrorUrl && !tufRootPath) {
    throw invalid(
      "tuf-root",
      `a TUF mirror (${tufMirrorUrl}) needs its initial root.json`,
      "Set 'tuf-root' to the path of the repository's trusted root.json (as 'cosign initialize --root' takes it)"
    );
  }
  const fromConfig = services.signingConfigPath !== void 0;
  const privateServices = [
    ...signing.mode === "keyless" && signing.fulcioUrl !== DEFAULT_FULCIO_URL ? ["fulcio-url"] : [],
    ...services.tlog && !isPublicGoodRekor(services.tlog.rekorUrl) ? ["rekor-url"] : [],
    ...services.tsaUrl && services.tsaUrl !== PUBLIC_GOOD_TSA_URL ? ["tsa-url"] : []
  ].map((name) => fromConfig ? INPUT_SIGNING_CONFIG : name);
  const uniquePrivate = [...new Set(privateServices)];
  const verifiesSigstore = signing.mode === "keyless" || services.tlog !== void 0 || services.tsaUrl !== void 0;
  if (verifiesSigstore && uniquePrivate.length > 0 && !trustedRootPath && !tufMirrorUrl) {
    throw invalid(
      "trusted-root",
      `${uniquePrivate.map((name) => `'${name}'`).join(", ")} ${uniquePrivate.length === 1 ? "names" : "name"} a Sigstore other than public-good, whose signatures public-good's trusted root cannot verify`,
      "Set 'trusted-root' to that Sigstore's trusted_root.json (cosign trusted-root create writes one), or 'tuf-mirror-url' and 'tuf-root' to the TUF repository that publishes it"
    );
  }
  return {
    ...trustedRootPath ? { trustedRootPath } : {},
    ...tufMirrorUrl ? { tufMirrorUrl } : {},
    ...tufRootPath ? { tufRootPath } : {}
  };
}
async function readConfig(source = runnerInputs) {
  const tlogUpload = readBoolean(source, "tlog-upload", true);
  const services = readSigningServices(source, tlogUpload);
  const signing = readSigning(source, services.fulcioUrl);
  const { tsaUrl } = services;
  if (signing.mode === "keyless" && !services.fromTuf && !tlogUpload && !tsaUrl && !readBoolean(source, "allow-unverifiable-timestamps", false)) {
    throw new SignerError(
      "INPUT_CONFLICT",
      "Inputs 'tlog-upload: false' without 'tsa-url': a keyless certificate lives ten minutes, and nothing would prove the signature was made inside them, so no verifier could accept it. Set 'tsa-url' (an RFC 3161 timestamp authority), keep 'tlog-upload: true', or set 'allow-unverifiable-timestamps: true' if you verify another way."
    );
  }
  const formats = readFormats(source);
  const files = readFilesConfig(source, readGoreleaserText(source));
  const subjects = readSubjects(source, { filesOnly: wantsFiles(files) });
  if (hasImages(subjects)) refuseLegacyWithRekorV2(formats, services.tlog);
  return {
    subjects,
    files,
    signing,
    formats,
    ...services.tlog ? { tlog: services.tlog } : {},
    ...services.signingConfigPath ? { signingConfigPath: services.signingConfigPath } : {},
    ...services.fromTuf ? { servicesFromTuf: services.fromTuf } : {},
    ...tsaUrl ? { tsaUrl } : {},
    annotations: readAnnotations(source),
    registry: readRegistryConfig(source),
    verify: readBoolean(source, "verify", true),
    trust: readTrust(source, services, signing),
    recursive: readBoolean(source, "recursive", true),
    signAttestationManifests: readBoolean(source, "sign-attestation-manifests", true),
    provenance: await readProvenance(source),
    githubToken: readGithubToken(source),
    dryRun: readDryRun(source),
    dryRunCredentials: readBoolean(source, "dry-run-credentials", false),
    concurrency: readPositiveInt(source, "concurrency", 8, 64)
  };
}

// src/provenance/refusal.ts
var PRODUCE_PROVENANCE = "Produce it in the release workflow: actions/attest-build-provenance after the build (subject-name, subject-digest, push-to-registry: true), or keep BuildKit's provenance and set 'trust-unsigned-buildkit: true'";
var FIXES = {
  present: PRODUCE_PROVENANCE,
  signed: `BuildKit's provenance is unsigned, so anyone who can push could have written it. ${PRODUCE_PROVENANCE}`,
  signature: "Its signature did not verify: keyless provenance against 'trusted-root' (default public-good Sigstore), key-signed provenance against 'provenance-key'",
  issuer: "Set 'provenance-issuer' to the OIDC issuer that signed it",
  "signer-identity": "If that workflow may sign provenance, list its file in 'provenance-workflows' (or set 'provenance-identity' or 'provenance-identity-regex'); for an image built by another repository, map it in 'provenance-policy' (images: {<image>: {source-repository: owner/repo}})",
  "certificate-source-repository": "Set 'provenance-source-repository', or map the image in 'provenance-policy', to the repository it is built from",
  "source-repository": "Set 'provenance-source-repository', or map the image in 'provenance-policy', to the repository it is built from",
  "certificate-ref": "Set 'provenance-ref' to the ref the build ran at (default this run's GITHUB_REF)",
  ref: "Set 'provenance-ref' to the ref the build ran at (default this run's GITHUB_REF)",
  "certificate-revision": "Set 'provenance-revision' to the commit it was built from (default GITHUB_SHA)",
  revision: "Set 'provenance-revision' to the commit it was built from (default GITHUB_SHA)",
  trigger: "To accept provenance from runs started by that event, add it to 'provenance-triggers'",
  "runner-environment": "To accept it, add that runner environment to 'provenance-runner-environments'",
  "statement-type": "It is not an in-toto statement: attest the image with a tool that writes one (BuildKit, actions/attest-build-provenance, cosign attest)",
  "predicate-type": "To accept that predicate type, add it to 'provenance-predicate-types'",
  "build-type": "To accept that build type, add it to 'provenance-build-types'",
  builder: "Set 'provenance-builder-id' or 'provenance-builder-id-regex' to the builder that built it",
  subject: "The provenance is about another digest: attest the digest that was pushed",
  freshness: "Raise 'provenance-max-age-hours', or build again",
  [SOURCE_UNREADABLE]: "Check that source, or leave it out of 'provenance-sources'"
};
var LAST_RESORT = "To sign without it: 'provenance: off', or a skip with a reason for this image in 'provenance-policy'";
function fixFor(check) {
  const fix = FIXES[check];
  return fix ? `${fix}. ${LAST_RESORT}.` : `${LAST_RESORT}.`;
}
function describeRefusal(where, decision) {
  const { failure } = decision;
  const source = decision.source ? `, ${decision.source} provenance` : "";
  const also = decision.others.length > 0 ? ` Also: ${decision.others.map((other) => escapeUntrusted(other)).join("; ")}.` : "";
  return `Provenance check '${failure.check}' failed for ${where}${source}: expected ${escapeUntrusted(failure.expected)}, found ${escapeUntrusted(failure.found)}.${also} Not signed. ${fixFor(failure.check)}`;
}

// src/pipeline.ts
function toFailure(err) {
  if (err instanceof SignerError) return { code: err.code, message: err.message };
  return { code: "SIGN_FAILED", message: `Unexpected error: ${escapeUntrusted(describeCause(err))}` };
}
function toTargetDecision(subject, decision, target) {
  const own = rankRejections(
    decision.rejections.filter((r) => r.digest === target.image.digest || r.digest === subject.digest)
  );
  if (!own) return decision;
  const { source, ...first } = own.first;
  return { ...decision, ...first, ...source ? { source } : {}, others: own.others };
}
var plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;
function describeManifestsBelow(subject, targets) {
  const below = targets.filter((target) => target.image.digest !== subject.digest);
  const platforms = below.filter((target) => !target.attestation);
  const attestations = below.length - platforms.length;
  if (below.length === 0) return "";
  const names = platforms.map((target) => escapeUntrusted(target.platform ?? target.image.digest));
  const listed = platforms.length > 0 ? ` ${plural(platforms.length, "platform")} (${names.join(", ")})` : "";
  const attested = attestations > 0 ? ` ${plural(attestations, "attestation manifest")}` : "";
  return ` and its${listed}${listed && attested ? " and" : ""}${attested}`;
}
function toGateFailure(subject, decision, below = "") {
  const where = `${toDigestRef(subject)}${below}${decision.digest !== subject.digest ? ` (manifest ${decision.digest})` : ""}`;
  return {
    code: decision.failure.check === "present" ? "PROVENANCE_MISSING" : "PROVENANCE_REJECTED",
    message: describeRefusal(where, decision)
  };
}
async function writeAllFormats(target, services) {
  const settled = await Promise.allSettled(services.writers.map((writer) => writer.write(target)));
  const written = settled.flatMap((outcome) => outcome.status === "fulfilled" ? [outcome.value] : []);
  const rejected = settled.find((outcome) => outcome.status === "rejected");
  return rejected ? { failure: toFailure(rejected.reason), written } : written;
}
async function readBackOne(target, record, check, settled) {
  try {
    await timed("read-back", () => check.check(target, record, settled));
    return { record: { ...record, verified: true } };
  } catch (err) {
    return { record: { ...record, verified: false }, failure: toFailure(err) };
  }
}
async function settleAndReadBack(written, targets, services, limits) {
  const readBack = services.readBack;
  const records = [...written].flatMap(([key, result]) => {
    const target = targets.get(key);
    return target && Array.isArray(result) ? result.map((record) => ({ key, target, record })) : [];
  });
  const noLists = /* @__PURE__ */ new Map();
  const [early, lists] = await Promise.all([
    readBack ? mapLimit(records, limits.concurrency, async ({ target, record }) => {
      if (!readBack.readsSharedList(record)) return readBackOne(target, record, readBack, noLists);
      await readBack.prefetch?.(target, record);
      return void 0;
    }) : [],
    Promise.all(services.writers.map((writer) => writer.settle()))
  ]);
  if (!readBack) return new Map(written);
  const settled = /* @__PURE__ */ new Map();
  for (const reads of lists) for (const [reference, read] of reads) settled.set(reference, read);
  const checked = await mapLimit(records, limits.concurrency, async ({ target, record }, i) => {
    const before = early[i];
    if (before && !settled.has(record.reference)) return before;
    return readBackOne(target, record, readBack, settled);
  });
  const byTarget = /* @__PURE__ */ new Map();
  for (const [i, { key }] of records.entries())
    byTarget.set(key, [...byTarget.get(key) ?? [], checked[i]]);
  const results = new Map(written);
  for (const [key, checks] of byTarget) {
    const failure = checks.find((checkedRecord) => checkedRecord.failure)?.failure;
    const verified = checks.map((checkedRecord) => checkedRecord.record);
    results.set(key, failure ? { failure, written: verified } : verified);
  }
  return results;
}
async function signAll(images, services, limits) {
  const unique = /* @__PURE__ */ new Map();
  const written = /* @__PURE__ */ new Map();
  const writes = [];
  const writeSlot = limiter(limits.concurrency);
  const resolved = await mapLimit(images, limits.concurrency, async (subject) => {
    let entry;
    try {
      const targets = await timed("resolve", () => services.resolver.resolve(subject));
      const decision = await timed("provenance", () => services.gate.check(subject, targets));
      entry = { subject, targets, decision };
    } catch (err) {
      return { subject, failure: toFailure(err) };
    }
    if (entry.decision?.verdict !== "failed") {
      for (const target of entry.targets ?? []) {
        const key = toDigestRef(target.image);
        if (unique.has(key)) continue;
        unique.set(key, target);
        writes.push(writeSlot(async () => void written.set(key, await writeAllFormats(target, services))));
      }
    }
    return entry;
  });
  await Promise.all(writes);
  const results = await settleAndReadBack(written, unique, services, limits);
  return resolved.flatMap((entry) => {
    const provenance = entry.decision ? { provenance: entry.decision } : {};
    if (!entry.targets)
      return [{ subject: entry.subject, status: "failed", records: [], error: entry.failure, ...provenance }];
    return entry.targets.map((target) => {
      const base = { subject: entry.subject, target, ...provenance };
      if (entry.decision?.verdict === "failed") {
        const decision = toTargetDecision(entry.subject, entry.decision, target);
        const below = target.image.digest === entry.subject.digest ? describeManifestsBelow(entry.subject, entry.targets ?? []) : "";
        const error2 = toGateFailure(entry.subject, decision, below);
        return { ...base, status: "failed", records: [], error: error2, provenance: decision };
      }
      const result = results.get(toDigestRef(target.image)) ?? {
        failure: { code: "SIGN_FAILED", message: "not attempted" },
        written: []
      };
      return Array.isArray(result) ? {
        ...base,
        status: result.some((record) => record.planned) ? "planned" : result.some((record) => record.added) ? "signed" : "already-signed",
        records: result
      } : { ...base, status: "failed", records: result.written, error: result.failure };
    });
  });
}

// src/report/limits.ts
var MAX_OUTPUT_BYTES = 1e6 - 16 * 1024;
var MAX_SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;
function fitItems(items, maxBytes, { open = "", separator = "\n", close = "" } = {}) {
  let bytes = Buffer.byteLength(open) + Buffer.byteLength(close);
  let shown = 0;
  for (const item of items) {
    const added = Buffer.byteLength(item) + (shown > 0 ? Buffer.byteLength(separator) : 0);
    if (bytes + added > maxBytes) break;
    bytes += added;
    shown += 1;
  }
  return { text: `${open}${items.slice(0, shown).join(separator)}${close}`, shown };
}
function fitJsonArray(entries, maxBytes) {
  return fitItems(
    entries.map((entry) => JSON.stringify(entry)),
    maxBytes,
    { open: "[", separator: ",", close: "]" }
  );
}

// src/report/refusals.ts
function isProvenanceRefusal(outcome) {
  return outcome.status === "failed" && outcome.provenance?.verdict === "failed";
}
function isImageItself(outcome) {
  return outcome.target?.image.digest === outcome.subject.digest;
}
function refusalsToldByTheirIndex(outcomes) {
  const refusedImages = new Set(
    outcomes.filter((outcome) => isProvenanceRefusal(outcome) && isImageItself(outcome)).map((outcome) => toDigestRef(outcome.subject))
  );
  return new Set(
    outcomes.filter(
      (outcome) => isProvenanceRefusal(outcome) && !isImageItself(outcome) && refusedImages.has(toDigestRef(outcome.subject))
    )
  );
}

// src/report/verify-command.ts
function shellQuote(text) {
  return `'${escapeControls(text).replace(/'/g, `'\\''`)}'`;
}
function toVerifyCommand(signer, transparency, image) {
  const pin = signer.mode === "key" ? "--key cosign.pub" : signer.mode === "keyless" ? `--certificate-identity ${shellQuote(signer.certificateIdentity)} --certificate-oidc-issuer ${shellQuote(signer.certificateIssuer)}` : void 0;
  if (!pin) return void 0;
  const timing = transparency === "tsa" ? " --use-signed-timestamps --insecure-ignore-tlog=true" : transparency === "none" ? " --insecure-ignore-tlog=true" : "";
  return `cosign verify ${pin}${timing} ${image}`;
}

// src/report/summary.ts
var NOTE_ROOM = 4096;
function cell(text) {
  return escapeControls(text).replace(/[\\|`*_[\]<>]/g, (ch) => `\\${ch}`);
}
function shortenDigests(text) {
  return text.replace(/sha256:([a-f0-9]{12})[a-f0-9]{52}/g, "sha256:$1\u2026");
}
function renderProvenance(outcome) {
  const decision = outcome.provenance;
  if (!decision) return "";
  const exceptions = decision.exceptions.length ? ` (exception: ${decision.exceptions.join("; ")})` : "";
  switch (decision.verdict) {
    case "passed":
      return `passed: ${decision.sources.join(", ")}${exceptions}`;
    case "failed":
      return `failed: ${decision.failure.check}${exceptions}`;
    case "skipped":
      return `skipped: ${decision.reason}`;
    case "none":
      return "none found";
    default:
      return "off";
  }
}
function renderLogIndexes(outcome, options) {
  return outcome.records.flatMap(({ format, logIndex }) => {
    if (!logIndex) return [];
    const shown = options.publicRekor ? `[${logIndex}](https://search.sigstore.dev/?logIndex=${logIndex})` : logIndex;
    return [`${format}: ${shown}`];
  }).join(", ");
}
function platformsByDigest(outcomes) {
  return new Map(
    outcomes.flatMap(
      ({ target }) => target?.platform ? [[target.image.digest, target.platform]] : []
    )
  );
}
function renderPlatform(outcome, platforms) {
  const { target } = outcome;
  if (!target) return "";
  if (target.attestation) {
    const describes = target.attestation.describes;
    const about = describes ? platforms.get(describes) ?? describes : void 0;
    return about ? `attestation manifest for ${about}` : "attestation manifest";
  }
  if (target.platform) return target.platform;
  return isIndexMediaType(target.mediaType) ? "index" : "single-platform";
}
function renderDetail(outcome, toldByIndex, options) {
  if (toldByIndex) return "not signed: refused with its index (the reason is in its row)";
  if (outcome.error) return `${outcome.error.code}: ${outcome.error.message}`;
  if (options.mode.dryRun || outcome.records.length === 0) return "";
  return outcome.records.every((record) => record.verified) ? "read back and verified" : "";
}
function codeSpan(text) {
  return `\`${escapeControls(text).replace(/`/g, "")}\``;
}
function renderSignerHeader(outcomes, options) {
  const { signer } = options;
  if (options.mode.dryRun || signer.mode === "dry-run") return [];
  const lines = signer.mode === "key" ? [
    "Signed with the key whose public half is the output `public-key` (save it as `cosign.pub`):",
    "",
    "```",
    signer.publicKeyPem.trim(),
    "```",
    ""
  ] : [
    `Signed keyless as ${codeSpan(signer.certificateIdentity)}, issuer ${codeSpan(signer.certificateIssuer)}.`,
    ""
  ];
  const first = outcomes.find((outcome) => outcome.status !== "failed" && outcome.target);
  const command = first?.target && toVerifyCommand(signer, options.transparency, toDigestRef(first.target.image));
  if (command)
    lines.push(
      "Verify (cosign v3; the README has cosign v2 and containers/image):",
      "",
      "```sh",
      command,
      "```",
      ""
    );
  return lines;
}
function renderSummary(outcomes, skipped, options) {
  const failed = outcomes.filter((outcome) => outcome.status === "failed");
  const ordered = [...failed, ...outcomes.filter((outcome) => outcome.status !== "failed")];
  const done = outcomes.length - failed.length;
  const already = outcomes.filter((outcome) => outcome.status === "already-signed").length;
  const lines = [
    options.mode.dryRun ? "## release-signer (dry run)" : "## release-signer",
    "",
    ...options.mode.dryRun ? [
      `Dry run because of ${options.mode.reason}: nothing was written to any registry or sent to Sigstore. This is what a release run would do.`,
      ""
    ] : [],
    ...renderSignerHeader(outcomes, options),
    `${done} ${options.mode.dryRun ? "would be signed" : "signed"}${already > 0 ? ` (${already} already were: nothing written for them)` : ""}, ${failed.length} failed, ${skipped.length} skipped.`,
    ""
  ];
  const header = [
    "| status | image | tag | platform | digest | provenance | formats | log index | detail |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  ];
  const toldByIndex = refusalsToldByTheirIndex(outcomes);
  const platforms = platformsByDigest(outcomes);
  const rows = [];
  for (const outcome of ordered) {
    const image = outcome.target?.image ?? outcome.subject;
    const status = outcome.status === "signed" ? "\u2705 signed" : outcome.status === "already-signed" ? "\u2611\uFE0F already signed" : outcome.status === "planned" ? "\u{1F4DD} would sign" : "\u274C failed";
    const detail = renderDetail(outcome, toldByIndex.has(outcome), options);
    const platform = renderPlatform(outcome, platforms);
    const tags = outcome.subject.tags ?? (outcome.subject.tag ? [outcome.subject.tag] : []);
    rows.push(
      `| ${status} | ${cell(toRepositoryName(image))} | ${cell(tags.join(", "))} | ${cell(platform)} | \`${image.digest}\` | ${cell(renderProvenance(outcome))} | ${outcome.records.map((r) => r.format).join(", ")} | ${renderLogIndexes(outcome, options)} | ${cell(shortenDigests(detail))} |`
    );
  }
  for (const subject of skipped)
    rows.push(`| \u23ED\uFE0F skipped | ${cell(subject.name)} |  |  |  |  |  |  | ${cell(subject.reason)} |`);
  const fixed = `${[...lines, ...header].join("\n")}
`;
  const table = fitItems(rows, MAX_SUMMARY_BYTES - Buffer.byteLength(fixed) - NOTE_ROOM);
  const note = table.shown < rows.length ? `
${rows.length - table.shown} more row(s) not shown: a job summary holds at most 1 MiB. Every entry is in the report file${options.reportPath ? ` \`${options.reportPath.replace(/`/g, "")}\`` : ""} (output report-path).
` : "";
  return `${fixed}${table.text}${table.shown > 0 ? "\n" : ""}${note}`;
}
function renderStoppedSummary(message) {
  return `## release-signer

Nothing was signed: the run stopped before signing.

${cell(message)}
`;
}

// src/report/file-report.ts
function toFileSignaturesOutput(outcomes) {
  return JSON.stringify(
    outcomes.map((outcome) => ({
      path: outcome.path,
      sha256: outcome.sha256 ?? null,
      "bundle-path": outcome.bundlePath,
      status: outcome.status,
      "log-index": outcome.logIndex ?? null,
      "asset-name": outcome.asset?.name ?? null,
      "asset-url": outcome.asset?.url ?? null,
      "asset-action": outcome.asset?.action ?? null,
      ...outcome.error ? { error: outcome.error } : {}
    }))
  );
}
function renderFilesSummary(outcomes) {
  if (outcomes.length === 0) return "";
  const rows = outcomes.map((outcome) => {
    const asset = outcome.asset ? `${outcome.asset.action === "planned" ? "would upload" : outcome.asset.action} ${cell(outcome.asset.name)}` : "";
    const status = outcome.status === "failed" ? `failed: ${cell(outcome.error?.message ?? "")}` : outcome.status;
    return `| ${cell(outcome.path)} | ${status} | ${cell(outcome.bundlePath)} | ${outcome.logIndex ?? ""} | ${asset} |`;
  });
  return [
    "",
    "### Release files",
    "",
    "| file | status | bundle | log index | release asset |",
    "|---|---|---|---|---|",
    ...rows,
    ""
  ].join("\n");
}

// src/report/outputs.ts
function byFormat(records, value) {
  const labelled = {};
  for (const record of records) {
    const text = value(record);
    if (text !== void 0) labelled[record.format] = text;
  }
  return labelled;
}
function toProvenanceOutput(decision) {
  switch (decision.verdict) {
    case "passed":
      return { verdict: "passed", sources: decision.sources, exceptions: decision.exceptions };
    case "skipped":
      return { verdict: "skipped", reason: decision.reason, exceptions: decision.exceptions };
    case "failed":
      return {
        verdict: "failed",
        ...decision.failure,
        ...decision.source ? { sources: [decision.source] } : {},
        exceptions: decision.exceptions
      };
    default:
      return { verdict: decision.verdict, exceptions: decision.exceptions };
  }
}
function toSignatureOutputs(outcomes, mode) {
  return outcomes.map((outcome) => {
    const image = outcome.target?.image ?? outcome.subject;
    return {
      image: toRepositoryName(image),
      ...outcome.subject.tag ? { tag: outcome.subject.tag, tags: outcome.subject.tags ?? [outcome.subject.tag] } : {},
      digest: image.digest,
      "subject-digest": outcome.subject.digest,
      ...outcome.target?.platform ? { platform: outcome.target.platform } : {},
      ...outcome.target?.attestation ? {
        "attestation-manifest": true,
        ...outcome.target.attestation.describes ? { attests: outcome.target.attestation.describes } : {}
      } : {},
      status: outcome.status,
      "dry-run": mode.dryRun,
      formats: outcome.records.map((record) => record.format),
      references: byFormat(outcome.records, (record) => record.reference),
      "log-indexes": byFormat(outcome.records, (record) => record.logIndex),
      verified: !mode.dryRun && outcome.status !== "planned" && outcome.records.length > 0 && outcome.records.every((record) => record.verified === true),
      ...outcome.error ? { error: outcome.error } : {},
      ...outcome.provenance ? { provenance: toProvenanceOutput(outcome.provenance) } : {}
    };
  });
}
function toReportEntries(outcomes, skipped, mode) {
  const skippedEntries = skipped.map((subject) => ({
    image: subject.name,
    status: "skipped",
    reason: subject.reason
  }));
  return [...toSignatureOutputs(outcomes, mode), ...skippedEntries];
}
function fitEntries(entries) {
  const whole = fitJsonArray(entries, MAX_OUTPUT_BYTES);
  if (whole.shown === entries.length) return whole;
  const failed = entries.filter((entry) => entry.status === "failed");
  return fitJsonArray([...failed, ...entries.filter((entry) => entry.status !== "failed")], MAX_OUTPUT_BYTES);
}
function toStepOutputs(entries, outcomes, signer, bundlePaths, mode, reportPath) {
  const signed = outcomes.filter(
    (outcome) => outcome.status === "signed" || outcome.status === "already-signed"
  );
  const signatures = fitEntries(entries);
  const digests = fitItems(
    signed.flatMap((outcome) => outcome.target ? [toDigestRef(outcome.target.image)] : []),
    MAX_OUTPUT_BYTES
  );
  const paths = fitItems(bundlePaths, MAX_OUTPUT_BYTES);
  const truncated = signatures.shown < entries.length || digests.shown < signed.length || paths.shown < bundlePaths.length;
  return {
    signatures: signatures.text,
    "dry-run": String(mode.dryRun),
    signed: String(signed.length),
    planned: String(outcomes.filter((outcome) => outcome.status === "planned").length),
    skipped: String(entries.filter((entry) => entry.status === "skipped").length),
    "bundle-paths": paths.text,
    failed: String(outcomes.filter((outcome) => outcome.status === "failed").length),
    digests: digests.text,
    "report-path": reportPath,
    truncated: String(truncated),
    ...signer.mode === "key" ? { "public-key": signer.publicKeyPem } : {},
    ...signer.mode === "keyless" ? {
      "certificate-identity": signer.certificateIdentity,
      "certificate-oidc-issuer": signer.certificateIssuer
    } : {}
  };
}
function toStoppedRunOutputs() {
  return {
    signatures: "[]",
    signed: "0",
    planned: "0",
    skipped: "0",
    failed: "0",
    "bundle-paths": "",
    digests: "",
    truncated: "false"
  };
}

// src/report/report-file.ts
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
var ENTRIES_PER_WRITE = 128;
function writeReportFile(entries, tempDir) {
  const dir = join(tempDir, "release-signer");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "report.json");
  const fd = openSync(path, "w");
  try {
    writeAll(fd, "[");
    for (let start = 0; start < entries.length; start += ENTRIES_PER_WRITE) {
      const texts = entries.slice(start, start + ENTRIES_PER_WRITE).map((entry) => JSON.stringify(entry) ?? "null");
      writeAll(fd, `${start > 0 ? "," : ""}${texts.join(",")}`);
    }
    writeAll(fd, "]\n");
  } finally {
    closeSync(fd);
  }
  return path;
}
function writeAll(fd, text) {
  const bytes = Buffer.from(text);
  for (let written = 0; written < bytes.length; )
    written += writeSync(fd, bytes, written, bytes.length - written);
}

// src/report/run-log.ts
import { EOL } from "node:os";
var logged = {
  info: (message) => info(toLogText(message)),
  /** Lines told one after another, written together: the same text as one `info` each, in far fewer writes. */
  infoLines: (lines) => {
    if (lines.length > 0) info(lines.map(toLogText).join(EOL));
  },
  notice: (message) => notice(toLogText(message)),
  warning: (message) => warning(toLogText(message)),
  error: (message) => error(toLogText(message)),
  debug: (message) => debug(toLogText(message)),
  group: (name, work) => group(toLogText(name), work),
  setFailed: (message) => setFailed(toLogText(message))
};
function announce(announcements) {
  for (const { level, text } of announcements) logged[level](text);
}
function groupTitle(mode, count, what) {
  return `${mode.dryRun ? "Planning signatures for" : "Signing"} ${count} ${what}`;
}
var LINES_PER_WRITE = 64;
function logImageOutcomes(outcomes) {
  const toldByIndex = refusalsToldByTheirIndex(outcomes);
  let told = [];
  const tell = (line) => {
    told.push(line);
    if (told.length < LINES_PER_WRITE) return;
    logged.infoLines(told);
    told = [];
  };
  for (const outcome of outcomes) {
    if (toldByIndex.has(outcome)) continue;
    const what = `${toDigestRef(outcome.target?.image ?? outcome.subject)}${outcome.target?.platform ? ` (${escapeUntrusted(outcome.target.platform)})` : ""}`;
    const where = outcome.records.map((r) => r.reference).join(", ");
    if (outcome.status === "signed") tell(`signed ${what}: ${where}`);
    else if (outcome.status === "already-signed") tell(`already signed ${what}, nothing written: ${where}`);
    else if (outcome.status === "planned") tell(`would sign ${what}: ${where}`);
    else {
      logged.infoLines(told);
      told = [];
      if (outcome.provenance?.verdict === "failed" && outcome.error) logged.error(outcome.error.message);
      else logged.error(`${what}: ${outcome.error?.message ?? "failed"}`);
    }
  }
  logged.infoLines(told);
}
var FILE_VERBS = {
  planned: "would sign",
  signed: "signed",
  "already-signed": "already signed, kept"
};
function logFileOutcomes(outcomes) {
  for (const outcome of outcomes) {
    if (outcome.status === "failed") {
      logged.error(outcome.error?.message ?? `${escapeUntrusted(outcome.path)}: failed`);
      continue;
    }
    const asset = outcome.asset ? `, ${outcome.asset.action === "planned" ? "would upload" : outcome.asset.action} release asset ${outcome.asset.name}` : "";
    const bundle = `${outcome.status === "planned" ? "would write " : ""}${escapeUntrusted(outcome.bundlePath)}`;
    logged.info(
      `${FILE_VERBS[outcome.status]} ${escapeUntrusted(outcome.path)} (sha256:${outcome.sha256 ?? ""}): ${bundle}${asset}`
    );
  }
}

// src/github/dry-run.ts
function dryRunMode(reason, settings, context) {
  const mode = { dryRun: true, reason, sendsCredentials: false, notes: [] };
  if (!settings.dryRunCredentials) return mode;
  if (context.eventTrust.kind === "untrusted")
    return {
      ...mode,
      notes: [
        `Input 'dry-run-credentials: true' is ignored: this is ${context.eventTrust.reason}, so the dry run sends no credentials.`
      ]
    };
  return {
    ...mode,
    sendsCredentials: true,
    notes: [
      "Input 'dry-run-credentials: true': this dry run reads registries with their credentials and calls the GitHub API with 'github-token'."
    ]
  };
}
function decideRunMode(settings, context) {
  const trust = context.eventTrust;
  if (settings.dryRun === "false") {
    if (trust.kind === "untrusted") {
      throw new SignerError(
        "INPUT_CONFLICT",
        `Input 'dry-run: false' on ${context.eventName ? `a ${context.eventName} event` : "this run"} is refused: this is ${trust.reason}. A real run would sign that content with this repository's identity and credentials. Set 'dry-run: auto' to check it without signing, and sign after merge, on a push or release event.`
      );
    }
    if (trust.kind === "pull-request") {
      return {
        dryRun: false,
        reason: "input 'dry-run: false' on a pull request of this repository",
        sendsCredentials: true,
        notes: [],
        warnings: [
          `Input 'dry-run: false' on a ${context.eventName} event: this run signs for real, with this repository's identity and credentials, what the pull request built before it is merged. Set 'dry-run: auto' to check it without signing.`
        ]
      };
    }
    return { dryRun: false, reason: "release run", sendsCredentials: true, notes: [] };
  }
  if (settings.dryRun === "true") return dryRunMode("input 'dry-run: true'", settings, context);
  if (trust.kind === "untrusted") return dryRunMode(trust.reason, settings, context);
  if (trust.kind === "pull-request") return dryRunMode(`a ${context.eventName} event`, settings, context);
  return { dryRun: false, reason: "release run", sendsCredentials: true, notes: [] };
}

// src/files/goreleaser-files.ts
var ARCHIVE = "Archive";
var BINARY = "Binary";
var SOURCE = "Source";
var CHECKSUM = "Checksum";
var PACKAGE = "Linux Package";
var SBOM = "SBOM";
var TYPES_BY_FILTER2 = {
  none: [],
  checksum: [CHECKSUM],
  source: [SOURCE],
  archive: [ARCHIVE],
  binary: [BINARY],
  package: [PACKAGE],
  sbom: [SBOM],
  all: [ARCHIVE, BINARY, SOURCE, CHECKSUM, PACKAGE, SBOM]
};
function selectGoreleaserFiles(json, filters, where) {
  const wanted = new Set(filters.flatMap((filter) => TYPES_BY_FILTER2[filter]));
  const paths = [];
  const seenTypes = /* @__PURE__ */ new Set();
  parseArtifactList(json, where).forEach((item, index) => {
    if (typeof item !== "object" || item === null) return;
    const entry = item;
    if (typeof entry.type !== "string" || !wanted.has(entry.type)) return;
    if (typeof entry.path !== "string" || entry.path === "")
      throw new SignerError(
        "INPUT_INVALID",
        `${where}, entry ${index} (${quoteUntrusted(entry.type)}) has no path. Pass dist/artifacts.json as goreleaser wrote it.`
      );
    seenTypes.add(entry.type);
    paths.push(entry.path);
  });
  const unmatched = filters.filter((filter) => !TYPES_BY_FILTER2[filter].some((type) => seenTypes.has(type)));
  if (unmatched.length > 0)
    throw new SignerError(
      "INPUT_INVALID",
      `Input 'goreleaser-files': '${unmatched.join(", ")}' matched no artifact in ${where}. Check goreleaser's output, or set 'goreleaser-files' to others of goreleaser's signs.artifacts values.`
    );
  return paths;
}

// src/registry/credential-helper.ts
var runCredentialHelper = async (helper, host) => {
  const result = await getExecOutput(`docker-credential-${helper}`, ["get"], {
    input: Buffer.from(host),
    silent: true,
    ignoreReturnCode: true
  });
  if (result.exitCode !== 0) throw new Error(`docker-credential-${helper} get exited ${result.exitCode}`);
  return result.stdout;
};

// src/registry/docker-config.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
var MAX_CONFIG_BYTES = 1024 * 1024;
var DOCKER_HUB_KEYS = [
  "https://index.docker.io/v1/",
  "index.docker.io",
  "docker.io",
  "registry-1.docker.io"
];
function readDockerConfig(env = process.env) {
  const path = join2(env.DOCKER_CONFIG ?? join2(homedir(), ".docker"), "config.json");
  let text;
  try {
    text = readFileSync4(path, "utf8");
  } catch {
    return {};
  }
  try {
    if (text.length > MAX_CONFIG_BYTES) throw new Error("too large");
    return JSON.parse(text);
  } catch (err) {
    throw new SignerError(
      "REGISTRY_AUTH",
      `${path} is not valid JSON (${describeCause(err)}). Fix it, or pass 'registry-username' and 'registry-password'.`
    );
  }
}
function keysFor(host) {
  return host === "index.docker.io" ? DOCKER_HUB_KEYS : [host, `https://${host}`, `http://${host}`];
}
async function credentialFromDockerConfig(config, host, runHelper) {
  const keys = keysFor(host);
  const helper = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
  if (helper) {
    const fromHelper = await fromCredentialHelper(
      helper,
      keys[0] === "https://index.docker.io/v1/" ? keys[0] : host,
      runHelper
    );
    if (fromHelper) return fromHelper;
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.identitytoken) return { username: "<token>", password: entry.identitytoken };
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return void 0;
}
async function fromCredentialHelper(helper, host, runHelper) {
  if (!/^[\w.-]+$/.test(helper))
    throw new SignerError(
      "REGISTRY_AUTH",
      `Docker config names credential helper '${helper}', which is not a helper name.`
    );
  let output;
  try {
    output = await runHelper(helper, host);
  } catch {
    return void 0;
  }
  try {
    const parsed = JSON.parse(output);
    if (!parsed.Secret) return void 0;
    return { username: parsed.Username ?? "", password: parsed.Secret };
  } catch {
    throw new SignerError(
      "REGISTRY_AUTH",
      `docker-credential-${helper} answered something other than JSON for ${host}.`
    );
  }
}

// src/registry/credentials.ts
function createConfiguredCredentials(config, environment) {
  return {
    missingHint: "Give credentials with 'registry', 'registry-username' and 'registry-password'.",
    async lookup(registry) {
      const fromInputs = config.credentials.find((entry) => entry.registry === registry);
      if (fromInputs) return fromInputs;
      const fromDocker = await credentialFromDockerConfig(
        readDockerConfig(environment.env),
        registry,
        environment.runCredentialHelper
      );
      if (fromDocker) return fromDocker;
      if (registry === "ghcr.io" && environment.githubToken)
        return { username: config.githubActor || "token", password: environment.githubToken };
      return void 0;
    }
  };
}
function createWithheldCredentials(dryRunReason) {
  return {
    missingHint: `This dry run (${dryRunReason}) sends no credentials, so this image's manifest, provenance and existing signatures could not be checked; the release run will check them. On an event that cannot carry a fork's content, 'dry-run-credentials: true' lets the dry run use the registry's credentials.`,
    lookup: () => Promise.resolve(void 0)
  };
}

// src/registry/retry.ts
var RetryBudget = class {
  remainingMs;
  requestTimeoutMs;
  onRetry;
  random;
  constructor(options) {
    this.remainingMs = options.budgetMs;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.onRetry = options.onRetry;
    this.random = options.random ?? Math.random;
  }
  /** Waits before attempt `attempt + 1`, or returns false when the budget cannot pay for it. */
  async wait(attempt, what, reason, retryAfter) {
    const capMs = Math.min(8e3, 200 * 2 ** (attempt - 1));
    const delayMs = Math.max(parseRetryAfter(retryAfter) ?? 0, Math.round(this.random() * capMs));
    if (attempt >= MAX_ATTEMPTS || delayMs > this.remainingMs) return false;
    this.remainingMs -= delayMs;
    this.onRetry(`${what}: ${reason}; retry ${attempt} in ${(delayMs / 1e3).toFixed(1)} s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, delayMs));
    return true;
  }
};
var MAX_ATTEMPTS = 8;
function isRetryableStatus(status) {
  return status === 429 || status === 408 || status === 500 || status === 502 || status === 503 || status === 504;
}
function parseRetryAfter(value) {
  if (!value) return void 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1e3);
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - Date.now());
}

// src/registry/http-error.ts
var RegistryHttpError = class extends Error {
  status;
  /** Error codes from the distribution-spec error body (`MANIFEST_INVALID`, `UNAUTHORIZED`, …). */
  codes;
  context = {};
  constructor(operation, status, codes, detail) {
    super(
      `${operation}: HTTP ${status}${codes.length ? ` ${escapeUntrusted(codes.join(", "))}` : ""}${detail ? ` (${escapeUntrusted(detail)})` : ""}`
    );
    this.name = "RegistryHttpError";
    this.status = status;
    this.codes = codes;
  }
  /** Worth retrying: the same request may succeed later. */
  get temporary() {
    return this.status === 429 || this.status >= 500 || this.codes.includes("TOOMANYREQUESTS");
  }
  /**
   * A manifest refused because a blob it names is not (yet) there: concurrent signers uploading the same
   * blob can make distribution 2.8 answer MANIFEST_BLOB_UNKNOWN or DIGEST_INVALID. Worth another round.
   */
  get blobRace() {
    return this.status === 400 && this.codes.some(
      (code) => code === "MANIFEST_BLOB_UNKNOWN" || code === "BLOB_UNKNOWN" || code === "DIGEST_INVALID"
    );
  }
};
function toSignerError(registry, err, { manifestPush = false } = {}) {
  if (!(err instanceof RegistryHttpError)) return err;
  const { missingCredentialHint, retryAfterMs } = err.context;
  if (err.status === 401 || err.status === 403) {
    const fix = missingCredentialHint ?? "Check 'registry-username' and 'registry-password' (a token needs write:packages to push signatures).";
    return new SignerError(
      "REGISTRY_AUTH",
      `Registry ${registry} refused access: ${err.message}. ${fix}`,
      err
    );
  }
  if (err.status === 404)
    return new SignerError("MANIFEST_NOT_FOUND", `Registry ${registry}: ${err.message}.`, err);
  if (manifestPush && err.blobRace)
    return new SignerError(
      "PUBLISH_CONFLICT",
      `Registry ${registry} refused a manifest while a blob it names was not there yet (another signer uploading the same blob at the same moment): ${err.message}. Run again; nothing of others was removed.`,
      err
    );
  if (err.temporary) {
    const fix = !isRetryableStatus(err.status) ? "" : retryAfterMs !== void 0 && retryAfterMs > 0 ? ` It asked to wait ${Math.ceil(retryAfterMs / 1e3)} s, more than 'retry-budget-seconds' leaves for this run; raise that setting if the registry really needs that long.` : ` It was still failing when the retries 'retry-budget-seconds' allows ran out; raise that setting if the registry needs longer.`;
    return new SignerError(
      "REGISTRY_UNAVAILABLE",
      `Registry ${registry} is unavailable: ${err.message}.${fix}`,
      err
    );
  }
  return new SignerError(
    "REGISTRY_PROTOCOL",
    `Registry ${registry} rejected a request: ${err.message}.`,
    err
  );
}
async function toRegistryHttpError(operation, response) {
  const text = (await response.text().catch(() => "")).slice(0, 2048);
  let codes = [];
  let detail;
  try {
    const body = JSON.parse(text);
    codes = (body.errors ?? []).map((e) => String(e.code ?? "")).filter(Boolean);
    detail = (body.errors ?? []).map((e) => String(e.message ?? "")).filter(Boolean).join("; ");
  } catch {
    detail = text.trim().slice(0, 200);
  }
  return new RegistryHttpError(operation, response.status, codes, detail);
}

// src/registry/access-boundary.ts
var RegistryAccessBoundary = class {
  registry;
  inner;
  constructor(inner) {
    this.inner = inner;
    this.registry = inner.registry;
  }
  getManifest(repository, reference) {
    return this.converted(this.inner.getManifest(repository, reference));
  }
  findTagged(repository, tag) {
    return this.converted(this.inner.findTagged(repository, tag));
  }
  getBlob(repository, digest, maxBytes) {
    return this.converted(this.inner.getBlob(repository, digest, maxBytes));
  }
  getReferrers(repository, digest) {
    return this.converted(this.inner.getReferrers(repository, digest));
  }
  putBlob(repository, bytes, options) {
    return this.converted(this.inner.putBlob(repository, bytes, options));
  }
  putManifest(repository, reference, bytes, mediaType) {
    return this.converted(this.inner.putManifest(repository, reference, bytes, mediaType), {
      manifestPush: true
    });
  }
  deleteManifest(repository, digest) {
    return this.converted(this.inner.deleteManifest(repository, digest));
  }
  /** A blob race is only a race on a manifest push: a blob's own refusal of its digest is final. */
  converted(pending, on = {}) {
    return pending.catch((err) => {
      throw toSignerError(this.registry, err, on);
    });
  }
};

// src/registry/blob-upload.ts
var UPLOAD_ROUNDS = 4;
var BlobUploads = class {
  transport;
  /** Blobs on their way to the registry (`repository@digest`): concurrent puts of one share its upload. */
  uploading = /* @__PURE__ */ new Map();
  /**
   * Blobs in the registry this run, each uploaded once. Only their names are kept (a large release puts
   * thousands, and a settled promise with its result costs several times the name).
   */
  uploaded = /* @__PURE__ */ new Set();
  /** Learnt from the first upload: whether the registry stores a blob from one POST (OCI monolithic upload). */
  singlePostUpload;
  constructor(transport) {
    this.transport = transport;
  }
  async hasBlob(repository, digest) {
    const operation = `HEAD blob ${repository}@${digest}`;
    const response = await this.transport.send({
      method: "HEAD",
      repository,
      access: "pull",
      path: `/blobs/${digest}`,
      operation
    });
    if (response.status === 404) return false;
    await this.transport.expect(response, [200], operation);
    return true;
  }
  /**
   * Uploads a blob unless it is known to be there; concurrent calls for the same blob share one upload. An
   * upload session can be lost with the connection (the registry finished, the answer did not arrive):
   * then the upload starts over, and the HEAD finds a blob that did arrive.
   */
  put(repository, bytes, options = {}) {
    const digest = sha256Digest(bytes);
    const key = `${repository}@${digest}`;
    if (this.uploaded.has(key)) return Promise.resolve({ digest, size: bytes.length });
    const known = this.uploading.get(key);
    if (known) return known;
    const uploading = this.uploadOnce(repository, digest, bytes, options.unique === true);
    this.uploading.set(key, uploading);
    uploading.then(
      () => {
        if (options.unique !== true) this.uploaded.add(key);
        this.uploading.delete(key);
      },
      () => this.uploading.delete(key)
    );
    return uploading;
  }
  async uploadOnce(repository, digest, bytes, unique) {
    const ref = { digest, size: bytes.length };
    for (let round = 1; ; round++) {
      if ((round > 1 || !unique) && await this.hasBlob(repository, digest)) return ref;
      try {
        await this.upload(repository, digest, bytes);
        return ref;
      } catch (err) {
        if (!lostUploadSession(err) || round >= UPLOAD_ROUNDS) throw err;
      }
    }
  }
  /**
   * One POST carrying the blob where the registry stores it that way (OCI "single POST" monolithic
   * upload); a registry that does not answers 202 with a session, and the blob follows in a PUT, or
   * refuses the POST, and the upload starts over in two steps. Which one it is, is learnt from the first upload.
   */
  async upload(repository, digest, bytes) {
    const operation = `upload blob ${repository}@${digest}`;
    if (this.singlePostUpload !== false) {
      const single = await this.transport.send({
        method: "POST",
        repository,
        access: "pull,push",
        path: `/blobs/uploads/?digest=${digest}`,
        operation,
        headers: { "content-type": "application/octet-stream" },
        body: bytes
      });
      if (single.status === 201 || single.status === 202) this.singlePostUpload = single.status === 201;
      else if (single.status === 401 || single.status === 403 || single.status >= 500)
        await this.transport.expect(single, [201], operation);
      else this.singlePostUpload = false;
      if (single.status === 201) return single.discard();
      if (single.status === 202) return this.finishUpload(single, repository, digest, bytes, operation);
      await single.discard();
    }
    const start = await this.transport.send({
      method: "POST",
      repository,
      access: "pull,push",
      path: "/blobs/uploads/",
      operation
    });
    await this.transport.expect(start, [202], operation);
    await this.finishUpload(start, repository, digest, bytes, operation);
  }
  /** The PUT that completes an upload session with the whole blob. */
  async finishUpload(start, repository, digest, bytes, operation) {
    await start.discard();
    const url = await this.transport.toUploadUrl(start.headers.get("location"), operation);
    url.searchParams.set("digest", digest);
    const finish = await this.transport.sendUrl({
      method: "PUT",
      url,
      repository,
      access: "pull,push",
      operation,
      headers: { "content-type": "application/octet-stream" },
      body: bytes
    });
    await this.transport.expect(finish, [201, 204], operation);
    await finish.discard();
  }
};
function lostUploadSession(err) {
  if (err instanceof RegistryHttpError) return err.temporary || err.status === 404;
  return err instanceof SignerError && err.code === "REGISTRY_UNAVAILABLE";
}

// src/registry/tag-list.ts
var TAGS_PER_PAGE = 1e3;
var MAX_TAG_PAGES = 10;
async function listTags(transport, repository) {
  const tags = /* @__PURE__ */ new Set();
  const operation = `GET tags ${repository}`;
  let path = `/tags/list?n=${TAGS_PER_PAGE}`;
  for (let page = 1; path && page <= MAX_TAG_PAGES; page++) {
    const response = await transport.send({ method: "GET", repository, access: "pull", path, operation });
    if (response.status === 404 && page === 1) {
      await response.discard();
      return tags;
    }
    if (response.status !== 200) {
      await response.discard();
      return void 0;
    }
    const listed = parseTagList(await transport.bounded(response, MAX_MANIFEST_BYTES, operation));
    if (!listed) return void 0;
    for (const tag of listed) tags.add(tag);
    const last = listed.at(-1);
    path = nextPage(response.headers.get("link"), repository) ?? (listed.length >= TAGS_PER_PAGE && last ? `/tags/list?n=${TAGS_PER_PAGE}&last=${encodeURIComponent(last)}` : void 0);
  }
  return path ? void 0 : tags;
}
function parseTagList(bytes) {
  try {
    const tags = JSON.parse(bytes.toString("utf8")).tags;
    if (tags === null || tags === void 0) return [];
    return Array.isArray(tags) && tags.every((tag) => typeof tag === "string") ? tags : void 0;
  } catch {
    return void 0;
  }
}
function nextPage(link, repository) {
  const target = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : void 0;
  if (!target) return void 0;
  const url = new URL(target, "http://registry.invalid");
  const prefix = `/v2/${repository}`;
  return url.pathname.startsWith(prefix) ? `${url.pathname.slice(prefix.length)}${url.search}` : void 0;
}

// src/util/redact.ts
function toDisplayUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return JSON.stringify(String(url).slice(0, 100));
  }
}

// src/registry/realm-policy.ts
import { BlockList, isIP } from "node:net";
function checkRealm(realm, registryOrigin) {
  let url;
  try {
    url = new URL(realm);
  } catch {
    return { allowed: false, reason: "it is not a URL" };
  }
  const registry = new URL(registryOrigin);
  if (url.username || url.password) return { allowed: false, reason: "it carries a user name or password" };
  if (url.origin === registry.origin) return { allowed: true, url };
  if (url.protocol === "http:" && registry.protocol !== "http:")
    return { allowed: false, reason: "it is plain HTTP while the registry is served over HTTPS" };
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { allowed: false, reason: `its scheme ${url.protocol} is neither https nor http` };
  if (isInternalAddress(url.hostname))
    return {
      allowed: false,
      reason: "it is a loopback, private or link-local address that is not the registry's own origin"
    };
  if (toEffectiveDomain(url.hostname) !== toEffectiveDomain(registry.hostname))
    return {
      allowed: false,
      reason: `it is not in the registry's domain ${toEffectiveDomain(registry.hostname)}`
    };
  return { allowed: true, url };
}
var INTERNAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 24]
])
  INTERNAL.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff02::", 16]
])
  INTERNAL.addSubnet(network, prefix, "ipv6");
function isInternalAddress(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const value = parseInt(mapped[1] ?? "0", 16) << 16 | parseInt(mapped[2] ?? "0", 16);
    return INTERNAL.check([24, 16, 8, 0].map((shift) => value >>> shift & 255).join("."), "ipv4");
  }
  const family = isIP(host);
  if (family === 4) return INTERNAL.check(host, "ipv4");
  if (family === 6) return INTERNAL.check(host, "ipv6");
  return false;
}
function toEffectiveDomain(hostname) {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") || isIP(host) !== 0) return host;
  return host.split(".").slice(-2).join(".");
}

// src/registry/auth.ts
function parseChallenge(header) {
  if (!header) return void 0;
  const match = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!match) return void 0;
  const scheme = (match[1] ?? "").toLowerCase();
  if (scheme !== "basic" && scheme !== "bearer") return void 0;
  const params = {};
  for (const [, key, quoted, bare] of (match[2] ?? "").matchAll(
    /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g
  )) {
    if (key) params[key.toLowerCase()] = quoted !== void 0 ? quoted.replace(/\\(.)/g, "$1") : bare ?? "";
  }
  return { scheme, params };
}
function basicHeader(credential) {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
}
var TOKEN_TIMEOUT_MS = 3e4;
var Authorizer = class {
  tokens = /* @__PURE__ */ new Map();
  options;
  challenge;
  credentialLookup;
  constructor(options) {
    this.options = options;
  }
  /** The credential for this registry, masked (and its basic-auth form) the moment it is known. */
  credential() {
    this.credentialLookup ??= this.options.credential().then((credential) => {
      if (credential) {
        this.options.maskSecret(credential.password);
        this.options.maskSecret(basicHeader(credential).slice("Basic ".length));
      }
      return credential;
    });
    return this.credentialLookup;
  }
  /**
   * Remembers the registry's challenge so later requests authorise up front. `origin` is the registry's
   * origin that sent it: challenges from anywhere else (a CDN, an upload Location) are never learnt.
   */
  learn(challenge, origin) {
    if (challenge) this.challenge = { challenge, origin };
  }
  get knowsChallenge() {
    return this.challenge !== void 0;
  }
  async header(scope) {
    if (!this.challenge) return void 0;
    const { challenge, origin } = this.challenge;
    if (challenge.scheme === "basic") {
      const credential = await this.credential();
      return credential ? basicHeader(credential) : void 0;
    }
    let token = this.tokens.get(scope);
    if (!token) {
      token = this.fetchToken(challenge, origin, scope);
      this.tokens.set(scope, token);
      token.catch(() => this.tokens.delete(scope));
    }
    return `Bearer ${await token}`;
  }
  forget(scope) {
    this.tokens.delete(scope);
  }
  async fetchToken(challenge, origin, scope) {
    const realm = challenge.params.realm;
    if (!realm)
      throw new RegistryHttpError(
        "token challenge",
        401,
        [],
        "the registry sent a bearer challenge without a realm"
      );
    const decision = checkRealm(realm, origin);
    if (!decision.allowed)
      throw new SignerError(
        "REGISTRY_AUTH",
        `Registry ${this.options.registry} named ${toDisplayUrl(realm)} as its token realm, which is refused: ${decision.reason}. Nothing was sent there. If this registry is yours, serve its token endpoint on the registry's own origin (as GHCR does) or over HTTPS in the registry's domain; a realm anywhere else may be collecting credentials.`
      );
    const url = new URL(decision.url);
    if (challenge.params.service) url.searchParams.set("service", challenge.params.service);
    url.searchParams.set("scope", scope);
    const headers = {};
    const credential = await this.credential();
    if (credential) headers.authorization = basicHeader(credential);
    const response = await this.options.http(url, { headers, timeoutMs: TOKEN_TIMEOUT_MS });
    if (response.status < 200 || response.status > 299)
      throw await toRegistryHttpError(`token for ${scope}`, response);
    const body = await response.json();
    const token = typeof body.token === "string" ? body.token : body.access_token;
    if (typeof token !== "string" || !token) {
      throw new RegistryHttpError(
        `token for ${scope}`,
        response.status,
        [],
        "the token server answered without a token"
      );
    }
    this.options.maskSecret(token);
    return token;
  }
};

// src/registry/http.ts
var DRAIN_LIMIT_BYTES = 64 * 1024;
function createHttpSend(allowInsecure) {
  const dispatcher = createDispatcher({ allowInsecure, keepAliveTimeoutMs: 3e4 });
  return async (url, init) => {
    const answer = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: init.method ?? "GET",
      headers: init.headers ?? {},
      body: init.body ?? null,
      headersTimeout: init.timeoutMs,
      bodyTimeout: init.timeoutMs,
      // undici closes the connection after a HEAD, in case a server sends a body with it; registries do
      // not (Go clients such as cosign keep the connection), and a blob check per repository would
      // otherwise cost a new connection each, a TLS handshake on a real registry.
      ...init.method === "HEAD" ? { reset: false } : {}
    });
    const headers = toHeaderLookup(answer.headers);
    const { body } = answer;
    return {
      status: answer.statusCode,
      headers,
      text: () => body.text(),
      json: () => body.json(),
      discard: () => body.dump({ limit: DRAIN_LIMIT_BYTES }).catch(() => void 0),
      async bytes(maxBytes, what) {
        const declared = Number(headers.get("content-length") ?? "0");
        if (declared > maxBytes) {
          body.on("error", () => void 0).destroy();
          throw new Error(`${what} is ${declared} bytes, more than the ${maxBytes} allowed`);
        }
        const chunks = [];
        let total = 0;
        for await (const chunk of body) {
          total += chunk.length;
          if (total > maxBytes) {
            body.destroy();
            throw new Error(`${what} is more than the ${maxBytes} bytes allowed`);
          }
          chunks.push(chunk);
        }
        return concatOwned(chunks, total);
      }
    };
  };
}
function toHeaderLookup(headers) {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === void 0) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    }
  };
}

// src/registry/redirects.ts
var MAX_REDIRECTS = 5;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
function checkLocation(from, location) {
  if (!location) return { refused: "there is no Location" };
  let url;
  try {
    url = new URL(location, from);
  } catch {
    return { refused: "the Location is not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { refused: `it is a ${url.protocol} URL, neither https nor http` };
  if (from.protocol === "https:" && url.protocol === "http:")
    return { refused: `it steps down from HTTPS to plain HTTP (${toDisplayUrl(url)})` };
  return { url };
}
async function sendFollowing(request, send) {
  let url = request.url;
  let response = await send(url);
  if (request.method !== "GET" && request.method !== "HEAD") return { response, url };
  for (let hops = 1; REDIRECT_STATUSES.has(response.status); hops++) {
    const status = response.status;
    const next = checkLocation(url, response.headers.get("location"));
    await response.discard();
    if ("refused" in next) throw notFollowed(request, status, next.refused);
    if (hops > MAX_REDIRECTS)
      throw notFollowed(request, status, `that was hop ${hops}, more than the ${MAX_REDIRECTS} followed`);
    url = next.url;
    response = await send(url);
  }
  return { response, url };
}
function notFollowed(request, status, reason) {
  return new SignerError(
    "REGISTRY_PROTOCOL",
    `Registry ${request.registry}: ${request.operation} was redirected (HTTP ${status}) and not followed: ${reason}. If the registry or a proxy in front of it is yours, have it redirect reads to an https URL, once.`
  );
}

// src/registry/transport.ts
var RegistryTransport = class {
  registry;
  options;
  http;
  authorizer;
  retry;
  origin;
  constructor(options) {
    this.options = options;
    this.registry = options.registry;
    this.retry = options.retry;
    this.http = options.http ?? createHttpSend(options.allowInsecure);
    this.authorizer = new Authorizer({
      registry: options.registry,
      credential: options.credential,
      maskSecret: options.maskSecret,
      http: this.http
    });
  }
  async send(request) {
    const { path, ...rest } = request;
    const url = new URL(`/v2/${request.repository}${path}`, await this.resolveOrigin());
    return this.sendUrl({ ...rest, url });
  }
  async sendUrl(request) {
    const { method, url, repository, access, operation, headers: given, body } = request;
    const scope = `repository:${repository}:${access}`;
    const origin = await this.resolveOrigin();
    const sendHop = async (hop) => {
      const authorization = hop.origin === origin ? await this.authorizer.header(scope).catch((err) => this.authFailed(operation, err)) : void 0;
      const headers = { ...given, ...authorization ? { authorization } : {} };
      return this.http(hop, {
        method,
        headers,
        ...body ? { body } : {},
        timeoutMs: this.retry.requestTimeoutMs
      });
    };
    const attempt = () => sendFollowing({ method, url, registry: this.registry, operation }, sendHop);
    for (let tries = 1; ; tries++) {
      let answer;
      try {
        answer = await attempt();
      } catch (err) {
        if (err instanceof SignerError || err instanceof RegistryHttpError) throw err;
        if (await this.retry.wait(tries, `${this.registry}: ${operation}`, describeCause(err))) continue;
        throw new SignerError(
          "REGISTRY_UNAVAILABLE",
          `Registry ${this.registry}: ${operation} failed: ${escapeUntrusted(describeCause(err))}. Check that the registry is reachable, or raise 'retry-budget-seconds'.`,
          err
        );
      }
      if (answer.response.status === 401 && answer.url.origin === origin) {
        const challenge = parseChallenge(answer.response.headers.get("www-authenticate"));
        await answer.response.discard();
        const hadChallenge = this.authorizer.knowsChallenge;
        this.authorizer.learn(challenge, origin);
        this.authorizer.forget(scope);
        if (challenge || !hadChallenge) answer = await attempt();
      }
      const { response } = answer;
      if (answer.url.origin !== origin && (response.status === 401 || response.status === 403)) {
        await response.discard();
        throw this.refusedElsewhere(answer.url, response.status, operation);
      }
      if (isRetryableStatus(response.status)) {
        const retryAfter = response.headers.get("retry-after");
        if (await this.retry.wait(
          tries,
          `${this.registry}: ${operation}`,
          `HTTP ${response.status}`,
          retryAfter
        )) {
          await response.discard();
          continue;
        }
      }
      return response;
    }
  }
  /**
   * An upload session's Location, resolved against the registry. Another origin is accepted (a storage
   * front whose URL carries the session; it gets no credentials); a step down to plain HTTP is not.
   */
  async toUploadUrl(location, operation) {
    const next = checkLocation(new URL(await this.resolveOrigin()), location);
    if ("url" in next) return next.url;
    throw new SignerError(
      "REGISTRY_PROTOCOL",
      `Registry ${this.registry}: ${operation}: the upload session's Location is not used: ${next.refused}. If the registry or a proxy in front of it is yours, have it hand out https upload URLs.`
    );
  }
  /**
   * Another origin the registry pointed to (a redirect, an upload Location) refused the request. It is a
   * failure of this request only: its challenge is not learnt, and no credential is offered to it.
   */
  refusedElsewhere(url, status, operation) {
    return new SignerError(
      "REGISTRY_AUTH",
      `Registry ${this.registry}: ${operation} went to ${url.origin}, another origin the registry pointed to (a redirect or an upload Location), which refused it (HTTP ${status}). The registry's credentials are never sent to another origin. Have the registry hand out download and upload URLs that carry their own authorisation, as GHCR and Docker Hub do.`
    );
  }
  async expect(response, statuses, operation) {
    if (statuses.includes(response.status)) return;
    const error2 = await toRegistryHttpError(operation, response);
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    error2.context = {
      ...await this.refusalHint(),
      ...retryAfterMs !== void 0 ? { retryAfterMs } : {}
    };
    throw error2;
  }
  /** The fix to name for a refusal when no credential was sent. */
  async refusalHint() {
    const sentCredential = await this.authorizer.credential() !== void 0;
    return sentCredential ? {} : { missingCredentialHint: this.options.missingCredentialHint };
  }
  async bounded(response, maxBytes, operation) {
    try {
      return await response.bytes(maxBytes, operation);
    } catch (err) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `Registry ${this.registry}: ${escapeUntrusted(describeCause(err))}.`,
        err
      );
    }
  }
  async authFailed(operation, err) {
    if (err instanceof SignerError) throw err;
    if (err instanceof RegistryHttpError) {
      err.context = await this.refusalHint();
      throw err;
    }
    throw new SignerError(
      "REGISTRY_AUTH",
      `Registry ${this.registry}: could not get a token for ${operation}: ${escapeUntrusted(describeCause(err))}.`,
      err
    );
  }
  resolveOrigin() {
    this.origin ??= this.ping();
    return this.origin;
  }
  /**
   * Finds the scheme and the auth challenge with one `GET /v2/`. Plain HTTP only with allowHttp, and only
   * when HTTPS fails, as cosign's --allow-http-registry does; both are asked at once, so a plain-HTTP
   * registry costs no wait for the HTTPS failure (the probe carries no credentials).
   */
  async ping() {
    const httpProbe = this.options.allowHttp ? this.probe(`http://${this.registry}`) : void 0;
    const probes = [this.probe(`https://${this.registry}`), ...httpProbe ? [httpProbe] : []];
    let lastError;
    for (const probe of probes) {
      const outcome = await probe;
      if (outcome.ok) {
        if (outcome.challenge !== void 0) this.authorizer.learn(outcome.challenge, outcome.origin);
        return outcome.origin;
      }
      lastError = outcome.error;
    }
    this.origin = void 0;
    const hint = this.options.allowHttp ? "Check the address and that the registry is running." : "If it serves plain HTTP, set 'allow-http-registry: true'; if its certificate is self-signed, add its CA to NODE_EXTRA_CA_CERTS or set 'allow-insecure-registry: true'.";
    throw new SignerError(
      "REGISTRY_UNAVAILABLE",
      `Registry ${this.registry} could not be reached over HTTPS${this.options.allowHttp ? " or HTTP" : ""}: ${escapeUntrusted(describeCause(lastError))}. ${hint}`,
      lastError
    );
  }
  async probe(origin) {
    try {
      const response = await this.http(new URL("/v2/", origin), {
        timeoutMs: this.retry.requestTimeoutMs
      });
      await response.discard();
      if (response.status !== 401) return { ok: true, origin };
      return { ok: true, origin, challenge: parseChallenge(response.headers.get("www-authenticate")) };
    } catch (error2) {
      return { ok: false, error: error2 };
    }
  }
};

// src/registry/client.ts
var RegistryClient = class {
  registry;
  transport;
  /** Learnt once per registry: false after the router answered that /referrers/ does not exist. */
  referrersApi;
  blobs;
  /** Per repository, its tags as last listed (listed again once stale); undefined when listing failed. */
  tagListings = /* @__PURE__ */ new Map();
  constructor(options) {
    this.registry = options.registry;
    this.transport = new RegistryTransport(options);
    this.blobs = new BlobUploads(this.transport);
  }
  /** Finds scheme and challenge now, so the connection is open when the first real request comes. */
  connect() {
    return this.transport.resolveOrigin().then(() => void 0);
  }
  /** The manifest, or undefined when the registry has none under that reference. */
  async getManifest(repository, reference) {
    const operation = `GET manifest ${repository}:${reference}`;
    const response = await this.transport.send({
      method: "GET",
      repository,
      access: "pull",
      path: `/manifests/${reference}`,
      operation,
      headers: { accept: MANIFEST_ACCEPT }
    });
    if (response.status === 404) {
      await response.discard();
      return void 0;
    }
    await this.transport.expect(response, [200], operation);
    const bytes = await this.transport.bounded(response, MAX_MANIFEST_BYTES, operation);
    const digest = sha256Digest(bytes);
    if (reference.startsWith("sha256:") && digest !== reference) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `Registry ${this.registry} returned content for ${repository}@${reference} whose digest is ${digest}. The registry or a proxy altered it; do not sign it.`
      );
    }
    const mediaType = readMediaType(bytes) ?? response.headers.get("content-type") ?? "";
    return { digest, mediaType, bytes };
  }
  /**
   * The first read of a tag this run, before anything of ours was written to it: answered from a recent
   * listing of the repository's tags when the tag is not there, so signing many manifests of one
   * repository does not ask for each absent `.sig` or referrers tag. Later reads use getManifest.
   */
  async findTagged(repository, tag) {
    let listing = this.tagListings.get(repository);
    if (!listing || !isFresh(listing.startedAt)) {
      listing = { startedAt: Date.now(), tags: listTags(this.transport, repository) };
      this.tagListings.set(repository, listing);
    }
    const tags = await listing.tags;
    if (tags && !tags.has(tag)) return void 0;
    return this.getManifest(repository, tag);
  }
  async putManifest(repository, reference, bytes, mediaType) {
    const operation = `PUT manifest ${repository}:${reference}`;
    const response = await this.transport.send({
      method: "PUT",
      repository,
      access: "pull,push",
      path: `/manifests/${reference}`,
      operation,
      headers: { "content-type": mediaType },
      body: bytes
    });
    await this.transport.expect(response, [200, 201], operation);
    await response.discard();
    const digest = sha256Digest(bytes);
    const stated = response.headers.get(HEADER_DOCKER_CONTENT_DIGEST);
    if (stated && stated !== digest) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `Registry ${this.registry} stored ${repository}:${reference} as ${stated}, but we sent ${digest}. The registry rewrote the manifest; cosign could not verify it.`
      );
    }
    const indexedSubject = response.headers.get(HEADER_OCI_SUBJECT);
    return indexedSubject ? { digest, indexedSubject } : { digest };
  }
  async deleteManifest(repository, digest) {
    const operation = `DELETE manifest ${repository}@${digest}`;
    const response = await this.transport.send({
      method: "DELETE",
      repository,
      access: "pull,push",
      path: `/manifests/${digest}`,
      operation
    });
    if (response.status === 405 || response.status === 400) {
      await response.discard();
      return false;
    }
    await this.transport.expect(response, [200, 202, 404], operation);
    await response.discard();
    return true;
  }
  /**
   * The referrers API's answer for a digest, or undefined when the registry has no referrers API
   * (distribution 2.8 and GHCR answer 404; a registry with the API answers 200 with an OCI index).
   * https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers
   */
  async getReferrers(repository, digest) {
    if (this.referrersApi === false) return void 0;
    const operation = `GET referrers ${repository}@${digest}`;
    const response = await this.transport.send({
      method: "GET",
      repository,
      access: "pull",
      path: `/referrers/${digest}`,
      operation,
      headers: { accept: OCI_INDEX }
    });
    const contentType = response.headers.get("content-type") ?? "";
    if (response.status === 401 || response.status === 403 || response.status >= 500)
      await this.transport.expect(response, [200], operation);
    if (response.status !== 200 || !contentType.startsWith(OCI_INDEX)) {
      if (response.status === 404 && !contentType.includes("json")) this.referrersApi = false;
      await response.discard();
      return void 0;
    }
    return this.transport.bounded(response, MAX_MANIFEST_BYTES, operation);
  }
  putBlob(repository, bytes, options = {}) {
    return this.blobs.put(repository, bytes, options);
  }
  async getBlob(repository, digest, maxBytes) {
    const operation = `GET blob ${repository}@${digest}`;
    const response = await this.transport.send({
      method: "GET",
      repository,
      access: "pull",
      path: `/blobs/${digest}`,
      operation
    });
    await this.transport.expect(response, [200], operation);
    const bytes = await this.transport.bounded(response, maxBytes, operation);
    if (sha256Digest(bytes) !== digest) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `Registry ${this.registry}: blob ${repository}@${digest} does not match its digest.`
      );
    }
    return bytes;
  }
};
function readMediaType(bytes) {
  try {
    const value = JSON.parse(bytes.toString("utf8")).mediaType;
    return typeof value === "string" ? value : void 0;
  } catch {
    return void 0;
  }
}

// src/registry/pool.ts
var REQUEST_TIMEOUT_MS = 6e4;
var RegistryPool = class {
  clients = /* @__PURE__ */ new Map();
  directClients = /* @__PURE__ */ new Map();
  config;
  environment;
  retry;
  constructor(config, environment) {
    this.config = config;
    this.environment = environment;
    this.retry = new RetryBudget({
      budgetMs: config.retryBudgetSeconds * 1e3,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      onRetry: environment.log
    });
  }
  client(registry) {
    let client = this.clients.get(registry);
    if (!client) {
      const bounded = new RegistryAccessBoundary(this.direct(registry));
      client = this.environment.wrap ? this.environment.wrap(bounded) : bounded;
      this.clients.set(registry, client);
    }
    return client;
  }
  /**
   * Opens the connections to these registries in the background; settles when each has answered or
   * failed (errors surface on the first real request), and never rejects.
   */
  warm(registries) {
    const probes = [...new Set(registries)].map(
      (registry) => this.direct(registry).connect().catch(() => void 0)
    );
    return Promise.all(probes).then(() => void 0);
  }
  direct(registry) {
    let client = this.directClients.get(registry);
    if (!client) {
      client = new RegistryClient({
        registry,
        allowHttp: this.config.allowHttp,
        allowInsecure: this.config.allowInsecure,
        credential: () => this.environment.credentials.lookup(registry),
        missingCredentialHint: this.environment.credentials.missingHint,
        maskSecret: this.environment.maskSecret,
        retry: this.retry,
        http: this.environment.http
      });
      this.directClients.set(registry, client);
    }
    return client;
  }
};

// src/registry/recording.ts
var RecordingRegistry = class {
  registry;
  reader;
  blobs = /* @__PURE__ */ new Map();
  manifests = /* @__PURE__ */ new Map();
  log;
  constructor(reader, log) {
    this.reader = reader;
    this.registry = reader.registry;
    this.log = log;
  }
  async getManifest(repository, reference) {
    return this.manifests.get(`${repository}:${reference}`) ?? this.reader.getManifest(repository, reference);
  }
  async findTagged(repository, tag) {
    return this.manifests.get(`${repository}:${tag}`) ?? this.reader.findTagged(repository, tag);
  }
  async getBlob(repository, digest, maxBytes) {
    return this.blobs.get(`${repository}@${digest}`) ?? this.reader.getBlob(repository, digest, maxBytes);
  }
  async getReferrers(repository, digest) {
    return this.reader.getReferrers(repository, digest);
  }
  async putBlob(repository, bytes) {
    const digest = sha256Digest(bytes);
    this.blobs.set(`${repository}@${digest}`, bytes);
    this.log.push({ kind: "blob", registry: this.registry, repository, reference: digest });
    return { digest, size: bytes.length };
  }
  async putManifest(repository, reference, bytes, mediaType) {
    const digest = sha256Digest(bytes);
    const manifest = { digest, mediaType, bytes };
    this.manifests.set(`${repository}:${reference}`, manifest);
    this.manifests.set(`${repository}:${digest}`, manifest);
    this.log.push({ kind: "manifest", registry: this.registry, repository, reference });
    return { digest };
  }
  async deleteManifest(repository, digest) {
    this.log.push({ kind: "delete", registry: this.registry, repository, reference: digest });
    return true;
  }
};

// src/session.ts
function openSession(config, mode, environment) {
  const recordedWrites = [];
  const registries = new RegistryPool(config.registry, {
    maskSecret: environment.maskSecret,
    credentials: mode.sendsCredentials ? createConfiguredCredentials(config.registry, {
      runCredentialHelper,
      githubToken: config.githubToken
    }) : createWithheldCredentials(mode.reason),
    log: environment.log,
    ...mode.dryRun ? { wrap: (client) => new RecordingRegistry(client, recordedWrites) } : {}
  });
  const reached = timed(
    "connect",
    () => registries.warm([
      ...config.subjects.images.map((image) => image.registry),
      ...config.subjects.tagsToResolve.map((tag) => tag.registry)
    ])
  );
  const githubToken = mode.sendsCredentials ? config.githubToken : "";
  return { registries, mode, recordedWrites, githubToken, reached };
}

// src/wiring.ts
var HEAD_START_MS = 250;
async function wireRun(given, context, hooks) {
  const releaseFiles = await findReleaseFiles(given, context);
  const mode = decideRunMode(given, context);
  const session = openSession(given, mode, { maskSecret: hooks.maskSecret, log: hooks.log });
  const privateKey = startReadingKey(given, mode);
  await settledWithin(session.reached, HEAD_START_MS);
  const loadStarted = sinceStart();
  const { createServices } = await import("./signing-services-3B6BUWEJ.js");
  notePhase("load-signing", loadStarted);
  const wiringStarted = sinceStart();
  const { services, signer, config, files, bundleFiles } = await createServices(
    given,
    context,
    {
      maskSecret: hooks.maskSecret,
      requestIdToken: hooks.requestIdToken,
      runnerCanIssueToken: context.canRequestIdToken,
      log: hooks.log,
      ...privateKey ? { privateKey } : {}
    },
    session
  );
  notePhase("wire", wiringStarted);
  return {
    config,
    mode,
    signer,
    services,
    releaseFiles,
    files,
    announcements: announcementsFor(mode, signer, config),
    closingLines: () => mode.dryRun ? [`${session.recordedWrites.length} registry write(s) kept back.`] : [],
    writeBundleFiles: async (outcomes) => bundleFiles ? bundleFiles.write(outcomes) : []
  };
}
function findReleaseFiles(config, context) {
  const { files } = config;
  return collectReleaseFiles(
    {
      patterns: files.patterns,
      goreleaserPaths: files.goreleaserArtifacts ? selectGoreleaserFiles(
        files.goreleaserArtifacts,
        files.goreleaserFilters,
        "Input 'goreleaser-artifacts'"
      ) : []
    },
    context.workspace
  );
}
function announcementsFor(mode, signer, config) {
  const told = (mode.warnings ?? []).map((text) => ({ level: "warning", text }));
  if (mode.dryRun) {
    told.push({
      level: "notice",
      text: `Dry run (${mode.reason}): everything is checked and signed with a throwaway key, nothing is written or sent${mode.sendsCredentials ? "" : ", and no credentials are used"}.`
    });
    for (const text of mode.notes) told.push({ level: "notice", text });
    return told;
  }
  if (signer.mode === "key")
    told.push({ level: "info", text: `Public key that verifies these signatures:
${signer.publicKeyPem}` });
  else if (signer.mode === "keyless")
    told.push({
      level: "info",
      text: `Keyless signer: ${signer.certificateIdentity} (issuer ${signer.certificateIssuer})`
    });
  if (!config.tlog)
    told.push({ level: "warning", text: withoutLogWarning(signer.mode, config.tsaUrl !== void 0) });
  return told;
}
function withoutLogWarning(mode, timestamped) {
  const start = "tlog-upload is false: no transparency log entry was made.";
  if (timestamped)
    return `${start} Each signature carries a signed timestamp instead: verify with cosign verify --use-signed-timestamps --insecure-ignore-tlog=true (and a trusted root that lists the timestamp authority).`;
  if (mode === "keyless")
    return `${start} Nothing proves the signatures were made while the certificates were valid: cosign verify accepts them only with --insecure-ignore-tlog=true.`;
  return `${start} Verifiers must pass --insecure-ignore-tlog=true to cosign verify (and trust the key's holder for the signing time).`;
}
function startReadingKey(config, mode) {
  const { signing } = config;
  if (mode.dryRun || signing.mode !== "key" || signing.missingKey) return void 0;
  const reading = import("./cosign-key-IWLBYNDL.js").then(
    ({ readPrivateKey }) => readPrivateKey(signing.keyPem, signing.password)
  );
  reading.catch(() => void 0);
  return reading;
}
async function settledWithin(promise, ms) {
  let timer;
  await Promise.race([promise, new Promise((resolveWait) => timer = setTimeout(resolveWait, ms))]);
  clearTimeout(timer);
}

// src/main.ts
async function run(given, context, hooks) {
  notePhase("start-up", 0);
  const wired = await wireRun(given, context, { ...hooks, log: logged.info });
  announce(wired.announcements);
  const outcomes = await signImages(wired);
  const fileOutcomes = await signReleaseFiles(wired, context);
  const reportStarted = sinceStart();
  await writeReport(wired, context, hooks.sink, outcomes, fileOutcomes);
  failIfAnyFailed([...outcomes, ...fileOutcomes]);
  notePhase("report", reportStarted);
  if (context.timingsFile) appendPhaseTimings(context.timingsFile);
}
async function signImages(wired) {
  const { config, services, mode } = wired;
  const { subjects } = config;
  const resolved = await mapLimit(
    subjects.tagsToResolve,
    config.concurrency,
    (tag) => services.resolver.resolveTag(tag)
  );
  for (const image of resolved)
    logged.info(
      `resolved ${image.registry}/${image.repository}:${image.tag} to ${image.digest} (resolve-tags)`
    );
  const images = dedupeImages([...subjects.images, ...resolved]);
  for (const notice2 of subjects.notices) logged.notice(notice2);
  for (const skipped of subjects.skipped)
    logged.info(`skipped ${escapeUntrusted(skipped.name)}: ${escapeUntrusted(skipped.reason)}`);
  if (images.length === 0 && wired.releaseFiles.length > 0) return [];
  return logged.group(groupTitle(mode, images.length, "image(s)"), async () => {
    const outcomes = await signAll(images, services, { concurrency: config.concurrency });
    logImageOutcomes(outcomes);
    for (const line of wired.closingLines()) logged.info(line);
    return outcomes;
  });
}
async function signReleaseFiles(wired, context) {
  const { releaseFiles, files, config, mode } = wired;
  if (releaseFiles.length === 0) return [];
  return logged.group(groupTitle(mode, releaseFiles.length, "release file(s)"), async () => {
    const { signFiles } = await import("./sign-files-5IW6LFMW.js");
    const outcomes = await signFiles(releaseFiles, files, {
      concurrency: Math.min(config.concurrency, 4),
      workspace: context.workspace
    });
    logFileOutcomes(outcomes);
    return outcomes;
  });
}
async function writeReport(wired, context, sink, outcomes, fileOutcomes) {
  const { config, mode, signer } = wired;
  const { skipped } = config.subjects;
  const bundlePaths = await wired.writeBundleFiles(outcomes);
  const entries = toReportEntries(outcomes, skipped, mode);
  const reportPath = writeReportFile(entries, context.tempDir);
  await sink.write(
    {
      ...toStepOutputs(entries, outcomes, signer, bundlePaths, mode, reportPath),
      "file-signatures": toFileSignaturesOutput(fileOutcomes)
    },
    renderSummary(outcomes, skipped, {
      publicRekor: config.tlog?.rekorUrl === DEFAULT_REKOR_URL,
      mode,
      reportPath,
      signer,
      transparency: config.tlog ? "tlog" : config.tsaUrl ? "tsa" : "none"
    }) + renderFilesSummary(fileOutcomes)
  );
}
function failIfAnyFailed(outcomes) {
  const failed = outcomes.filter((outcome) => outcome.status === "failed");
  if (failed.length === 0) return;
  logged.setFailed(
    `${failed.length} of ${outcomes.length} signature(s) failed: ${[...new Set(failed.map((o) => o.error?.code))].join(", ")}`
  );
}
async function failRun(err, sink) {
  const message = err instanceof SignerError ? err.message : `release-signer stopped on an unexpected error: ${escapeUntrusted(describeCause(err))}`;
  logged.setFailed(message);
  if (err instanceof SignerError && err.cause)
    logged.debug(`cause: ${escapeUntrusted(describeCause(err.cause))}`);
  await sink.write(toStoppedRunOutputs(), renderStoppedSummary(message));
}

export {
  readRunContext,
  readConfig,
  run,
  failRun
};
