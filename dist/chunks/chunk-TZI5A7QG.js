import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  SignerError
} from "./chunk-3XRRZSWV.js";

// src/sigstore/stream-signing.ts
import { createHash, createSign, createVerify } from "node:crypto";
import { createReadStream } from "node:fs";
async function signFileStream(path, privateKey) {
  refuseUnstreamable(privateKey);
  const hash = createHash("sha256");
  const signer = createSign("sha256");
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk);
    signer.update(chunk);
  }
  return { sha256: hash.digest(), signature: signer.sign(privateKey) };
}
async function verifyFileStream(path, publicKey, signature) {
  refuseUnstreamable(publicKey);
  const hash = createHash("sha256");
  const verifier = createVerify("sha256");
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk);
    verifier.update(chunk);
  }
  let verified;
  try {
    verified = verifier.verify(publicKey, signature);
  } catch {
    verified = false;
  }
  return { sha256: hash.digest(), verified };
}
function refuseUnstreamable(key) {
  if (key.asymmetricKeyType === "ed25519" || key.asymmetricKeyType === "ed448") {
    throw new SignerError(
      "KEY_INVALID",
      "Input 'key': an Ed25519 key cannot sign release files ('files', 'goreleaser-files') here: pure Ed25519 needs the whole file in memory. Use an ECDSA P-256 key (cosign generate-key-pair) for files."
    );
  }
}

export {
  signFileStream,
  verifyFileStream
};
