import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BUNDLE_SUFFIX
} from "./chunk-HUCOVWA7.js";

// src/files/bundle-store.ts
import { readFile, rename, rm, writeFile } from "node:fs/promises";
function bundlePathFor(absolutePath) {
  return `${absolutePath}${BUNDLE_SUFFIX}`;
}
var fileBundleStore = {
  async write(path, json) {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, json, { mode: 420 });
      await rename(temporary, path);
    } finally {
      await rm(temporary, { force: true });
    }
    return readFile(path, "utf8");
  }
};
var RecordingBundleStore = class {
  kept = [];
  async write(path, json) {
    this.kept.push({ path, bytes: Buffer.byteLength(json) });
    return json;
  }
};

export {
  bundlePathFor,
  fileBundleStore,
  RecordingBundleStore
};
