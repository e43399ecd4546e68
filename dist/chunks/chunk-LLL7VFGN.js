import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  escapeUntrusted,
  quoteUntrusted
} from "./chunk-Y4GPJUWM.js";
import {
  getInput,
  setSecret
} from "./chunk-GZDEPJDF.js";
import {
  SignerError,
  describeCause
} from "./chunk-3XRRZSWV.js";
import {
  require_dist
} from "./chunk-6737T3ZJ.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/input-source.ts
var runnerInputs = {
  get: (name) => getInput(name),
  env: (name) => process.env[name],
  mask: (secret) => setSecret(secret)
};
function invalid(name, why, fix) {
  return new SignerError("INPUT_INVALID", `Input '${name}': ${why}. ${fix}`);
}
function maskSecret(source, value) {
  if (!value) return;
  source.mask(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) source.mask(line.trim());
}
function readList(source, name) {
  return source.get(name).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
}
function readBoolean(source, name, fallback) {
  const value = source.get(name).trim().toLowerCase();
  if (value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalid(name, `${quoteUntrusted(value)} is not a boolean`, "Use 'true' or 'false'");
}
function readPositiveInt(source, name, fallback, max) {
  const value = source.get(name).trim();
  if (value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
    throw invalid(
      name,
      `${quoteUntrusted(value)} is not a whole number from 1 to ${max}`,
      `Set it between 1 and ${max}`
    );
  }
  return parsed;
}
function readUrl(source, name, fallback) {
  const value = source.get(name).trim() || fallback;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw invalid(
      name,
      `${quoteUntrusted(value)} is not a URL`,
      "Give the base URL, e.g. https://rekor.sigstore.dev"
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalid(
      name,
      `${quoteUntrusted(value)} is not an http(s) URL`,
      "Give the base URL, e.g. https://rekor.sigstore.dev"
    );
  }
  return value.replace(/\/+$/, "");
}
function readItems(source, name, fallback) {
  const items = source.get(name).split(/[,\n]/).map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : [...fallback];
}
function readMatcher(source, name) {
  const exact = source.get(name).trim();
  const regex = source.get(`${name}-regex`).trim();
  if (exact && regex)
    throw new SignerError(
      "INPUT_CONFLICT",
      `Inputs '${name}' and '${name}-regex' conflict. Set one of them.`
    );
  if (exact) return { exact };
  if (!regex) return void 0;
  try {
    new RegExp(regex);
  } catch {
    throw invalid(
      `${name}-regex`,
      `${quoteUntrusted(regex)} is not a valid regular expression`,
      "Write a JavaScript regular expression, anchored with ^ and $"
    );
  }
  return { regex };
}

// src/sigstore/signing-config.ts
var import_protobuf_specs = __toESM(require_dist(), 1);
import { readFileSync } from "node:fs";
var MAX_SIGNING_CONFIG_BYTES = 256 * 1024;
var MAX_API_VERSION = { ca: 1, tlog: 2, tsa: 1 };
var INPUT = "signing-config";
function refuse(path, why) {
  return new SignerError(
    "INPUT_INVALID",
    `Input '${INPUT}': ${quoteUntrusted(path)} ${why}. Give the path of a signing_config.json as 'cosign signing-config create' writes it.`
  );
}
function choose(services, maxApiVersion, now) {
  const usable = services.filter(
    (service) => service.majorApiVersion >= 1 && service.majorApiVersion <= maxApiVersion && (!service.validFor?.start || service.validFor.start <= now) && (!service.validFor?.end || service.validFor.end >= now)
  );
  const start = (service) => service.validFor?.start?.getTime() ?? 0;
  return usable.sort((a, b) => b.majorApiVersion - a.majorApiVersion || start(b) - start(a))[0];
}
function checkSelector(path, what, selector, count) {
  if (selector === void 0 || selector === import_protobuf_specs.ServiceSelector.ANY) return;
  if (selector === import_protobuf_specs.ServiceSelector.EXACT && count === 1) return;
  throw refuse(
    path,
    `asks for ${selector === import_protobuf_specs.ServiceSelector.ALL ? "every" : `${count}`} ${what} per signature; release-signer uses one (set its selector to ANY or EXACT:1)`
  );
}
function readSigningConfig(path, now = /* @__PURE__ */ new Date()) {
  let text;
  try {
    text = readFileSync(path);
  } catch (err) {
    throw refuse(path, `is not a readable signing_config.json (${escapeUntrusted(describeCause(err))})`);
  }
  return parseSigningConfig(text, path, now);
}
function parseSigningConfig(text, where, now = /* @__PURE__ */ new Date()) {
  let config;
  try {
    if (text.length > MAX_SIGNING_CONFIG_BYTES)
      throw new Error(`larger than ${MAX_SIGNING_CONFIG_BYTES} bytes`);
    config = import_protobuf_specs.SigningConfig.fromJSON(JSON.parse(text.toString("utf8")));
  } catch (err) {
    throw refuse(where, `is not a readable signing_config.json (${escapeUntrusted(describeCause(err))})`);
  }
  const ca = choose(config.caUrls, MAX_API_VERSION.ca, now);
  const log = choose(config.rekorTlogUrls, MAX_API_VERSION.tlog, now);
  const tsa = choose(config.tsaUrls, MAX_API_VERSION.tsa, now);
  if (config.rekorTlogUrls.length > 0 && !log)
    throw refuse(where, "lists no Rekor valid now with API version 1 or 2");
  if (config.tsaUrls.length > 0 && !tsa)
    throw refuse(where, "lists no timestamp authority valid now with API version 1");
  if (log) checkSelector(where, "log", config.rekorTlogConfig?.selector, config.rekorTlogConfig?.count ?? 0);
  if (tsa)
    checkSelector(where, "timestamp authority", config.tsaConfig?.selector, config.tsaConfig?.count ?? 0);
  return {
    ...ca ? { fulcioUrl: ca.url } : {},
    ...log ? { tlog: { rekorUrl: log.url, majorApiVersion: log.majorApiVersion === 2 ? 2 : 1 } } : {},
    ...tsa ? { tsaUrl: tsa.url } : {}
  };
}
function refuseLegacyWithRekorV2(formats, tlog) {
  if (tlog?.majorApiVersion !== 2 || !formats.includes("legacy")) return;
  throw new SignerError(
    "INPUT_CONFLICT",
    `Inputs '${INPUT}' (a Rekor v2 log) and 'signature-format: ${formats.length > 1 ? "both" : "legacy"}' conflict: cosign's legacy .sig format cannot carry a Rekor v2 entry, and cosign v3 signs it only as a bundle. Set 'signature-format: bundle', or choose a Rekor v1 in the signing config.`
  );
}

// src/subjects/subject.ts
function hasImages(subjects) {
  return subjects.images.length > 0 || subjects.tagsToResolve.length > 0;
}
function dedupeImages(images) {
  const byKey = /* @__PURE__ */ new Map();
  for (const image of images) {
    const key = `${image.registry}/${image.repository}@${image.digest}`;
    const existing = byKey.get(key);
    const tags = [
      .../* @__PURE__ */ new Set([
        ...existing?.tags ?? (existing?.tag ? [existing.tag] : []),
        ...image.tags ?? (image.tag ? [image.tag] : [])
      ])
    ];
    const first = existing ?? image;
    byKey.set(key, { ...first, ...tags[0] ? { tag: tags[0], tags } : {} });
  }
  return [...byKey.values()];
}

export {
  runnerInputs,
  invalid,
  maskSecret,
  readList,
  readBoolean,
  readPositiveInt,
  readUrl,
  readItems,
  readMatcher,
  readSigningConfig,
  parseSigningConfig,
  refuseLegacyWithRekorV2,
  hasImages,
  dedupeImages
};
