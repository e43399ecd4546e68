import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  GitHubApiError,
  apiHeaders,
  readCapped,
  send,
  withRetry
} from "./chunk-XEGZVYGZ.js";
import {
  COSIGN_SIGN_PREDICATE,
  EMPTY_ROOT,
  listReferrers,
  parseImageIndex,
  parseImageManifest,
  readCertificateClaims,
  require_dist as require_dist3,
  toLegacyBundle,
  withLegacyWitnesses
} from "./chunk-4SLMKDEX.js";
import "./chunk-HHVX3UOK.js";
import {
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  BUILDKIT_ATTESTATION_MANIFEST,
  BUILDKIT_REFERENCE_DIGEST,
  BUILDKIT_REFERENCE_TYPE,
  COSIGN_CERTIFICATE_ANNOTATION,
  COSIGN_SIMPLE_SIGNING,
  MAX_SMALL_BLOB_BYTES,
  SIGSTORE_BUNDLE_PREFIX,
  isDigest,
  isIndexMediaType,
  parseProvenance,
  sourceRepositoryFor,
  toDigestTag
} from "./chunk-YSWXQUWQ.js";
import "./chunk-QY3J4THD.js";
import "./chunk-Y4GPJUWM.js";
import "./chunk-33OM53QW.js";
import "./chunk-42YRMRYZ.js";
import {
  require_dist
} from "./chunk-SP7IUJ36.js";
import "./chunk-TZI5A7QG.js";
import {
  require_dist as require_dist2
} from "./chunk-3NDHDPJB.js";
import {
  describeCause
} from "./chunk-3XRRZSWV.js";
import "./chunk-6737T3ZJ.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/provenance/sources/registry-source.ts
var RegistryProvenanceSource = class {
  registries;
  verifier;
  constructor(registries, verifier) {
    this.registries = registries;
    this.verifier = verifier;
  }
  find(image, digest) {
    if (!isDigest(digest)) return Promise.resolve([]);
    return this.findIn(this.registries.client(image.registry), image.repository, digest);
  }
};

// src/provenance/sources/buildkit.ts
var IN_TOTO_LAYER = "application/vnd.in-toto+json";
var PREDICATE_TYPE_ANNOTATION = "in-toto.io/predicate-type";
var BuildkitAttestationSource = class extends RegistryProvenanceSource {
  name = "buildkit";
  async findIn(client, repository, digest) {
    const fetched = await client.getManifest(repository, digest);
    if (!fetched || !isIndexMediaType(fetched.mediaType)) return [];
    const attestations = parseImageIndex(fetched.bytes, digest).manifests.filter(
      (entry) => entry.annotations?.[BUILDKIT_REFERENCE_TYPE] === BUILDKIT_ATTESTATION_MANIFEST
    );
    const candidates = [];
    const signer = attestations.length > 0 ? await this.indexSigner(client, repository, digest) : UNSIGNED;
    for (const attestation of attestations) {
      const platformDigest = attestation.annotations?.[BUILDKIT_REFERENCE_DIGEST];
      if (!platformDigest) continue;
      const manifest = await client.getManifest(repository, attestation.digest);
      if (!manifest) continue;
      for (const layer of parseImageManifest(manifest.bytes, attestation.digest).layers) {
        if (layer.mediaType !== IN_TOTO_LAYER) continue;
        const predicateType = layer.annotations?.[PREDICATE_TYPE_ANNOTATION];
        const statement = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
        try {
          candidates.push({
            source: "buildkit",
            digest: platformDigest,
            provenance: parseProvenance(statement),
            signer
          });
        } catch (err) {
          candidates.push({
            source: "buildkit",
            digest: platformDigest,
            unreadable: `${predicateType ?? "in-toto"} statement ${layer.digest}: ${describeCause(err)}`
          });
        }
      }
    }
    return candidates;
  }
  /** The signer of the first cosign signature (`.sig`) on the index that verifies, if any. */
  async indexSigner(client, repository, digest) {
    const tag = toDigestTag(digest, ".sig");
    const fetched = await client.findTagged(repository, tag);
    if (!fetched) return UNSIGNED;
    for (const layer of parseImageManifest(fetched.bytes, tag).layers.slice(0, MAX_SIGNATURES_READ)) {
      if (layer.mediaType !== COSIGN_SIMPLE_SIGNING) continue;
      let payload;
      let claims;
      try {
        payload = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
        claims = JSON.parse(payload.toString("utf8"));
      } catch {
        continue;
      }
      if (claims.critical?.image?.["docker-manifest-digest"] !== digest) continue;
      const verdict = await this.verifier.signerOf(
        toLegacyBundle(payload, layer.annotations ?? {}, true),
        payload
      );
      if ("signer" in verdict) return verdict.signer;
    }
    return UNSIGNED;
  }
};
var UNSIGNED = { kind: "unsigned" };
var MAX_SIGNATURES_READ = 16;

// src/provenance/sources/cosign-att.ts
var import_bundle = __toESM(require_dist2(), 1);
var import_core = __toESM(require_dist(), 1);
var DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
var MAX_LAYERS_READ = 32;
var CosignAttestationSource = class extends RegistryProvenanceSource {
  name = "cosign";
  async findIn(client, repository, digest) {
    const tag = toDigestTag(digest, ".att");
    const fetched = await client.findTagged(repository, tag);
    if (!fetched) return [];
    const layers = parseImageManifest(fetched.bytes, tag).layers.filter(
      (layer) => layer.mediaType === DSSE_ENVELOPE
    );
    const entries = [];
    for (const layer of layers.slice(0, MAX_LAYERS_READ)) {
      let envelope;
      let payload;
      let provenance;
      try {
        const blob = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
        envelope = JSON.parse(blob.toString("utf8"));
        payload = Buffer.from(envelope.payload ?? "", "base64");
        provenance = parseProvenance(payload);
      } catch (err) {
        entries.push({
          source: "cosign",
          digest,
          unreadable: `${tag} layer ${layer.digest}: ${describeCause(err)}`
        });
        continue;
      }
      const annotations = layer.annotations ?? {};
      const certificate = annotations[COSIGN_CERTIFICATE_ANNOTATION];
      const bundle = withLegacyWitnesses(
        (0, import_bundle.toDSSEBundle)({
          artifact: payload,
          artifactType: envelope.payloadType ?? "",
          signature: Buffer.from(envelope.signatures?.[0]?.sig ?? "", "base64"),
          ...certificate ? { certificate: import_core.pem.toDER(certificate), certificateChain: false } : { keyHint: "provenance-key" }
        }),
        annotations,
        true
      );
      const verdict = await this.verifier.signerOf(bundle);
      entries.push({
        source: "cosign",
        digest,
        provenance,
        ..."signer" in verdict ? { signer: verdict.signer } : { signer: { kind: "unsigned" }, signatureError: verdict.error }
      });
    }
    return entries;
  }
};

// src/provenance/sources/referrers.ts
var import_bundle2 = __toESM(require_dist2(), 1);
var MAX_REFERRERS_READ = 32;
var ReferrerBundleSource = class extends RegistryProvenanceSource {
  name = "referrers";
  async findIn(client, repository, digest) {
    const entries = (await listReferrers(client, repository, digest)).filter(
      (entry) => entry.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE] !== COSIGN_SIGN_PREDICATE
    );
    const found = [];
    for (const entry of entries.slice(0, MAX_REFERRERS_READ)) {
      let json;
      try {
        const fetched = await client.getManifest(repository, entry.digest);
        if (!fetched) continue;
        const manifest = parseImageManifest(fetched.bytes, `${repository}@${entry.digest}`);
        const layer = manifest.layers[0];
        if (manifest.layers.length !== 1 || !layer?.mediaType.startsWith(SIGSTORE_BUNDLE_PREFIX)) continue;
        if (manifest.annotations?.[ANNOTATION_BUNDLE_PREDICATE_TYPE] === COSIGN_SIGN_PREDICATE) continue;
        json = await client.getBlob(repository, layer.digest, MAX_SMALL_BLOB_BYTES);
      } catch (err) {
        found.push({
          source: "referrers",
          digest,
          unreadable: `referrer ${entry.digest}: ${describeCause(err)}`
        });
        continue;
      }
      found.push(await toCandidate("referrers", digest, json, this.verifier));
    }
    return found;
  }
};
async function toCandidate(source, digest, json, verifier) {
  let bundle;
  let provenance;
  try {
    bundle = (0, import_bundle2.bundleFromJSON)(Buffer.isBuffer(json) ? JSON.parse(json.toString("utf8")) : json);
    if (bundle.content.$case !== "dsseEnvelope")
      return { source, digest, unreadable: "a Sigstore bundle that is not a DSSE attestation" };
    provenance = parseProvenance(bundle.content.dsseEnvelope.payload);
  } catch (err) {
    return { source, digest, unreadable: `unreadable bundle: ${describeCause(err)}` };
  }
  const verdict = await verifier.signerOf(bundle);
  return "signer" in verdict ? { source, digest, provenance, signer: verdict.signer } : { source, digest, provenance, signer: { kind: "unsigned" }, signatureError: verdict.error };
}

// src/provenance/sources/github-api.ts
var MAX_PAGES = 5;
var MAX_PAGE_BYTES = 32 * 1024 * 1024;
async function getPage(url, token) {
  const response = await send(url, { headers: apiHeaders(token) });
  return {
    json: JSON.parse((await readCapped(response, MAX_PAGE_BYTES)).toString("utf8")),
    link: response.headers.get("link") ?? ""
  };
}
function bundlesOf(json) {
  const attestations = json?.attestations;
  if (!Array.isArray(attestations)) return [];
  return attestations.map((attestation) => attestation?.bundle).filter((bundle) => typeof bundle === "object" && bundle !== null);
}
var GitHubAttestationSource = class {
  name = "github";
  options;
  verifier;
  constructor(options, verifier) {
    this.options = options;
    this.verifier = verifier;
  }
  async find(image, digest) {
    const [owner = "", repo = ""] = this.options.repository(image).split("/");
    const bundles = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const url = new URL(
        `${this.options.apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/attestations/${encodeURIComponent(digest)}`
      );
      url.searchParams.set("per_page", "100");
      url.searchParams.set("page", String(page));
      let answer;
      try {
        answer = await withRetry(() => getPage(url, this.options.token));
      } catch (err) {
        if (err instanceof GitHubApiError && err.status === 404) break;
        throw new Error(`GitHub attestations API for ${owner}/${repo}: ${describeCause(err)}`, {
          cause: err
        });
      }
      bundles.push(...bundlesOf(answer.json));
      if (!/rel="next"/.test(answer.link)) break;
    }
    return Promise.all(bundles.map((bundle) => toCandidate("github", digest, bundle, this.verifier)));
  }
};

// src/provenance/sources/verify.ts
var import_core2 = __toESM(require_dist(), 1);
import { createPublicKey } from "node:crypto";
var import_verify = __toESM(require_dist3(), 1);
var ProvenanceVerifier = class {
  trust;
  publicKey;
  verifier;
  keyVerifiers = /* @__PURE__ */ new Map();
  constructor(trust) {
    this.trust = trust;
    this.publicKey = trust.publicKeyPem ? createPublicKey(trust.publicKeyPem) : void 0;
  }
  /** Who signed the bundle, or the reason it does not verify. */
  async signerOf(bundle, artifact) {
    try {
      const material = bundle.verificationMaterial.content;
      if (material.$case === "publicKey") {
        if (!this.publicKey) return { error: "signed with a key, and no 'provenance-key' was given" };
        (await this.keyVerifier(bundle.verificationMaterial.tlogEntries.length > 0)).verify(
          (0, import_verify.toSignedEntity)(bundle, artifact)
        );
        return { signer: { kind: "key" } };
      }
      (await this.keylessVerifier()).verify((0, import_verify.toSignedEntity)(bundle, artifact));
      const der = material.$case === "certificate" ? material.certificate.rawBytes : material.x509CertificateChain.certificates[0]?.rawBytes;
      if (!der) return { error: "no certificate in the bundle" };
      const certificate = import_core2.X509Certificate.parse(Buffer.from(der));
      return { signer: { kind: "keyless", claims: readCertificateClaims(certificate) } };
    } catch (err) {
      return { error: describeCause(err) };
    }
  }
  keylessVerifier() {
    this.verifier ??= this.trust.trustedRoot().then(
      (root) => new import_verify.Verifier((0, import_verify.toTrustMaterial)(root), { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 })
    );
    return this.verifier;
  }
  /** One verifier per kind (with or without the log checked), made when first needed. */
  keyVerifier(withLog) {
    const made = this.keyVerifiers.get(withLog);
    if (made) return made;
    const publicKey = this.publicKey;
    const keys = () => ({ publicKey, validFor: () => true });
    const verifier = (withLog ? this.trust.trustedRoot() : Promise.resolve(EMPTY_ROOT)).then(
      (root) => new import_verify.Verifier((0, import_verify.toTrustMaterial)(root, keys), {
        tlogThreshold: 0,
        ctlogThreshold: 0,
        timestampThreshold: 0
      })
    );
    this.keyVerifiers.set(withLog, verifier);
    return verifier;
  }
};

// src/provenance/sources/all-sources.ts
function createSources(provenance, { registries, githubToken, context, trustedRoot }) {
  const verifier = new ProvenanceVerifier({
    trustedRoot,
    ...provenance.publicKeyPem ? { publicKeyPem: provenance.publicKeyPem } : {}
  });
  const byName = {
    cosign: () => new CosignAttestationSource(registries, verifier),
    referrers: () => new ReferrerBundleSource(registries, verifier),
    github: () => new GitHubAttestationSource(
      {
        apiUrl: context.apiUrl,
        token: githubToken,
        repository: (image) => sourceRepositoryFor(provenance, image)
      },
      verifier
    ),
    buildkit: () => new BuildkitAttestationSource(registries, verifier)
  };
  return provenance.sources.map((name) => byName[name]());
}
export {
  createSources
};
