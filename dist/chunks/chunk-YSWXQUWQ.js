import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  mapLimit
} from "./chunk-QY3J4THD.js";
import {
  quoteUntrusted
} from "./chunk-Y4GPJUWM.js";
import {
  SignerError,
  describeCause
} from "./chunk-3XRRZSWV.js";

// src/registry/media-types.ts
var OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
var DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
var OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
var OCI_EMPTY = "application/vnd.oci.empty.v1+json";
var MANIFEST_ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST].join(", ");
var COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
var COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
var COSIGN_BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
var COSIGN_CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
var COSIGN_CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
var COSIGN_TIMESTAMP_ANNOTATION = "dev.sigstore.cosign/rfc3161timestamp";
var BUILDKIT_REFERENCE_TYPE = "vnd.docker.reference.type";
var BUILDKIT_ATTESTATION_MANIFEST = "attestation-manifest";
var BUILDKIT_REFERENCE_DIGEST = "vnd.docker.reference.digest";
var HEADER_DOCKER_CONTENT_DIGEST = "docker-content-digest";
var HEADER_OCI_SUBJECT = "oci-subject";
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var MAX_SMALL_BLOB_BYTES = 4 * 1024 * 1024;
function isIndexMediaType(mediaType) {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}
var SIGSTORE_BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
var SIGSTORE_BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";
var ANNOTATION_BUNDLE_CONTENT = "dev.sigstore.bundle.content";
var ANNOTATION_BUNDLE_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";
var ANNOTATION_CREATED = "org.opencontainers.image.created";
var EMPTY_CONFIG_BYTES = Buffer.from("{}");

// src/provenance/candidate.ts
function isUnreadable(entry) {
  return "unreadable" in entry;
}

// src/provenance/slsa.ts
var SLSA_V02 = "https://slsa.dev/provenance/v0.2";
var SLSA_V1 = "https://slsa.dev/provenance/v1";
var STATEMENT_TYPES = ["https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1"];
var BUILDKIT_V02_METADATA = "https://mobyproject.org/buildkit@v1#metadata";
var asObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
var asString = (value) => typeof value === "string" ? value : void 0;
var asArray = (value) => Array.isArray(value) ? value : [];
function toRepositorySlug(uri) {
  if (!uri) return void 0;
  const match = /^(?:git\+)?(?:https?:\/\/|ssh:\/\/git@|git@)[^/:]+[/:]([^/@#?]+)\/([^/@#?]+?)(?:\.git)?(?:[@#?].*)?$/.exec(
    uri
  );
  return match ? `${match[1]}/${match[2]}`.toLowerCase() : void 0;
}
function refFromUri(uri) {
  const at = uri?.lastIndexOf("@") ?? -1;
  return uri && at > 0 && uri.slice(at + 1).startsWith("refs/") ? uri.slice(at + 1) : void 0;
}
function toDate(value) {
  const text = asString(value);
  if (!text) return void 0;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? void 0 : date;
}
function fromV02(predicate) {
  const invocation = asObject(predicate.invocation);
  const configSource = asObject(invocation.configSource);
  const metadata = asObject(predicate.metadata);
  const vcs = asObject(asObject(metadata[BUILDKIT_V02_METADATA]).vcs);
  const sourceUri = asString(vcs.source) ?? asString(configSource.uri);
  return {
    buildType: asString(predicate.buildType),
    builderId: asString(asObject(predicate.builder).id),
    sourceRepository: toRepositorySlug(sourceUri),
    sourceRevision: asString(vcs.revision) ?? asString(asObject(configSource.digest).sha1),
    sourceRef: refFromUri(asString(configSource.uri)),
    finishedOn: toDate(metadata.buildFinishedOn)
  };
}
function fromV1(predicate) {
  const definition = asObject(predicate.buildDefinition);
  const external = asObject(definition.externalParameters);
  const run = asObject(predicate.runDetails);
  const metadata = asObject(run.metadata);
  const workflow = asObject(external.workflow);
  const requestArgs = asObject(asObject(external.request).args);
  const vcs = asObject(asObject(metadata.buildkit_metadata).vcs);
  const gitDependency = asArray(definition.resolvedDependencies).map(asObject).find((dependency) => asString(dependency.uri)?.startsWith("git+"));
  const sourceUri = asString(workflow.repository) ?? asString(gitDependency?.uri) ?? asString(vcs.source) ?? asString(requestArgs["vcs:source"]) ?? asString(asObject(external.configSource).uri);
  return {
    buildType: asString(definition.buildType),
    builderId: asString(asObject(run.builder).id),
    sourceRepository: toRepositorySlug(sourceUri),
    sourceRevision: asString(asObject(gitDependency?.digest).gitCommit) ?? asString(vcs.revision) ?? asString(requestArgs["vcs:revision"]),
    sourceRef: asString(workflow.ref) ?? refFromUri(asString(gitDependency?.uri)),
    finishedOn: toDate(metadata.finishedOn)
  };
}
function parseProvenance(statementBytes) {
  const statement = asObject(JSON.parse(statementBytes.toString()));
  const predicateType = asString(statement.predicateType) ?? "";
  const predicate = asObject(statement.predicate);
  const subjectDigests = asArray(statement.subject).map((subject) => asString(asObject(asObject(subject).digest).sha256)).filter((digest) => Boolean(digest));
  const details = predicateType === SLSA_V02 ? fromV02(predicate) : predicateType === SLSA_V1 ? fromV1(predicate) : {};
  return { statementType: asString(statement._type) ?? "", predicateType, subjectDigests, ...details };
}

// src/provenance/policy.ts
function matches(matcher, value) {
  return "exact" in matcher ? matcher.exact === value : new RegExp(matcher.regex).test(value);
}
function describeMatcher(matcher) {
  return "exact" in matcher ? matcher.exact : `/${matcher.regex}/`;
}
var show = (value) => value === void 0 ? "(absent)" : value === "" ? "(empty)" : value;
function checkSigner(candidate, expected) {
  if (candidate.signatureError)
    return { check: "signature", expected: "a valid signature", found: candidate.signatureError };
  const signer = candidate.signer;
  if (signer.kind === "unsigned") {
    return expected.trustUnsignedBuildkit ? void 0 : {
      check: "signed",
      expected: "signed provenance (or 'trust-unsigned-buildkit: true')",
      found: "unsigned BuildKit attestation"
    };
  }
  if (signer.kind === "key") return void 0;
  const claims = signer.claims;
  if (claims.issuer !== expected.issuer)
    return { check: "issuer", expected: expected.issuer, found: show(claims.issuer) };
  if (!matches(expected.identity, claims.san))
    return { check: "signer-identity", expected: describeMatcher(expected.identity), found: claims.san };
  const repositoryUri = `https://github.com/${expected.sourceRepository}`;
  if (claims.sourceRepositoryUri !== void 0 && claims.sourceRepositoryUri.toLowerCase() !== repositoryUri.toLowerCase()) {
    return {
      check: "certificate-source-repository",
      expected: repositoryUri,
      found: claims.sourceRepositoryUri
    };
  }
  if (expected.ref && claims.sourceRepositoryRef !== void 0 && claims.sourceRepositoryRef !== expected.ref) {
    return { check: "certificate-ref", expected: expected.ref, found: claims.sourceRepositoryRef };
  }
  if (expected.revision && claims.sourceRepositoryDigest !== void 0 && claims.sourceRepositoryDigest !== expected.revision) {
    return {
      check: "certificate-revision",
      expected: expected.revision,
      found: claims.sourceRepositoryDigest
    };
  }
  if (claims.buildTrigger !== void 0 && !expected.triggers.includes(claims.buildTrigger)) {
    return { check: "trigger", expected: expected.triggers.join(" | "), found: claims.buildTrigger };
  }
  if (claims.runnerEnvironment !== void 0 && !expected.runnerEnvironments.includes(claims.runnerEnvironment)) {
    return {
      check: "runner-environment",
      expected: expected.runnerEnvironments.join(" | "),
      found: claims.runnerEnvironment
    };
  }
  return void 0;
}
var GITHUB_WORKFLOW_BUILD_TYPE = "https://actions.github.io/buildtypes/workflow/v1";
function builderFor(candidate, expected) {
  if (expected.builder) return expected.builder;
  if (candidate.source === "buildkit") return expected.buildkitBuilder;
  if (candidate.provenance.buildType === GITHUB_WORKFLOW_BUILD_TYPE && candidate.signer.kind === "keyless") {
    return { exact: candidate.signer.claims.san };
  }
  return void 0;
}
function checkStatement(candidate, expected, now) {
  const p = candidate.provenance;
  if (!STATEMENT_TYPES.includes(p.statementType)) {
    return { check: "statement-type", expected: STATEMENT_TYPES.join(" | "), found: show(p.statementType) };
  }
  if (!expected.predicateTypes.includes(p.predicateType)) {
    return {
      check: "predicate-type",
      expected: expected.predicateTypes.join(" | "),
      found: show(p.predicateType)
    };
  }
  const hex = candidate.digest.replace("sha256:", "");
  if (!p.subjectDigests.includes(hex)) {
    return {
      check: "subject",
      expected: candidate.digest,
      found: p.subjectDigests.map((d) => `sha256:${d}`).join(", ") || "(none)"
    };
  }
  if (!p.buildType || !expected.buildTypes.includes(p.buildType)) {
    return { check: "build-type", expected: expected.buildTypes.join(" | "), found: show(p.buildType) };
  }
  const builder = builderFor(candidate, expected);
  if (builder && !matches(builder, p.builderId ?? "")) {
    return { check: "builder", expected: describeMatcher(builder), found: show(p.builderId) };
  }
  if (p.sourceRepository?.toLowerCase() !== expected.sourceRepository.toLowerCase()) {
    return {
      check: "source-repository",
      expected: expected.sourceRepository,
      found: show(p.sourceRepository)
    };
  }
  if (expected.revision && p.sourceRevision !== expected.revision) {
    return { check: "revision", expected: expected.revision, found: show(p.sourceRevision) };
  }
  if (expected.ref && p.sourceRef !== void 0 && p.sourceRef !== expected.ref) {
    return { check: "ref", expected: expected.ref, found: p.sourceRef };
  }
  if (expected.maxAgeHours !== void 0) {
    if (!p.finishedOn)
      return {
        check: "freshness",
        expected: `finished within ${expected.maxAgeHours} h`,
        found: "(no finish time)"
      };
    const ageHours = (now.getTime() - p.finishedOn.getTime()) / 36e5;
    if (ageHours > expected.maxAgeHours || ageHours < -0.1) {
      return {
        check: "freshness",
        expected: `finished within ${expected.maxAgeHours} h`,
        found: p.finishedOn.toISOString()
      };
    }
  }
  return void 0;
}
function checkCandidate(candidate, expected, now = /* @__PURE__ */ new Date()) {
  return checkSigner(candidate, expected) ?? checkStatement(candidate, expected, now);
}

// src/provenance/rejections.ts
var SOURCE_UNREADABLE = "source-unreadable";
var MAX_OTHERS = 4;
var MAX_OTHER_CHARS = 200;
function specificity(rejection) {
  switch (rejection.failure.check) {
    case "signature":
    case "signed":
      return 1;
    case SOURCE_UNREADABLE:
      return 2;
    case "statement-type":
    case "predicate-type":
      return 3;
    case "present":
      return 4;
    default:
      return 0;
  }
}
function renderRejection(rejection) {
  const { failure, source } = rejection;
  const text = failure.check === SOURCE_UNREADABLE ? `${source ?? "a source"} provenance unreadable: ${failure.found}` : `${source ? `${source} provenance, ` : ""}'${failure.check}': expected ${failure.expected}, found ${failure.found}`;
  return text.length > MAX_OTHER_CHARS ? `${text.slice(0, MAX_OTHER_CHARS - 1)}\u2026` : text;
}
function rankRejections(rejections) {
  const ranked = [...rejections].sort((a, b) => specificity(a) - specificity(b));
  const [first, ...rest] = ranked;
  if (!first) return void 0;
  const shown = renderRejection(first);
  const others = [...new Set(rest.map(renderRejection))].filter((line) => line !== shown);
  const more = others.length - MAX_OTHERS;
  return {
    first,
    others: more > 0 ? [...others.slice(0, MAX_OTHERS), `${more} more`] : others
  };
}

// src/provenance/gate.ts
var FROM_IMAGE = "from-image";
var escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
function findImageException(config, subject) {
  for (const key of [`${subject.registry}/${subject.repository}`, subject.repository]) {
    const image = config.exceptions.images[key];
    if (image) return { image, imageKey: key };
  }
  return { imageKey: subject.repository };
}
function unreadable(source, digest, why) {
  return {
    failure: { check: SOURCE_UNREADABLE, expected: `${source} provenance readable`, found: why },
    digest,
    source
  };
}
function sourceRepositoryFor(config, subject) {
  const { image } = findImageException(config, subject);
  if (image?.sourceRepository) return image.sourceRepository;
  if (config.sourceRepository !== FROM_IMAGE) return config.sourceRepository;
  return subject.repository.replace(/^library\//, "").split("/").slice(-2).join("/");
}
var ProvenanceGate = class {
  config;
  sources;
  context;
  constructor(config, sources, context) {
    this.config = config;
    this.sources = sources;
    this.context = context;
  }
  async check(subject, targets) {
    if (this.config.mode === "off") return { verdict: "off", exceptions: [] };
    const { image, imageKey } = findImageException(this.config, subject);
    const exceptions = [];
    if (image?.skip) {
      return {
        verdict: "skipped",
        reason: image.skip,
        exceptions: [`images["${imageKey}"].skip: ${image.skip}`]
      };
    }
    if (image?.sourceRepository)
      exceptions.push(`images["${imageKey}"] \u2192 source repository ${image.sourceRepository}`);
    const sourceRepository = sourceRepositoryFor(this.config, subject);
    const repository = this.config.exceptions.repositories[sourceRepository.toLowerCase()];
    if (repository) exceptions.push(`repositories["${sourceRepository}"] overrides the signer identity`);
    const expected = this.expectations(sourceRepository, repository);
    const rejections = [];
    const evaluate = (entries) => {
      for (const entry of entries) {
        if (isUnreadable(entry)) {
          rejections.push(unreadable(entry.source, entry.digest, entry.unreadable));
          continue;
        }
        const failure = checkCandidate(entry, expected);
        if (!failure) return entry;
        rejections.push({ failure, digest: entry.digest, source: entry.source });
      }
      return void 0;
    };
    const unreachable = /* @__PURE__ */ new Set();
    const find = async (source, digest) => {
      if (unreachable.has(source)) return [];
      try {
        return await source.find(subject, digest);
      } catch (err) {
        unreachable.add(source);
        rejections.push(unreadable(source.name, digest, describeCause(err)));
        return [];
      }
    };
    const perPlatform = [];
    for (const source of this.sources) {
      const found = await find(source, subject.digest);
      perPlatform.push(...found.filter((entry) => entry.digest !== subject.digest));
      const passed = evaluate(found.filter((entry) => entry.digest === subject.digest));
      if (passed) return { verdict: "passed", sources: [passed.source], exceptions };
    }
    const platforms = targets.filter(
      (target) => target.image.digest !== subject.digest && !isIndexMediaType(target.mediaType) && !target.attestation
    );
    if (platforms.length > 0) {
      const passedSources = /* @__PURE__ */ new Set();
      let allPassed = true;
      for (const platform of platforms) {
        const digest = platform.image.digest;
        let passed = evaluate(perPlatform.filter((entry) => entry.digest === digest));
        for (const source of this.sources) {
          if (passed || source.name === "buildkit") continue;
          passed = evaluate(await find(source, digest));
        }
        if (passed) passedSources.add(passed.source);
        else {
          allPassed = false;
          if (!rejections.some((rejection) => rejection.digest === digest)) {
            rejections.push({
              failure: {
                check: "present",
                expected: `provenance for ${platform.platform ?? platform.image.digest}`,
                found: "none"
              },
              digest
            });
          }
        }
      }
      if (allPassed) return { verdict: "passed", sources: [...passedSources], exceptions };
    }
    const ranked = rankRejections(rejections);
    if (!ranked) {
      if (this.config.mode === "if-present") return { verdict: "none", exceptions };
      return {
        verdict: "failed",
        failure: {
          check: "present",
          expected: `provenance from ${this.config.sources.join(", ")}`,
          found: "none"
        },
        digest: subject.digest,
        others: [],
        rejections: [],
        exceptions
      };
    }
    const { first, others } = ranked;
    return {
      verdict: "failed",
      failure: first.failure,
      digest: first.digest,
      ...first.source ? { source: first.source } : {},
      others,
      rejections,
      exceptions
    };
  }
  expectations(sourceRepository, repository) {
    const config = this.config;
    const workflows = repository?.workflows ?? [
      ...config.workflowFiles,
      // The signing workflow vouches for what it built, but only in its own repository.
      ...config.runWorkflow && config.runWorkflow.repository.toLowerCase() === sourceRepository.toLowerCase() && !config.workflowFiles.includes(config.runWorkflow.file) ? [config.runWorkflow.file] : []
    ];
    const ref = config.ref ? escapeRegex(config.ref) : "refs/.+";
    const identity = repository?.identityRegex ? { regex: repository.identityRegex } : config.identity ?? {
      regex: `^https://github\\.com/${escapeRegex(sourceRepository)}/\\.github/workflows/(${workflows.map(escapeRegex).join("|")})@${ref}$`
    };
    const runPrefix = this.context.runId && this.context.repository ? `^${escapeRegex(`${this.context.serverUrl}/${this.context.repository}/actions/runs/${this.context.runId}/attempts/`)}\\d+$` : void 0;
    return {
      predicateTypes: config.predicateTypes,
      buildTypes: config.buildTypes,
      sourceRepository,
      ...config.revision ? { revision: config.revision } : {},
      ...config.ref ? { ref: config.ref } : {},
      ...repository?.builderRegex ? { builder: { regex: repository.builderRegex } } : config.builder ? { builder: config.builder } : {},
      ...runPrefix ? { buildkitBuilder: { regex: runPrefix } } : {},
      issuer: config.issuer,
      identity,
      triggers: config.triggers,
      runnerEnvironments: config.runnerEnvironments,
      ...config.maxAgeHours !== void 0 ? { maxAgeHours: config.maxAgeHours } : {},
      trustUnsignedBuildkit: config.trustUnsignedBuildkit
    };
  }
};

// src/subjects/reference.ts
var DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
var PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var TAG_PATTERN = /^[\w][\w.-]{0,127}$/;
var DOCKER_HUB = "index.docker.io";
function isDigest(value) {
  return DIGEST_PATTERN.test(value);
}
function parseImageName(text, where) {
  const value = text.trim();
  const fail = (why, fix) => {
    throw new SignerError("SUBJECT_INVALID", `${where}: ${quoteUntrusted(value)} ${why}. ${fix}`);
  };
  const words = value.split(/\s+/);
  if (words.length > 1)
    fail(`holds ${words.length} images on one line`, "Write one image per line (`images: |`)");
  const at = value.indexOf("@");
  const namePart = at < 0 ? value : value.slice(0, at);
  const digest = at < 0 ? void 0 : value.slice(at + 1);
  if (digest !== void 0 && !isDigest(digest))
    fail("has a malformed digest", "A digest is sha256: followed by 64 lowercase hex characters");
  let name = namePart;
  let tag;
  const lastSlash = namePart.lastIndexOf("/");
  const colon = namePart.lastIndexOf(":");
  if (colon > lastSlash) {
    name = namePart.slice(0, colon);
    tag = namePart.slice(colon + 1);
    if (!TAG_PATTERN.test(tag))
      fail(`has an invalid tag ${quoteUntrusted(tag)}`, "Tags are up to 128 characters of [A-Za-z0-9_.-]");
  }
  if (!name) fail("has no repository name", "Write registry/repository@sha256:<digest>");
  const { registry, repository } = splitRegistry(name);
  if (repository.split("/").some((part) => !PATH_COMPONENT.test(part))) {
    fail(
      "has an invalid repository name",
      "Repository names are lowercase letters, digits and . _ - separated by /"
    );
  }
  return { registry, repository, ...tag ? { tag } : {}, ...digest ? { digest } : {} };
}
function parseImageRef(text, where) {
  const parsed = parseImageName(text, where);
  if (!parsed.digest) {
    throw new SignerError(
      "SUBJECT_INVALID",
      `${where}: ${quoteUntrusted(text.trim())} has no digest. Signing a tag is unsafe: the tag can move between the build and the signature. Use the digest your build step printed (name@sha256:\u2026), or set 'resolve-tags: true' to resolve it once.`
    );
  }
  return {
    registry: parsed.registry,
    repository: parsed.repository,
    digest: parsed.digest,
    ...parsed.tag ? { tag: parsed.tag } : {}
  };
}
function splitRegistry(name) {
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  const looksLikeHost = first.includes(".") || first.includes(":") || first === "localhost";
  if (!looksLikeHost) {
    return { registry: DOCKER_HUB, repository: slash < 0 ? `library/${name}` : name };
  }
  const registry = first === "docker.io" ? DOCKER_HUB : first;
  const repository = name.slice(slash + 1);
  return {
    registry,
    repository: registry === DOCKER_HUB && !repository.includes("/") ? `library/${repository}` : repository
  };
}
function toRepositoryName(ref) {
  return `${ref.registry}/${ref.repository}`;
}
function toDigestRef(ref) {
  return `${toRepositoryName(ref)}@${ref.digest}`;
}
function toDigestTag(digest, suffix) {
  return `${digest.replace(":", "-")}${suffix}`;
}

// src/util/phase-timings.ts
import { appendFileSync } from "node:fs";
var spans = /* @__PURE__ */ new Map();
var sinceStart = () => performance.now();
function notePhase(phase, startMs, endMs = sinceStart()) {
  const seen = spans.get(phase);
  spans.set(phase, {
    phase,
    startMs: Math.min(seen?.startMs ?? startMs, startMs),
    endMs: Math.max(seen?.endMs ?? endMs, endMs),
    busyMs: (seen?.busyMs ?? 0) + (endMs - startMs),
    count: (seen?.count ?? 0) + 1
  });
}
async function timed(phase, work) {
  const startMs = sinceStart();
  try {
    return await work();
  } finally {
    notePhase(phase, startMs);
  }
}
function phaseSpans() {
  return [...spans.values()].sort((a, b) => a.startMs - b.startMs);
}
function appendPhaseTimings(path) {
  const record = { totalMs: sinceStart(), phases: phaseSpans() };
  appendFileSync(path, `${JSON.stringify(record)}
`);
}

// src/util/digest.ts
import { createHash } from "node:crypto";
function sha256Digest(bytes) {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

// src/registry/settle.ts
var FRESH_READ_MS = 150;
function isFresh(readAt, now = Date.now()) {
  return now - readAt <= FRESH_READ_MS;
}
var RecentReads = class {
  reads = /* @__PURE__ */ new Map();
  /** Makes the read now and keeps it under `key`. */
  async read(key, read) {
    const readAt = Date.now();
    const value = await read();
    this.reads.set(key, { value, readAt });
    return value;
  }
  /** The kept read, if still fresh, left kept. */
  peek(key) {
    const kept = this.reads.get(key);
    return kept && isFresh(kept.readAt) ? kept.value : void 0;
  }
  /** The kept read, if still fresh; it is forgotten either way. */
  take(key) {
    const kept = this.reads.get(key);
    this.reads.delete(key);
    return kept && isFresh(kept.readAt) ? kept.value : void 0;
  }
};
var MAX_PASSES = 8;
var CHECKS_AT_ONCE = 8;
var WRITE_MARGIN = 3;
var JITTER_MS = 100;
var MAX_DELAY_MS = 2e4;
var longestWriteMs = 0;
function noteWriteWindow(takenAt, writtenAt = Date.now()) {
  longestWriteMs = Math.max(longestWriteMs, writtenAt - takenAt);
}
function settleDelayMs(writeMs = longestWriteMs) {
  return Math.min(MAX_DELAY_MS, FRESH_READ_MS + WRITE_MARGIN * writeMs);
}
function repairJitterMs(random = Math.random) {
  return Math.floor(random() * JITTER_MS);
}
function mergeJitter(random = Math.random) {
  return new Promise((resolveWait) => setTimeout(resolveWait, 50 + Math.floor(random() * 250)));
}
function pause(ms) {
  const startMs = sinceStart();
  return new Promise(
    (resolveWait) => setTimeout(() => {
      notePhase("pause", startMs);
      resolveWait();
    }, ms)
  );
}
var REAL_CLOCK = {
  now: Date.now,
  sleep: pause,
  delayMs: () => settleDelayMs(),
  jitterMs: () => repairJitterMs()
};
async function settle(entries, clock = REAL_CLOCK) {
  let minPasses = 1;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const ordered = [...entries()].sort((a, b) => a.writtenAt - b.writtenAt);
    if (ordered.length === 0) return;
    const delay = clock.delayMs();
    const passStart = clock.now();
    const checked = await mapLimit(ordered, CHECKS_AT_ONCE, async (entry) => {
      const due = (pass === 1 ? entry.writtenAt : passStart) + delay - clock.now();
      if (due > 0) await clock.sleep(due);
      return { entry, state: await timed("check", () => entry.check()) };
    });
    if (checked.some(({ state }) => state === "shared")) minPasses = 2;
    const repairs = checked.filter(({ state }) => state === "missing").map(({ entry }) => entry);
    await mapLimit(repairs, CHECKS_AT_ONCE, async (entry) => {
      const spread = clock.jitterMs();
      if (spread > 0) await clock.sleep(spread);
      await entry.repair();
    });
    if (repairs.length === 0 && pass >= minPasses) return;
  }
}

// src/util/owned-buffer.ts
function toOwnedBuffer(text) {
  const owned = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  owned.write(text);
  return owned;
}
function concatOwned(chunks, length) {
  const owned = Buffer.allocUnsafeSlow(length);
  let offset = 0;
  for (const chunk of chunks) {
    owned.set(chunk, offset);
    offset += chunk.length;
  }
  return owned;
}

export {
  OCI_MANIFEST,
  OCI_INDEX,
  OCI_IMAGE_CONFIG,
  OCI_EMPTY,
  MANIFEST_ACCEPT,
  COSIGN_SIMPLE_SIGNING,
  COSIGN_SIGNATURE_ANNOTATION,
  COSIGN_BUNDLE_ANNOTATION,
  COSIGN_CERTIFICATE_ANNOTATION,
  COSIGN_CHAIN_ANNOTATION,
  COSIGN_TIMESTAMP_ANNOTATION,
  BUILDKIT_REFERENCE_TYPE,
  BUILDKIT_ATTESTATION_MANIFEST,
  BUILDKIT_REFERENCE_DIGEST,
  HEADER_DOCKER_CONTENT_DIGEST,
  HEADER_OCI_SUBJECT,
  MAX_MANIFEST_BYTES,
  MAX_SMALL_BLOB_BYTES,
  isIndexMediaType,
  SIGSTORE_BUNDLE_V03,
  SIGSTORE_BUNDLE_PREFIX,
  ANNOTATION_BUNDLE_CONTENT,
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  ANNOTATION_CREATED,
  EMPTY_CONFIG_BYTES,
  SLSA_V02,
  SLSA_V1,
  parseProvenance,
  SOURCE_UNREADABLE,
  rankRejections,
  FROM_IMAGE,
  sourceRepositoryFor,
  ProvenanceGate,
  isDigest,
  parseImageName,
  parseImageRef,
  toRepositoryName,
  toDigestRef,
  toDigestTag,
  sinceStart,
  notePhase,
  timed,
  appendPhaseTimings,
  sha256Digest,
  isFresh,
  RecentReads,
  noteWriteWindow,
  settleDelayMs,
  mergeJitter,
  pause,
  settle,
  toOwnedBuffer,
  concatOwned
};
