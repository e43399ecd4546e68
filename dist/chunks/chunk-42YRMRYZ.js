import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  signFileStream
} from "./chunk-TZI5A7QG.js";

// src/sigstore/key-signer.ts
import { createHash, createPublicKey, sign } from "node:crypto";
var KeySigner = class {
  publicKeyPem;
  publicKey;
  key;
  hash;
  hint;
  constructor(key) {
    this.key = key;
    const publicKey = createPublicKey(key);
    this.publicKey = publicKey;
    this.publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    this.hint = createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("base64");
    this.hash = hashForKey(key);
  }
  async sign(data) {
    return { signature: sign(this.hash, data, this.key), key: this.keyMaterial() };
  }
  async signFile(path) {
    const { sha256, signature } = await signFileStream(path, this.key);
    return { sha256, signature: { signature, key: this.keyMaterial() } };
  }
  keyMaterial() {
    return { $case: "publicKey", publicKey: this.publicKeyPem, hint: this.hint };
  }
};
function hashForKey(key) {
  return key.asymmetricKeyType === "ed25519" ? null : "sha256";
}

export {
  KeySigner,
  hashForKey
};
