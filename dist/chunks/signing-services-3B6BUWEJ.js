import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  COSIGN_SIGN_PREDICATE,
  CertificateVerification,
  IN_TOTO_PAYLOAD_TYPE,
  KeyVerification,
  ReferrersIndex,
  isLayerOf,
  judgedKey,
  listReferrers,
  parseImageIndex,
  parseImageManifest,
  readCertificateSubject,
  readTrustedRoot,
  toCosignConfig,
  toCosignSignStatement,
  toGoJson,
  toLegacyBundle,
  toLegacySignature,
  toSortedRecord
} from "./chunk-4SLMKDEX.js";
import {
  RecordingBundleStore,
  fileBundleStore
} from "./chunk-K5BT2SBA.js";
import {
  hasImages,
  invalid,
  parseSigningConfig,
  refuseLegacyWithRekorV2
} from "./chunk-LLL7VFGN.js";
import {
  ANNOTATION_BUNDLE_CONTENT,
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  ANNOTATION_CREATED,
  BUILDKIT_ATTESTATION_MANIFEST,
  BUILDKIT_REFERENCE_DIGEST,
  BUILDKIT_REFERENCE_TYPE,
  COSIGN_BUNDLE_ANNOTATION,
  COSIGN_SIMPLE_SIGNING,
  EMPTY_CONFIG_BYTES,
  MAX_SMALL_BLOB_BYTES,
  OCI_EMPTY,
  OCI_IMAGE_CONFIG,
  OCI_MANIFEST,
  ProvenanceGate,
  RecentReads,
  SIGSTORE_BUNDLE_PREFIX,
  SIGSTORE_BUNDLE_V03,
  isDigest,
  isFresh,
  isIndexMediaType,
  mergeJitter,
  noteWriteWindow,
  pause,
  settle,
  settleDelayMs,
  sha256Digest,
  timed,
  toDigestRef,
  toDigestTag,
  toOwnedBuffer,
  toRepositoryName
} from "./chunk-YSWXQUWQ.js";
import "./chunk-HUCOVWA7.js";
import {
  limiter,
  mapLimit
} from "./chunk-QY3J4THD.js";
import {
  escapeUntrusted,
  quoteUntrusted
} from "./chunk-Y4GPJUWM.js";
import {
  readPrivateKey
} from "./chunk-FAG6YT7H.js";
import "./chunk-GZDEPJDF.js";
import "./chunk-33OM53QW.js";
import {
  KeySigner
} from "./chunk-42YRMRYZ.js";
import {
  require_dsse,
  require_message,
  toServiceError,
  withServiceErrors
} from "./chunk-NSXMDW7H.js";
import {
  require_dist as require_dist2
} from "./chunk-SP7IUJ36.js";
import "./chunk-TZI5A7QG.js";
import {
  require_dist as require_dist3
} from "./chunk-3NDHDPJB.js";
import {
  SignerError,
  describeCause
} from "./chunk-3XRRZSWV.js";
import "./chunk-EKZUNHQP.js";
import {
  require_dist
} from "./chunk-6737T3ZJ.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/signing-services.ts
var import_dsse = __toESM(require_dsse(), 1);
var import_message = __toESM(require_message(), 1);

// src/report/bundle-files.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
function toBundleFileName(image, format) {
  const repository = `${image.registry.replace(/:/g, "_")}/${image.repository}`.replace(/\//g, "+");
  return `${repository}+${toDigestTag(image.digest, "")}.${format}.sigstore.json`;
}
var WRITES_AT_ONCE = 16;
var BundleFiles = class {
  dir;
  made;
  slot = limiter(WRITES_AT_ONCE);
  /** Every write started, each settled without throwing; the first failure is kept for write(). */
  writes = [];
  failure;
  constructor(tempDir) {
    this.dir = join(tempDir, "release-signer");
  }
  /** Starts writing the record's bundle to its file; the record handed back keeps only that it was written. */
  keep(image, record) {
    const { bundle, ...kept } = record;
    if (bundle === void 0) return record;
    this.start(join(this.dir, toBundleFileName(image, record.format)), bundle);
    return { ...kept, bundleFiled: true };
  }
  /**
   * Writes the bundles the records still hold (a manifest reached twice: the first one), waits for every
   * write, and returns the paths of all bundle files of the outcomes, in their order.
   */
  async write(outcomes) {
    const paths = /* @__PURE__ */ new Set();
    for (const outcome of outcomes) {
      if (!outcome.target) continue;
      for (const record of outcome.records) {
        const path = join(this.dir, toBundleFileName(outcome.target.image, record.format));
        if (paths.has(path) || !record.bundleFiled && record.bundle === void 0) continue;
        paths.add(path);
        if (record.bundle !== void 0 && !record.bundleFiled) this.start(path, record.bundle);
      }
    }
    await Promise.all(this.writes);
    if (this.failure) throw this.failure.error;
    return [...paths];
  }
  start(path, bundle) {
    this.made ??= mkdir(this.dir, { recursive: true });
    const made = this.made;
    const writing = this.slot(async () => {
      await made;
      await writeFile(path, bundle);
    });
    this.writes.push(writing.catch((error) => void (this.failure ??= { error })));
  }
};

// src/files/file-bundle.ts
var import_bundle = __toESM(require_dist3(), 1);
var import_core = __toESM(require_dist2(), 1);
function publicKeyOf(key) {
  return key.$case === "publicKey" ? key.publicKey : key.certificate;
}
var FileBundleBuilder = class {
  signer;
  witnesses;
  serviceUrls;
  constructor(options) {
    this.signer = options.signer;
    this.witnesses = options.witnesses;
    this.serviceUrls = options.serviceUrls;
  }
  async create(path) {
    const { sha256, signature } = await this.signer.signFile(path);
    const bundle = (0, import_bundle.toMessageSignatureBundle)({
      digest: sha256,
      signature: signature.signature,
      ...signature.key.$case === "x509Certificate" ? { certificate: import_core.pem.toDER(signature.key.certificate) } : { keyHint: signature.key.hint },
      certificateChain: false
    });
    try {
      const testimonies = await Promise.all(
        this.witnesses.map((witness) => witness.testify(bundle.content, publicKeyOf(signature.key)))
      );
      bundle.verificationMaterial.tlogEntries = testimonies.flatMap((t) => t.tlogEntries ?? []);
      bundle.verificationMaterial.timestampVerificationData = {
        rfc3161Timestamps: testimonies.flatMap((t) => t.rfc3161Timestamps ?? [])
      };
    } catch (err) {
      throw toServiceError(err, this.serviceUrls);
    }
    return { sha256, bundle };
  }
};

// src/sigstore/trusted-root-source.ts
var import_protobuf_specs = __toESM(require_dist(), 1);
import { join as join2 } from "node:path";
var TUF_TIMEOUT_MS = 15e3;
var TUF_RETRIES = 2;
function createTrustedRootSource(trust, tempDir) {
  let loaded;
  return () => {
    loaded ??= trust.trustedRootPath ? Promise.resolve(readTrustedRoot(trust.trustedRootPath)) : fetchThroughTuf(trust, tempDir);
    return loaded;
  };
}
var PUBLIC_GOOD_TUF_MIRROR = "https://tuf-repo-cdn.sigstore.dev";
function tufOptions(trust, tempDir) {
  return {
    mirrorURL: trust.tufMirrorUrl ?? PUBLIC_GOOD_TUF_MIRROR,
    ...trust.tufRootPath ? { rootPath: trust.tufRootPath } : {},
    cachePath: join2(tempDir, "release-signer-tuf"),
    timeout: TUF_TIMEOUT_MS,
    retry: TUF_RETRIES
  };
}
var updated = /* @__PURE__ */ new Map();
function updatedTuf(options) {
  const key = JSON.stringify(options);
  let tuf = updated.get(key);
  if (!tuf) {
    tuf = import("./tuf-client-ZNDQACCC.js").then(({ initTUF }) => initTUF(options));
    updated.set(key, tuf);
    tuf.catch(() => updated.delete(key));
  }
  return tuf;
}
var SIGNING_CONFIG_TARGET = "signing_config.v0.2.json";
var TRUSTED_ROOT_TARGET = "trusted_root.json";
async function fetchSigningConfigThroughTuf(trust, tempDir) {
  const options = tufOptions(trust, tempDir);
  try {
    const tuf = await updatedTuf(options);
    return Buffer.from(await tuf.getTarget(SIGNING_CONFIG_TARGET), "utf8");
  } catch (err) {
    throw new SignerError(
      "TRUST_UNAVAILABLE",
      `Sigstore's signing config (${SIGNING_CONFIG_TARGET}) could not be fetched through TUF from ${options.mirrorURL}: ${describeCause(err)}. Nothing was signed. Check that the runner reaches ${options.mirrorURL} and that the repository publishes it, or give a signing_config.json path in 'signing-config'.`,
      err
    );
  }
}
async function fetchThroughTuf(trust, tempDir) {
  const options = tufOptions(trust, tempDir);
  const { mirrorURL } = options;
  try {
    const tuf = await updatedTuf(options);
    return import_protobuf_specs.TrustedRoot.fromJSON(JSON.parse(await tuf.getTarget(TRUSTED_ROOT_TARGET)));
  } catch (err) {
    throw new SignerError(
      "TRUST_UNAVAILABLE",
      `Sigstore's trusted root could not be updated through TUF from ${mirrorURL}: ${describeCause(err)}. Signatures cannot be verified without it, so nothing was signed. Check that the runner reaches ${mirrorURL}${trust.tufMirrorUrl ? " and that 'tuf-root' is that repository's root.json" : ", or give a trusted_root.json with 'trusted-root'"}.`,
      err
    );
  }
}

// src/registry/platform.ts
var PLATFORM_PART = /^[A-Za-z0-9_.-]{1,64}$/;
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isPart(value) {
  return typeof value === "string" && PLATFORM_PART.test(value);
}
function describePlatform(platform) {
  if (!isRecord(platform)) return JSON.stringify(platform) ?? String(platform);
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== void 0).map((part) => typeof part === "string" ? part : JSON.stringify(part)).join("/");
}
function parsePlatform(platform, digest, where) {
  if (platform === void 0) return void 0;
  const valid = isRecord(platform) && isPart(platform.os) && isPart(platform.architecture) && (platform.variant === void 0 || isPart(platform.variant));
  if (!valid) {
    throw new SignerError(
      "REGISTRY_PROTOCOL",
      `${where} lists ${digest} with a platform that is not os/architecture[/variant] of letters, digits, '.', '_' and '-' (${quoteUntrusted(describePlatform(platform))}). Not signed: check who pushed this index, and push it again from your build.`
    );
  }
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/");
}

// src/registry/resolve.ts
function isAttestationManifest(descriptor) {
  return descriptor.annotations?.[BUILDKIT_REFERENCE_TYPE] === BUILDKIT_ATTESTATION_MANIFEST || descriptor.platform?.os === "unknown" && descriptor.platform.architecture === "unknown";
}
var MAX_INDEX_DEPTH = 4;
var MAX_TARGETS_PER_IMAGE = 1e4;
function attestationOf(entry, options) {
  if (!isAttestationManifest(entry)) return { sign: true };
  if (!options.attestationManifests) return { sign: false };
  const describes = entry.annotations?.[BUILDKIT_REFERENCE_DIGEST];
  return { sign: true, attestation: describes && isDigest(describes) ? { describes } : {} };
}
async function resolveTargets(image, registries, options) {
  const storage = options.signatureRepository ?? { registry: image.registry, repository: image.repository };
  const client = registries.client(image.registry);
  const fetched = await client.getManifest(image.repository, image.digest);
  if (!fetched) {
    throw new SignerError(
      "MANIFEST_NOT_FOUND",
      `${toDigestRef(image)} was not found in the registry. Check that the build pushed it and that the digest is the pushed one.`
    );
  }
  const self = { image, mediaType: fetched.mediaType, size: fetched.bytes.length, storage };
  if (!options.recursive || !isIndexMediaType(fetched.mediaType)) return [self];
  const targets = /* @__PURE__ */ new Map([[image.digest, self]]);
  const walk = async (indexBytes, indexDigest, depth) => {
    const where = toDigestRef({ ...image, digest: indexDigest });
    for (const entry of parseImageIndex(indexBytes, where).manifests) {
      const { sign, attestation } = attestationOf(entry, options);
      if (!sign || targets.has(entry.digest)) continue;
      if (targets.size >= MAX_TARGETS_PER_IMAGE) {
        throw new SignerError(
          "REGISTRY_PROTOCOL",
          `${toDigestRef(image)} lists more than ${MAX_TARGETS_PER_IMAGE} distinct manifests. Not signed: no build makes such an index; check who pushed it.`
        );
      }
      const platform = attestation ? void 0 : parsePlatform(entry.platform, entry.digest, where);
      targets.set(entry.digest, {
        image: {
          registry: image.registry,
          repository: image.repository,
          digest: entry.digest,
          ...image.tag ? { tag: image.tag } : {}
        },
        ...platform ? { platform } : {},
        ...attestation ? { attestation } : {},
        mediaType: entry.mediaType,
        size: entry.size,
        storage
      });
      if (isIndexMediaType(entry.mediaType)) await walkNested(entry.digest, where, depth + 1);
    }
  };
  const walkNested = async (digest, parent, depth) => {
    if (depth > MAX_INDEX_DEPTH) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `${parent} nests indexes more than ${MAX_INDEX_DEPTH} deep (at ${digest}). Not signed: sign the inner indexes as images of their own, or flatten the index.`
      );
    }
    const nested = await client.getManifest(image.repository, digest);
    if (!nested) {
      throw new SignerError(
        "MANIFEST_NOT_FOUND",
        `${parent} lists the index ${digest}, which is not in the registry. Push it, or push the outer index again without it.`
      );
    }
    await walk(nested.bytes, digest, depth);
  };
  await walk(fetched.bytes, image.digest, 1);
  return [...targets.values()];
}
async function resolveTag(tag, registries) {
  const fetched = await registries.client(tag.registry).getManifest(tag.repository, tag.tag);
  if (!fetched) {
    throw new SignerError(
      "MANIFEST_NOT_FOUND",
      `${tag.origin}: ${tag.registry}/${tag.repository}:${tag.tag} was not found. Check the tag, or give the digest.`
    );
  }
  return { registry: tag.registry, repository: tag.repository, digest: fetched.digest, tag: tag.tag };
}

// src/signatures/bundle-format.ts
var import_bundle3 = __toESM(require_dist3(), 1);

// src/signatures/format-writer.ts
var import_bundle2 = __toESM(require_dist3(), 1);
var PlanningWriter = class {
  format;
  inner;
  constructor(inner) {
    this.inner = inner;
    this.format = inner.format;
  }
  async write(target) {
    const record = await this.inner.write(target);
    return record.added ? { ...record, planned: true } : record;
  }
  settle() {
    return this.inner.settle();
  }
};
var BundleFilingWriter = class {
  format;
  inner;
  keeper;
  constructor(inner, keeper) {
    this.inner = inner;
    this.keeper = keeper;
    this.format = inner.format;
  }
  async write(target) {
    return this.keeper.keep(target.image, await this.inner.write(target));
  }
  settle() {
    return this.inner.settle();
  }
};
function toSignedRecord(published, bundle, json = JSON.stringify((0, import_bundle2.bundleToJSON)(bundle))) {
  if (!published.added && published.bundle) return published;
  const logIndex = bundle.verificationMaterial.tlogEntries[0]?.logIndex;
  return { ...published, bundle: json, ...logIndex ? { logIndex } : {} };
}

// src/signatures/bundle-format.ts
function toCosignBundle(bundle) {
  const material = bundle.verificationMaterial;
  const content = material.content.$case === "x509CertificateChain" ? {
    $case: "certificate",
    certificate: material.content.x509CertificateChain.certificates[0] ?? { rawBytes: Buffer.alloc(0) }
  } : material.content;
  const signed = bundle.content.$case === "dsseEnvelope" ? {
    ...bundle.content,
    dsseEnvelope: {
      ...bundle.content.dsseEnvelope,
      signatures: bundle.content.dsseEnvelope.signatures.map((signature) => ({
        ...signature,
        keyid: ""
      }))
    }
  } : bundle.content;
  return {
    ...bundle,
    mediaType: import_bundle3.BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: { ...material, content },
    content: signed
  };
}
var BundleFormatWriter = class {
  format = "bundle";
  builder;
  publisher;
  annotations;
  constructor(builder, publisher, annotations) {
    this.builder = builder;
    this.publisher = publisher;
    this.annotations = annotations;
  }
  settle() {
    return this.publisher.settle();
  }
  async write(target) {
    const statement = toCosignSignStatement(target.image.digest, this.annotations);
    let record = await timed(
      "write",
      () => this.publisher.findExisting(target, statement, COSIGN_SIGN_PREDICATE)
    );
    if (!record) {
      const bundle = toCosignBundle(
        await timed("sign", () => this.builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE }))
      );
      const json = JSON.stringify((0, import_bundle3.bundleToJSON)(bundle));
      const signed = { json: Buffer.from(json), statement, predicateType: COSIGN_SIGN_PREDICATE };
      const published = await timed("write", () => this.publisher.publish(target, signed));
      record = toSignedRecord(published, bundle, json);
    }
    return record;
  }
};

// src/registry/access.ts
function isBlobRace(err) {
  return err instanceof SignerError && err.code === "PUBLISH_CONFLICT";
}

// src/signatures/our-bundles.ts
var import_bundle4 = __toESM(require_dist3(), 1);
var MAX_REFERRERS_EXAMINED = 64;
var REFERRERS_READ_AT_ONCE = 4;
function byAge(a, b) {
  const [createdA, createdB] = [a.created || "~", b.created || "~"];
  if (createdA !== createdB) return createdA < createdB ? -1 : 1;
  return a.fetched.digest < b.fetched.digest ? -1 : 1;
}
var OurBundles = class {
  verification;
  requireLogEntry;
  /** Referrers found not to be ours (another signer's, another statement), by registry/repository@digest. */
  notOurs = /* @__PURE__ */ new Set();
  constructor({ verification, requireLogEntry }) {
    this.verification = verification;
    this.requireLogEntry = requireLogEntry;
  }
  /**
   * The listed bundles that sign this statement and verify as this signer's, in list order, up to `wanted`
   * of them. A referrer is content-addressed: one found not ours is never fetched again this run (the
   * same list is looked at before signing, before the push and after the run's writes).
   */
  async among(client, repository, subject, signed, listed, wanted = MAX_REFERRERS_EXAMINED) {
    const { statement } = signed;
    const key = (digest) => `${client.registry}/${repository}@${digest}`;
    const unknown = listed.filter(mayBeSignBundle(signed.predicateType)).slice(0, MAX_REFERRERS_EXAMINED).filter((entry) => !this.notOurs.has(key(entry.digest)));
    const judged = await mapLimit(unknown, REFERRERS_READ_AT_ONCE, async (entry) => {
      const ours = await this.readIfOurs(client, repository, subject, statement, entry.digest);
      if (!ours) this.notOurs.add(key(entry.digest));
      return ours;
    });
    return judged.filter((found) => found !== void 0).slice(0, wanted);
  }
  async readIfOurs(client, repository, subject, statement, digest) {
    const fetched = await client.getManifest(repository, digest);
    if (!fetched) return void 0;
    const manifest = parseImageManifest(fetched.bytes, `${repository}@${digest}`);
    const layer = manifest.layers[0];
    if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX))
      return void 0;
    if (manifest.subject?.digest !== subject) return void 0;
    const json = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
    const bundle = this.signingSameStatement(json, statement);
    if (!bundle) return void 0;
    return {
      fetched,
      created: manifest.annotations?.[ANNOTATION_CREATED] ?? "",
      bundle,
      json: json.toString("utf8")
    };
  }
  /** The bundle, if it signs the same statement and passes the verification a verifier does (not just a look-alike). */
  signingSameStatement(json, statement) {
    try {
      const bundle = (0, import_bundle4.bundleFromJSON)(JSON.parse(json.toString("utf8")));
      if (bundle.content.$case !== "dsseEnvelope") return void 0;
      if (!bundle.content.dsseEnvelope.payload.equals(statement)) return void 0;
      if (this.requireLogEntry && bundle.verificationMaterial.tlogEntries.length === 0) return void 0;
      this.verification.verify(bundle);
      return bundle;
    } catch {
      return void 0;
    }
  }
};
function mayBeSignBundle(predicateType) {
  return (entry) => {
    if (entry.artifactType && !entry.artifactType.startsWith(SIGSTORE_BUNDLE_PREFIX) && entry.artifactType !== OCI_EMPTY)
      return false;
    const listedType = entry.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE];
    return listedType === void 0 || listedType === predicateType;
  };
}

// src/signatures/bundle-referrer.ts
function referrersOf(target) {
  return `${toRepositoryName(target.storage)}@${target.image.digest}`;
}
async function pushWithBlobRetry(push, reupload) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await push();
    } catch (err) {
      if (!isBlobRace(err) || attempt >= 4) throw err;
      await reupload();
    }
  }
}
var DEDUPE_AT_ONCE = 8;
function toExistingRecord(reference, found) {
  return toSignedRecord(
    { format: "bundle", reference, manifestDigest: found.fetched.digest, added: false },
    found.bundle,
    found.json
  );
}
function toCreated(now) {
  return `${now.toISOString().slice(0, 19)}Z`;
}
var BundleReferrerPublisher = class {
  format = "bundle";
  registries;
  now;
  referrers = new ReferrersIndex();
  /** Bundles attached this run, by reference, for settle() to keep one of each. */
  attached = /* @__PURE__ */ new Map();
  ours;
  /** When findExisting listed a reference's referrers and found none of ours, until publish() looks at it. */
  lookedAt = /* @__PURE__ */ new Map();
  constructor(options) {
    this.registries = options.registries;
    this.ours = new OurBundles(options);
    this.now = options.now ?? (() => /* @__PURE__ */ new Date());
  }
  /** Our bundle over this statement, if one is attached already: a re-run signs nothing again. */
  async findExisting(target, statement, predicateType) {
    const client = this.registries.client(target.storage.registry);
    const lookedAt = Date.now();
    const found = await this.findOurs(
      client,
      target.storage.repository,
      target.image.digest,
      statement,
      predicateType
    );
    if (found) return toExistingRecord(referrersOf(target), found);
    this.lookedAt.set(referrersOf(target), lookedAt);
    return void 0;
  }
  async publish(target, bundle) {
    const { repository } = target.storage;
    const { digest } = target.image;
    const client = this.registries.client(target.storage.registry);
    const reference = referrersOf(target);
    const lookedAt = this.lookedAt.get(reference) ?? 0;
    this.lookedAt.delete(reference);
    if (!isFresh(lookedAt)) {
      const listed = await this.referrers.listFromApi(client, repository, digest) ?? [];
      const [found] = await this.ours.among(client, repository, digest, bundle, listed, 1);
      if (found) {
        const { statement: statement2, predicateType: predicateType2 } = bundle;
        const attached2 = { client, repository, subject: digest, statement: statement2, predicateType: predicateType2 };
        this.attached.set(reference, {
          ...attached2,
          manifestDigest: found.fetched.digest,
          via: "api",
          writtenAt: Date.now(),
          adopted: true
        });
        return toExistingRecord(reference, found);
      }
    }
    const [config, layer] = await Promise.all([
      client.putBlob(repository, EMPTY_CONFIG_BYTES),
      client.putBlob(repository, bundle.json, { unique: true })
    ]);
    const annotations = {
      [ANNOTATION_BUNDLE_CONTENT]: "dsse-envelope",
      [ANNOTATION_BUNDLE_PREDICATE_TYPE]: bundle.predicateType,
      [ANNOTATION_CREATED]: toCreated(this.now())
    };
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        // cosign v3.1.3 repeats the artifactType in the config descriptor; kept for a byte-identical layout.
        config: {
          mediaType: OCI_EMPTY,
          size: config.size,
          digest: config.digest,
          artifactType: SIGSTORE_BUNDLE_V03
        },
        layers: [{ mediaType: SIGSTORE_BUNDLE_V03, size: layer.size, digest: layer.digest }],
        annotations,
        subject: { mediaType: target.mediaType, size: target.size, digest },
        artifactType: SIGSTORE_BUNDLE_V03
      })
    );
    const manifestDigest = sha256Digest(manifest);
    const pushed = await pushWithBlobRetry(
      () => client.putManifest(repository, manifestDigest, manifest, OCI_MANIFEST),
      () => client.putBlob(repository, EMPTY_CONFIG_BYTES)
    );
    const via = await this.referrers.add(
      client,
      repository,
      digest,
      {
        mediaType: OCI_MANIFEST,
        digest: manifestDigest,
        size: manifest.length,
        artifactType: SIGSTORE_BUNDLE_V03,
        annotations
      },
      { indexedByRegistry: pushed.indexedSubject === digest }
    );
    const { statement, predicateType } = bundle;
    const attached = { client, repository, subject: digest, statement, predicateType };
    this.attached.set(reference, { ...attached, manifestDigest, via, writtenAt: Date.now() });
    return { format: "bundle", reference, manifestDigest, added: true };
  }
  /**
   * After the run's writes: no concurrent writer dropped our referrers, and of the bundles this signer
   * attached over one statement exactly one remains. Concurrent runs with one key each find none before
   * signing and attach one each; every run ranks the duplicates alike and withdraws its own unless it
   * ranks first, so one remains and none is lost. Returns the referrer that
   * remains, by reference, for read-back. `clock` paces the pauses (tests play the concurrent runs themselves).
   */
  async settle(clock) {
    const lists = await this.referrers.settle(clock);
    const kept = /* @__PURE__ */ new Map();
    let withdrawn = 0;
    await mapLimit([...this.attached], DEDUPE_AT_ONCE, async ([reference, attached]) => {
      const { client, repository, subject } = attached;
      const due = attached.writtenAt + (clock?.delayMs() ?? settleDelayMs()) - Date.now();
      if (attached.via === "api" && due > 0) await (clock?.sleep(due) ?? pause(due));
      const listed = lists.get(`${client.registry}/${repository}@${subject}`) ?? await listReferrers(client, repository, subject);
      if (listed.every((entry) => entry.digest === attached.manifestDigest)) return;
      const ours = await this.ours.among(client, repository, subject, attached, listed);
      const [keeper] = attached.via === "tag" ? ours : ours.sort(byAge);
      if (!keeper) return;
      kept.set(reference, keeper.fetched);
      if (attached.adopted || keeper.fetched.digest === attached.manifestDigest) return;
      if (await this.referrers.withdraw(client, repository, subject, attached.manifestDigest, attached.via))
        withdrawn++;
    });
    if (withdrawn > 0) await this.referrers.settle(clock);
    return kept;
  }
  /** A bundle already attached that signs the same statement with our signer, if any. */
  async findOurs(client, repository, subject, statement, predicateType) {
    const listed = await this.referrers.list(client, repository, subject);
    const [found] = await this.ours.among(
      client,
      repository,
      subject,
      { statement, predicateType },
      listed,
      1
    );
    return found;
  }
};

// src/signatures/payload.ts
var SIMPLE_SIGNING_TYPE = "cosign container image signature";
function toSimpleSigningPayload(image, annotations) {
  const hasAnnotations = Object.keys(annotations).length > 0;
  return toOwnedBuffer(
    toGoJson({
      critical: {
        identity: { "docker-reference": toRepositoryName(image) },
        image: { "docker-manifest-digest": image.digest },
        type: SIMPLE_SIGNING_TYPE
      },
      optional: hasAnnotations ? toSortedRecord(annotations) : null
    })
  );
}

// src/signatures/legacy-format.ts
var LegacyFormatWriter = class {
  format = "legacy";
  builder;
  publisher;
  annotations;
  constructor(builder, publisher, annotations) {
    this.builder = builder;
    this.publisher = publisher;
    this.annotations = annotations;
  }
  settle() {
    return this.publisher.settle();
  }
  async write(target) {
    const payload = toSimpleSigningPayload(target.image, this.annotations);
    let record = await timed("write", () => this.publisher.findExisting(target, payload));
    if (!record) {
      const bundle = await timed("sign", () => this.builder.create({ data: payload }));
      const signature = toLegacySignature(payload, bundle);
      record = toSignedRecord(await timed("write", () => this.publisher.publish(target, signature)), bundle);
    }
    return record;
  }
};

// src/signatures/target.ts
function legacySignatureTag(target) {
  const tag = toDigestTag(target.image.digest, ".sig");
  return { tag, reference: `${toRepositoryName(target.storage)}:${tag}` };
}

// src/signatures/legacy-sig.ts
var COSIGN_MAX_LAYERS = 1e3;
var MAX_MERGE_ROUNDS = 12;
var LegacySigPublisher = class {
  format = "legacy";
  registries;
  verification;
  requireLogEntry;
  /** Layers appended this run, checked again by settle(). */
  appended = /* @__PURE__ */ new Map();
  /** Whether a layer (payload digest and annotations) verified as this signer's. */
  judged = /* @__PURE__ */ new Map();
  /** The `.sig` manifests as settle() last read them, by reference. */
  settledReads = /* @__PURE__ */ new Map();
  /** What findExisting read, for the first merge round of the publish that follows it. */
  recentReads = new RecentReads();
  constructor({ registries, verification, requireLogEntry }) {
    this.registries = registries;
    this.verification = verification;
    this.requireLogEntry = requireLogEntry;
  }
  /** Our signature of this payload, if the `.sig` tag already holds one: a re-run signs nothing again. */
  async findExisting(target, payload) {
    const client = this.registries.client(target.storage.registry);
    const { tag, reference } = legacySignatureTag(target);
    const existing = await this.recentReads.read(
      reference,
      () => this.readLayers(client, target.storage.repository, tag, reference, "first")
    );
    return this.existingRecord(reference, existing, payload);
  }
  /** The record of a layer of ours already in the list, with its bundle for the bundle files. */
  existingRecord(reference, existing, payload) {
    const ours = existing.layers.find((layer) => this.isOurs(layer, payload));
    if (!existing.digest || !ours) return void 0;
    const bundle = toLegacyBundle(payload, ours.annotations ?? {}, this.verification.checksLog);
    return toSignedRecord(
      {
        format: "legacy",
        reference,
        manifestDigest: existing.digest,
        added: false,
        signatureBlob: ours.digest
      },
      bundle
    );
  }
  /**
   * Ours only when it passes the verification a verifier does (chain, log or timestamp, identity,
   * signature): a layer planted with a look-alike certificate must not stop us from signing.
   */
  isOurs(layer, payload) {
    const annotations = layer.annotations ?? {};
    if (layer.mediaType !== COSIGN_SIMPLE_SIGNING || layer.digest !== sha256Digest(payload)) return false;
    if (this.requireLogEntry && !(COSIGN_BUNDLE_ANNOTATION in annotations)) return false;
    const key = judgedKey(layer);
    let ours = this.judged.get(key);
    if (ours === void 0) {
      try {
        this.verification.verify(toLegacyBundle(payload, annotations, this.verification.checksLog), payload);
        ours = true;
      } catch {
        ours = false;
      }
      this.judged.set(key, ours);
    }
    return ours;
  }
  async publish(target, signature) {
    const { repository } = target.storage;
    const client = this.registries.client(target.storage.registry);
    const { tag, reference } = legacySignatureTag(target);
    const ourLayer = {
      mediaType: COSIGN_SIMPLE_SIGNING,
      size: signature.payload.length,
      digest: sha256Digest(signature.payload),
      annotations: signature.annotations
    };
    this.judged.set(judgedKey(ourLayer), true);
    const kept = this.recentReads.peek(reference);
    const keptUnique = { unique: kept?.digest === void 0 };
    const early = kept && kept.layers.length < COSIGN_MAX_LAYERS ? await Promise.all([
      client.putBlob(repository, signature.payload, keptUnique),
      client.putBlob(repository, toCosignConfig([...kept.layers, ourLayer]), keptUnique)
    ]) : void 0;
    let payloadUploaded = early !== void 0;
    for (let round = 1; round <= MAX_MERGE_ROUNDS; round++) {
      if (round > 1) await mergeJitter();
      const takenAt = Date.now();
      const recent = round === 1 ? this.recentReads.take(reference) : void 0;
      const existing = recent ?? await this.readLayers(client, repository, tag, reference);
      this.appended.set(reference, { target, signature, writtenAt: Date.now() });
      const already = this.existingRecord(reference, existing, signature.payload);
      if (already) return already;
      if (existing.layers.length >= COSIGN_MAX_LAYERS) {
        throw new SignerError(
          "PUBLISH_CONFLICT",
          `${reference} already holds ${existing.layers.length} signatures; cosign reads at most ${COSIGN_MAX_LAYERS}. Remove old signatures (cosign clean) before signing again.`
        );
      }
      const fresh = existing.digest === void 0;
      const layers = [...existing.layers, ourLayer];
      const [, configRef] = await Promise.all([
        payloadUploaded ? void 0 : client.putBlob(repository, signature.payload, { unique: fresh }),
        existing === kept && early ? early[1] : client.putBlob(repository, toCosignConfig(layers), { unique: fresh })
      ]);
      payloadUploaded = true;
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          config: { mediaType: OCI_IMAGE_CONFIG, size: configRef.size, digest: configRef.digest },
          layers
        })
      );
      try {
        const { digest: manifestDigest } = await client.putManifest(repository, tag, manifest, OCI_MANIFEST);
        noteWriteWindow(takenAt);
        this.appended.set(reference, { target, signature, writtenAt: Date.now() });
        return { format: "legacy", reference, manifestDigest, added: true, signatureBlob: ourLayer.digest };
      } catch (err) {
        if (!isBlobRace(err)) throw err;
      }
    }
    throw new SignerError(
      "PUBLISH_CONFLICT",
      `${reference}: the registry refused the signature list ${MAX_MERGE_ROUNDS} times in a row while other signers uploaded the same blobs. Run again; nothing of others was removed.`
    );
  }
  /**
   * After the run's writes (see registry/settle.ts): a signature of this signer stays in each list we
   * appended to, and only one. No concurrent writer may have dropped ours; and runs with one key that
   * appended at the same moment keep the first of their layers in list order (merges only append, so
   * every run sees the same first) while the others take their own layer out again.
   */
  async settle(clock) {
    const entries = () => (
      // The list's reference is the key it was appended under: settledReads keeps that one string, not a copy.
      [...this.appended].map(([reference, { target, signature, writtenAt }]) => {
        const client = this.registries.client(target.storage.registry);
        const { tag } = legacySignatureTag(target);
        let repair = () => this.publish(target, signature);
        return {
          writtenAt,
          check: async () => {
            const state = await this.check(client, target.storage.repository, tag, reference, signature);
            if (state === "duplicate") {
              repair = () => this.takeOut(client, target.storage.repository, tag, reference, signature);
              return "missing";
            }
            repair = () => this.publish(target, signature);
            return state;
          },
          repair: async () => void await repair()
        };
      })
    );
    await settle(entries, clock);
    return this.settledReads;
  }
  async readLayers(client, repository, tag, reference, read = "again") {
    const fetched = read === "first" ? await client.findTagged(repository, tag) : await client.getManifest(repository, tag);
    if (!fetched) return { layers: [] };
    return { digest: fetched.digest, layers: parseImageManifest(fetched.bytes, reference).layers, fetched };
  }
  /**
   * A concurrent writer may have put a list without our layer after our write, or a run with the same key
   * may have appended its own beside it: look.
   */
  async check(client, repository, tag, reference, signature) {
    const { layers, fetched } = await this.readLayers(client, repository, tag, reference);
    if (fetched) this.settledReads.set(reference, fetched);
    else this.settledReads.delete(reference);
    const first = layers.find((layer) => this.isOurs(layer, signature.payload));
    if (!first) return "missing";
    if (!isLayerOf(first, signature) && layers.some((layer) => isLayerOf(layer, signature)))
      return "duplicate";
    return layers.length > 1 ? "shared" : "alone";
  }
  /** Takes our layer out of the list again (another layer of the same signer comes first), keeping every other. */
  async takeOut(client, repository, tag, reference, signature) {
    const { layers } = await this.readLayers(client, repository, tag, reference);
    const kept = layers.filter((layer) => !isLayerOf(layer, signature));
    if (kept.length === layers.length || kept.length === 0) return;
    const config = await client.putBlob(repository, toCosignConfig(kept));
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_IMAGE_CONFIG, size: config.size, digest: config.digest },
      layers: kept
    };
    try {
      await client.putManifest(repository, tag, Buffer.from(JSON.stringify(manifest)), OCI_MANIFEST);
    } catch (err) {
      if (!isBlobRace(err)) throw err;
    }
  }
};

// src/signatures/read-back.ts
var import_bundle5 = __toESM(require_dist3(), 1);
var ReadBack = class {
  registries;
  verification;
  /** Signature blobs read while the lists settled, by where they are stored; each is used once. */
  prefetched = /* @__PURE__ */ new Map();
  constructor({ registries, verification }) {
    this.registries = registries;
    this.verification = verification;
  }
  /**
   * The `.sig` list is read back from the end-of-run check's read of it; a bundle referrer is read by its
   * digest (unless settling kept another run's duplicate instead), so while the lists settle.
   */
  readsSharedList(record) {
    return record.format === "legacy";
  }
  /**
   * Reads the payload blob of our `.sig` layer and keeps the read for the check: stored by digest, it need
   * not wait for the list's end-of-run check, which then only has to find the layer in the list (a small
   * release's longest wait).
   */
  async prefetch(target, record) {
    if (record.format !== "legacy" || !record.signatureBlob) return;
    const where = toDigestRef({ ...target.storage, digest: record.signatureBlob });
    const started = this.prefetched.get(where);
    if (started) return void await started.catch(() => void 0);
    const reading = this.registries.client(target.storage.registry).getBlob(target.storage.repository, record.signatureBlob, MAX_SMALL_BLOB_BYTES);
    this.prefetched.set(where, reading);
    await reading.catch(() => void 0);
  }
  async check(target, record, settled = /* @__PURE__ */ new Map()) {
    try {
      if (record.format === "legacy") await this.checkLegacy(target, record, settled.get(record.reference));
      else await this.checkBundle(target, record, settled.get(record.reference));
    } catch (err) {
      if (err instanceof UntrustedSignature) throw untrustedError(record, err);
      const why = err instanceof SignerError || err instanceof Error ? describeCause(err) : String(err);
      throw new SignerError(
        "READBACK_MISMATCH",
        `The ${record.format} signature read back from ${record.reference} is not what was written: ${why}. The registry did not keep what was written; run again, and check the registry or any proxy in between.`,
        err
      );
    }
  }
  /**
   * Verifies what was read back. A failure counts against the trust configuration only when the bytes are
   * those written (the manifest has the digest pushed; blobs are checked against their digests on read);
   * otherwise the registry changed them.
   */
  verify(bundle, artifact, intact) {
    try {
      this.verification.verify(bundle, artifact);
    } catch (err) {
      if (intact) throw new UntrustedSignature(err);
      throw err;
    }
  }
  /** Any one layer of the `.sig` manifest that verifies suffices, as in `cosign verify`. */
  async checkLegacy(target, record, settled) {
    const client = this.registries.client(target.storage.registry);
    const { tag } = legacySignatureTag(target);
    const fetched = settled ?? await client.getManifest(target.storage.repository, tag);
    if (!fetched) throw new Error(`${tag} is missing`);
    const layers = parseImageManifest(fetched.bytes, tag).layers.filter(
      (layer) => layer.mediaType === COSIGN_SIMPLE_SIGNING
    );
    const isOurs = (layer) => Number(layer.digest === record.signatureBlob);
    const tried = [...layers].sort((a, b) => isOurs(b) - isOurs(a));
    const intact = fetched.digest === record.manifestDigest;
    const failures = /* @__PURE__ */ new Map();
    let untrusted;
    const payloads = /* @__PURE__ */ new Map();
    for (const layer of tried) {
      try {
        const reading = payloads.get(layer.digest) ?? this.readBlob(target, layer.digest);
        payloads.set(layer.digest, reading);
        const payload = await reading;
        const claims = JSON.parse(payload.toString("utf8"));
        if (claims.critical?.image?.["docker-manifest-digest"] !== target.image.digest)
          throw new Error("the payload names another digest");
        this.verify(
          toLegacyBundle(payload, layer.annotations ?? {}, this.verification.checksLog),
          payload,
          intact
        );
        return;
      } catch (err) {
        if (err instanceof UntrustedSignature) untrusted ??= err;
        failures.set(layer, describeCause(err));
      }
    }
    if (untrusted) throw untrusted;
    const told = layers.flatMap((layer) => failures.get(layer) ?? []);
    throw new Error(told.length ? told.join("; ") : "no signature layer found");
  }
  /** A blob of the `.sig` list: the read started while the lists settled, if any (and then read once), else a read now. */
  async readBlob(target, digest) {
    const where = toDigestRef({ ...target.storage, digest });
    const started = this.prefetched.get(where);
    this.prefetched.delete(where);
    if (started) {
      try {
        return await started;
      } catch {
      }
    }
    return this.registries.client(target.storage.registry).getBlob(target.storage.repository, digest, MAX_SMALL_BLOB_BYTES);
  }
  /** `kept`: the bundle of ours that remains where concurrent runs attached duplicates (see settle()). */
  async checkBundle(target, record, kept) {
    const client = this.registries.client(target.storage.registry);
    const fetched = kept ?? await client.getManifest(target.storage.repository, record.manifestDigest);
    if (!fetched) throw new Error(`referrer ${record.manifestDigest} is missing`);
    const manifest = parseImageManifest(fetched.bytes, record.reference);
    const layer = manifest.layers[0];
    if (manifest.subject?.digest !== target.image.digest)
      throw new Error("the referrer points at another manifest");
    if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX))
      throw new Error("the referrer holds no bundle");
    const json = await client.getBlob(target.storage.repository, layer.digest, MAX_SMALL_BLOB_BYTES);
    const bundle = (0, import_bundle5.bundleFromJSON)(JSON.parse(json.toString("utf8")));
    if (bundle.content.$case !== "dsseEnvelope") throw new Error("the bundle is not a DSSE envelope");
    const statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString("utf8"));
    const hex = target.image.digest.slice("sha256:".length);
    if (!statement.subject?.some((subject) => subject.digest?.sha256 === hex))
      throw new Error("the statement names another digest");
    this.verify(bundle, void 0, fetched.digest === record.manifestDigest);
  }
};
var UntrustedSignature = class extends Error {
  cause;
  constructor(cause) {
    super(describeCause(cause));
    this.cause = cause;
  }
};
var CHECKS = {
  CERTIFICATE_ERROR: {
    check: "the certificate's chain to Fulcio's CA and its SCTs from the CT logs",
    inputs: "'trusted-root' (its certificateAuthorities and ctlogs)"
  },
  TLOG_ERROR: {
    check: "the transparency log entry",
    inputs: "'trusted-root' (its tlogs) and the log chosen by 'rekor-url' or 'signing-config'"
  },
  TIMESTAMP_ERROR: {
    check: "the signed timestamps",
    inputs: "'trusted-root' (its timestampAuthorities) and 'tsa-url' or 'signing-config'"
  },
  UNTRUSTED_SIGNER_ERROR: {
    check: "the signer's identity",
    inputs: "'fulcio-url' and the OIDC token's issuer"
  }
};
function untrustedError(record, err) {
  const code = err.cause?.code;
  const key = typeof code === "string" && code.startsWith("TLOG_") ? "TLOG_ERROR" : String(code);
  const { check, inputs } = CHECKS[key] ?? {
    check: "the signature",
    inputs: "'trusted-root' and the service inputs ('fulcio-url', 'rekor-url', 'tsa-url' or 'signing-config')"
  };
  return new SignerError(
    "READBACK_UNTRUSTED",
    `The ${record.format} signature at ${record.reference} was stored as written but does not pass ${check} against the trusted root: ${escapeUntrusted(err.message)}. Verifiers with this trusted root would reject it too: check ${inputs} describe the Sigstore that signed it.`,
    err.cause
  );
}

// src/sigstore/tuf-services.ts
async function withServicesFromTuf(config, tempDir) {
  if (!config.servicesFromTuf) return config;
  const text = await fetchSigningConfigThroughTuf(config.trust, tempDir);
  const chosen = parseSigningConfig(text, `TUF target ${SIGNING_CONFIG_TARGET}`);
  const tlog = config.servicesFromTuf.tlogUpload ? chosen.tlog : void 0;
  if (hasImages(config.subjects)) refuseLegacyWithRekorV2(config.formats, tlog);
  if (config.signing.mode === "keyless" && !tlog && !chosen.tsaUrl) {
    throw new SignerError(
      "INPUT_CONFLICT",
      `The signing config from TUF (${SIGNING_CONFIG_TARGET}) names no timestamp authority and no log is used: nothing would prove the keyless signatures were made while their certificates were valid. Keep 'tlog-upload: true', or give a signing config file with a TSA.`
    );
  }
  return {
    ...config,
    signing: config.signing.mode === "keyless" && chosen.fulcioUrl ? { ...config.signing, fulcioUrl: chosen.fulcioUrl } : config.signing,
    ...tlog ? { tlog } : {},
    ...chosen.tsaUrl ? { tsaUrl: chosen.tsaUrl } : {}
  };
}

// src/sigstore/signing.ts
import { createPublicKey, generateKeyPairSync } from "node:crypto";

// src/sigstore/identity-token.ts
var PERMISSION_FIX = [
  "Keyless signing needs an OIDC token from the runner. Add to the job (or the workflow):",
  "  permissions:",
  "    id-token: write",
  "or pass 'identity-token' when running outside GitHub Actions, or sign with 'key'."
].join("\n");
async function readIdentityToken(source, mask) {
  if (source.given) return source.given;
  if (!source.runnerCanIssue) throw new SignerError("IDENTITY_TOKEN", PERMISSION_FIX);
  let token;
  try {
    token = await source.fromRunner("sigstore");
  } catch (err) {
    throw new SignerError(
      "IDENTITY_TOKEN",
      `The runner refused an OIDC token (${describeCause(err)}).
${PERMISSION_FIX}`,
      err
    );
  }
  mask(token);
  return token;
}
function readTokenClaims(token) {
  const payload = token.split(".")[1];
  if (!payload)
    throw new SignerError(
      "IDENTITY_TOKEN",
      "The OIDC identity token is not a JWT (header.payload.signature)."
    );
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw new SignerError("IDENTITY_TOKEN", "The OIDC identity token is not a JWT: its payload is not JSON.");
  }
}
function checkTokenFresh(claims, now = /* @__PURE__ */ new Date()) {
  if (claims.exp !== void 0 && claims.exp * 1e3 <= now.getTime()) {
    throw new SignerError(
      "IDENTITY_TOKEN",
      `The OIDC identity token expired at ${new Date(claims.exp * 1e3).toISOString()}. Request a fresh one (runner tokens last minutes; sign right after fetching it).`
    );
  }
}

// src/sigstore/signing.ts
async function createSigning(config, environment, trustedRoot) {
  const expectLog = config.tlog !== void 0;
  if (config.signing.mode === "key") {
    if (config.signing.missingKey) {
      throw invalid(
        "key",
        config.signing.missingKey,
        "Set 'key' to the PEM text of a cosign private key (from a secret). A dry run needs none: that is how pull requests from forks, which get no secrets, are checked"
      );
    }
    const [privateKey, root2] = await Promise.all([
      environment.privateKey ?? readPrivateKey(config.signing.keyPem, config.signing.password),
      expectLog ? trustedRoot() : void 0
    ]);
    const signer2 = new KeySigner(privateKey);
    const publicKey = createPublicKey(privateKey);
    return {
      signer: signer2,
      verification: new KeyVerification(publicKey, { ...root2 ? { trustedRoot: root2 } : {}, expectLog }),
      description: { mode: "key", publicKeyPem: signer2.publicKeyPem }
    };
  }
  const root = trustedRoot();
  root.catch(() => void 0);
  const token = await readIdentityToken(
    {
      given: config.signing.identityToken,
      fromRunner: environment.requestIdToken,
      runnerCanIssue: environment.runnerCanIssueToken
    },
    environment.maskSecret
  );
  checkTokenFresh(readTokenClaims(token));
  const { CertifiedSigner } = await import("./certified-signer-X6CCKLBU.js");
  const signer = new CertifiedSigner({
    fulcioUrl: config.signing.fulcioUrl,
    identityProvider: { getToken: async () => token }
  });
  const certificatePem = await signer.certificatePem();
  const subject = readCertificateSubject(certificatePem);
  return {
    signer,
    verification: new CertificateVerification(subject, { trustedRoot: await root, expectLog }),
    description: { mode: "keyless", certificateIdentity: subject.san, certificateIssuer: subject.issuer }
  };
}
function createEphemeralSigning() {
  const privateKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  const publicKey = createPublicKey(privateKey);
  return {
    signer: new KeySigner(privateKey),
    verification: new KeyVerification(publicKey, { expectLog: false }),
    description: { mode: "dry-run" }
  };
}

// src/signing-services.ts
async function createGate(config, { registries, githubToken }, context, trustedRoot) {
  const { provenance } = config;
  const sources = provenance.mode === "off" ? [] : (await import("./all-sources-7DLLXOW2.js")).createSources(provenance, {
    registries,
    githubToken,
    context,
    trustedRoot
  });
  return new ProvenanceGate(provenance, sources, {
    serverUrl: context.serverUrl,
    repository: context.repository,
    runId: context.runId
  });
}
async function loadWitnesses(tlog, tsaUrl) {
  if (!tlog && !tsaUrl) return () => [];
  return (await import("./witnesses-PMZGF3KO.js")).witnessesFor(tlog, tsaUrl);
}
async function createReleasePublisher(context, { mode, githubToken }) {
  const [{ GitHubReleasePublisher, PlannedReleasePublisher }, { ReleaseApi }] = await Promise.all([
    import("./release-publisher-A6VG7ECE.js"),
    import("./release-api-MMXBWNNI.js")
  ]);
  if (mode.dryRun) return new PlannedReleasePublisher();
  const where = { ref: context.ref, repository: context.repository, apiUrl: context.apiUrl };
  return new GitHubReleasePublisher(
    new ReleaseApi({ apiUrl: context.apiUrl, repository: context.repository, token: githubToken }),
    where
  );
}
async function createServices(given, context, environment, session) {
  const { registries, mode } = session;
  const config = mode.dryRun ? given : await withServicesFromTuf(given, context.tempDir);
  const trustedRoot = createTrustedRootSource(config.trust, context.tempDir);
  const signing = mode.dryRun ? createEphemeralSigning() : await createSigning(config, environment, trustedRoot);
  const tlog = mode.dryRun ? void 0 : config.tlog;
  const tsaUrl = mode.dryRun ? void 0 : config.tsaUrl;
  const requireLogEntry = tlog !== void 0;
  const witnesses = await loadWitnesses(tlog, tsaUrl);
  const serviceUrls = {
    rekorUrl: tlog?.rekorUrl,
    tsaUrl,
    fromSigningConfig: config.signingConfigPath !== void 0
  };
  const publishing = { registries, verification: signing.verification, requireLogEntry };
  const readBack = config.verify ? new ReadBack({ registries, verification: signing.verification }) : void 0;
  const bundleFiles = mode.dryRun ? void 0 : new BundleFiles(context.tempDir);
  const forRunMode = (writer) => bundleFiles ? new BundleFilingWriter(writer, bundleFiles) : new PlanningWriter(writer);
  const writers = [];
  if (config.formats.includes("bundle")) {
    writers.push(
      forRunMode(
        new BundleFormatWriter(
          withServiceErrors(
            new import_dsse.DSSEBundleBuilder({ signer: signing.signer, witnesses: witnesses("dsse") }),
            serviceUrls
          ),
          new BundleReferrerPublisher(publishing),
          config.annotations
        )
      )
    );
  }
  if (config.formats.includes("legacy")) {
    writers.push(
      forRunMode(
        new LegacyFormatWriter(
          withServiceErrors(
            new import_message.MessageSignatureBundleBuilder({ signer: signing.signer, witnesses: witnesses() }),
            serviceUrls
          ),
          new LegacySigPublisher(publishing),
          config.annotations
        )
      )
    );
  }
  return {
    services: {
      resolver: {
        resolve: (image) => resolveTargets(image, registries, {
          recursive: config.recursive,
          attestationManifests: config.signAttestationManifests,
          ...config.registry.signatureRepository ? { signatureRepository: config.registry.signatureRepository } : {}
        }),
        resolveTag: (tag) => resolveTag(tag, registries)
      },
      gate: await createGate(config, session, context, trustedRoot),
      ...readBack ? { readBack } : {},
      writers
    },
    signer: signing.description,
    config,
    ...bundleFiles ? { bundleFiles } : {},
    files: {
      // A message signature is logged as a hashedrekord: Rekor's default entry type for it.
      builder: new FileBundleBuilder({ signer: signing.signer, witnesses: witnesses(), serviceUrls }),
      signerKey: signing.signer.publicKey,
      verification: signing.verification,
      store: mode.dryRun ? new RecordingBundleStore() : fileBundleStore,
      ...config.files.uploadToRelease ? { release: await createReleasePublisher(context, session) } : {},
      planned: mode.dryRun
    }
  };
}
export {
  createServices
};
