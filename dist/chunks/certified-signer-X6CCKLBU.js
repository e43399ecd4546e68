import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_dist as require_dist2
} from "./chunk-6TIXHIZI.js";
import {
  KeySigner
} from "./chunk-42YRMRYZ.js";
import {
  SIGSTORE_FETCH
} from "./chunk-NSXMDW7H.js";
import {
  require_dist
} from "./chunk-SP7IUJ36.js";
import "./chunk-TZI5A7QG.js";
import "./chunk-3NDHDPJB.js";
import {
  SignerError
} from "./chunk-3XRRZSWV.js";
import "./chunk-EKZUNHQP.js";
import "./chunk-A5JLINTH.js";
import "./chunk-6737T3ZJ.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/sigstore/certified-signer.ts
var import_core = __toESM(require_dist(), 1);
var import_sign = __toESM(require_dist2(), 1);
import { generateKeyPairSync } from "node:crypto";
var CERTIFICATE_REUSE_MS = 5 * 60 * 1e3;
var CertifiedSigner = class {
  keySigner = new KeySigner(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey);
  fulcio;
  certificate;
  publicKey = this.keySigner.publicKey;
  constructor(options) {
    this.fulcio = new import_sign.FulcioSigner({
      fulcioBaseURL: options.fulcioUrl,
      identityProvider: options.identityProvider,
      keyHolder: this.keySigner,
      ...SIGSTORE_FETCH
    });
  }
  /** The leaf certificate (PEM) for this run's key, asked of Fulcio once. */
  certificatePem() {
    if (!this.certificate || Date.now() - this.certificate.issuedAt > CERTIFICATE_REUSE_MS) {
      const pem2 = this.requestCertificate();
      this.certificate = { pem: pem2, issuedAt: Date.now() };
      pem2.catch(() => this.certificate = void 0);
    }
    return this.certificate.pem;
  }
  async sign(data) {
    const certificate = await this.certificatePem();
    const { signature } = await this.keySigner.sign(data);
    return { signature, key: { $case: "x509Certificate", certificate } };
  }
  async signFile(path) {
    const certificate = await this.certificatePem();
    const { sha256, signature } = await this.keySigner.signFile(path);
    return {
      sha256,
      signature: { signature: signature.signature, key: { $case: "x509Certificate", certificate } }
    };
  }
  async requestCertificate() {
    try {
      const signed = await this.fulcio.sign(Buffer.from("release-signer"));
      if (signed.key.$case !== "x509Certificate") throw new Error("Fulcio returned no certificate");
      return import_core.pem.fromDER(import_core.pem.toDER(signed.key.certificate));
    } catch (err) {
      throw toKeylessError(err);
    }
  }
};
function toKeylessError(err) {
  const code = err instanceof import_sign.InternalError ? err.code : void 0;
  if (code === "IDENTITY_TOKEN_PARSE_ERROR") {
    return new SignerError(
      "IDENTITY_TOKEN",
      "The OIDC identity token is not a JWT. Check 'identity-token', or let the runner provide one."
    );
  }
  if (code === "IDENTITY_TOKEN_READ_ERROR") {
    return new SignerError("IDENTITY_TOKEN", "Could not get an OIDC identity token for keyless signing.");
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new SignerError(
    "SIGN_FAILED",
    `Fulcio did not issue a signing certificate: ${detail.split("\n")[0]}. Check 'fulcio-url' and that the token's issuer is one Fulcio trusts.`
  );
}
export {
  CertifiedSigner
};
