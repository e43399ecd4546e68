import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_dist as require_dist3
} from "./chunk-6TIXHIZI.js";
import {
  SIGSTORE_FETCH
} from "./chunk-NSXMDW7H.js";
import {
  require_dist as require_dist2
} from "./chunk-SP7IUJ36.js";
import "./chunk-3NDHDPJB.js";
import {
  SignerError
} from "./chunk-3XRRZSWV.js";
import "./chunk-EKZUNHQP.js";
import "./chunk-A5JLINTH.js";
import {
  require_dist
} from "./chunk-6737T3ZJ.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/sigstore/witnesses.ts
var import_sign2 = __toESM(require_dist3(), 1);

// src/sigstore/rekor-v2-witness.ts
var import_core = __toESM(require_dist2(), 1);
var import_protobuf_specs = __toESM(require_dist(), 1);
import { createHash, createPublicKey } from "node:crypto";
var import_sign = __toESM(require_dist3(), 1);
var RekorV2Witness = class {
  log;
  constructor(options) {
    this.log = new import_sign.RekorWitness({ ...options, majorApiVersion: 2 });
  }
  testify(content, publicKey) {
    const key = createPublicKey(publicKey);
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
      throw new SignerError(
        "INPUT_CONFLICT",
        `Rekor v2 logging supports ECDSA P-256 keys only here, and 'key' is ${key.asymmetricKeyType ?? "another type"}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ""}. Use a P-256 key (cosign generate-key-pair makes one), keyless signing, or a Rekor v1 in 'signing-config'.`
      );
    }
    if (content.$case !== "dsseEnvelope") return this.log.testify(content, publicKey);
    const envelope = content.dsseEnvelope;
    const signature = envelope.signatures[0];
    if (!signature) throw new Error("the DSSE envelope has no signature to log");
    const encoding = import_core.dsse.preAuthEncoding(envelope.payloadType, envelope.payload);
    return this.log.testify(
      {
        $case: "messageSignature",
        messageSignature: {
          messageDigest: {
            algorithm: import_protobuf_specs.HashAlgorithm.SHA2_256,
            digest: createHash("sha256").update(encoding).digest()
          },
          signature: signature.sig
        }
      },
      publicKey
    );
  }
};

// src/sigstore/witnesses.ts
function logWitness(tlog, entryType) {
  if (tlog.majorApiVersion === 2)
    return new RekorV2Witness({ rekorBaseURL: tlog.rekorUrl, ...SIGSTORE_FETCH });
  return new import_sign2.RekorWitness({
    rekorBaseURL: tlog.rekorUrl,
    fetchOnConflict: true,
    ...SIGSTORE_FETCH,
    ...entryType ? { entryType } : {}
  });
}
function witnessesFor(tlog, tsaUrl) {
  return (entryType) => [
    ...tlog ? [logWitness(tlog, entryType)] : [],
    ...tsaUrl ? [new import_sign2.TSAWitness({ tsaBaseURL: tsaUrl, ...SIGSTORE_FETCH })] : []
  ];
}
export {
  witnessesFor
};
