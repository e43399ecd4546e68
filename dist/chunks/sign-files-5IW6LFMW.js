import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  bundlePathFor
} from "./chunk-K5BT2SBA.js";
import "./chunk-HUCOVWA7.js";
import {
  mapLimit
} from "./chunk-QY3J4THD.js";
import {
  escapeUntrusted,
  quoteUntrusted
} from "./chunk-Y4GPJUWM.js";
import {
  verifyFileStream
} from "./chunk-TZI5A7QG.js";
import {
  require_dist
} from "./chunk-3NDHDPJB.js";
import {
  SignerError,
  describeCause,
  isSignerError
} from "./chunk-3XRRZSWV.js";
import "./chunk-6737T3ZJ.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/files/sign-files.ts
var import_bundle2 = __toESM(require_dist(), 1);
import { readFile, stat } from "node:fs/promises";
import { basename, relative } from "node:path";

// src/files/file-read-back.ts
var import_bundle = __toESM(require_dist(), 1);
async function toStreamedContent(path, signature, signerKey) {
  const { sha256, verified } = await verifyFileStream(path, signerKey, signature);
  return {
    signature,
    compareSignature: (other) => other.equals(signature),
    compareDigest: (digest) => digest.equals(sha256),
    compareSignedDigest: (digest) => digest.equals(sha256),
    verifySignature: (key) => verified && key.equals(signerKey)
  };
}
async function verifyFileBundle(path, bundleJson, signerKey, verification, where) {
  try {
    const bundle = (0, import_bundle.bundleFromJSON)(JSON.parse(bundleJson));
    if (bundle.content.$case !== "messageSignature") throw new Error("the bundle holds no message signature");
    const content = await toStreamedContent(path, bundle.content.messageSignature.signature, signerKey);
    if (!content.compareDigest(bundle.content.messageSignature.messageDigest.digest))
      throw new Error("the bundle's SHA-256 is not the file's");
    verification.verify(bundle, content);
    return bundle;
  } catch (err) {
    throw new SignerError(
      "READBACK_MISMATCH",
      `${where}: the bundle does not verify against the file (${escapeUntrusted(describeCause(err))}). The file may have changed while it was signed: run again once it is final.`,
      err
    );
  }
}

// src/files/sign-files.ts
async function signFile(file, services, workspace) {
  const bundlePath = bundlePathFor(file.absolutePath);
  const shown = { path: file.path, bundlePath: relative(workspace, bundlePath) };
  const where = `Release file ${quoteUntrusted(file.path)}`;
  let sha256;
  try {
    const kept = await readOwnBundle(bundlePath, file.absolutePath, services);
    if (kept) {
      const asset2 = services.release ? await services.release.publish(basename(bundlePath), kept.json) : void 0;
      return {
        ...shown,
        sha256: kept.sha256,
        status: "already-signed",
        ...kept.logIndex ? { logIndex: kept.logIndex } : {},
        ...asset2 ? { asset: asset2 } : {}
      };
    }
    const signed = await services.builder.create(file.absolutePath).catch((err) => {
      if (isSignerError(err)) throw err;
      throw new SignerError(
        "SIGN_FAILED",
        `${where} could not be read (${escapeUntrusted(describeCause(err))}). Check that it exists and is readable.`,
        err
      );
    });
    sha256 = signed.sha256.toString("hex");
    const json = JSON.stringify((0, import_bundle2.bundleToJSON)(signed.bundle));
    await verifyFileBundle(file.absolutePath, json, services.signerKey, services.verification, where);
    const written = await services.store.write(bundlePath, json);
    if (written !== json)
      throw new SignerError(
        "READBACK_MISMATCH",
        `${where}: ${quoteUntrusted(shown.bundlePath)} does not hold the bundle just written. Another step may be writing it: run again.`
      );
    const logIndex = signed.bundle.verificationMaterial.tlogEntries[0]?.logIndex;
    const asset = services.release ? await services.release.publish(basename(bundlePath), written) : void 0;
    return {
      ...shown,
      sha256,
      status: services.planned ? "planned" : "signed",
      ...logIndex ? { logIndex } : {},
      ...asset ? { asset } : {}
    };
  } catch (err) {
    const error = isSignerError(err) ? err : new SignerError("SIGN_FAILED", `${where}: ${escapeUntrusted(describeCause(err))}.`, err);
    return {
      ...shown,
      ...sha256 ? { sha256 } : {},
      status: "failed",
      error: { code: error.code, message: error.message }
    };
  }
}
var MAX_BUNDLE_BYTES = 1024 * 1024;
async function readOwnBundle(bundlePath, filePath, services) {
  let json;
  try {
    if ((await stat(bundlePath)).size > MAX_BUNDLE_BYTES) return void 0;
    json = await readFile(bundlePath, "utf8");
  } catch {
    return void 0;
  }
  try {
    const bundle = await verifyFileBundle(
      filePath,
      json,
      services.signerKey,
      services.verification,
      filePath
    );
    if (bundle.content.$case !== "messageSignature") return void 0;
    const logIndex = bundle.verificationMaterial.tlogEntries[0]?.logIndex;
    return {
      json,
      sha256: bundle.content.messageSignature.messageDigest.digest.toString("hex"),
      ...logIndex ? { logIndex } : {}
    };
  } catch {
    return void 0;
  }
}
function signFiles(files, services, options) {
  return mapLimit(files, options.concurrency, (file) => signFile(file, services, options.workspace));
}
export {
  signFiles
};
