import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __name
} from "./chunk-VUPAT57E.js";

// src/errors.ts
var SignerError = class extends Error {
  static {
    __name(this, "SignerError");
  }
  code;
  cause;
  constructor(code, message, cause) {
    super(message);
    this.name = "SignerError";
    this.code = code;
    this.cause = cause;
  }
};
function isSignerError(err) {
  return err instanceof SignerError;
}
__name(isSignerError, "isSignerError");
function describeCause(err) {
  if (err instanceof Error) return err.message;
  return String(err);
}
__name(describeCause, "describeCause");

export {
  SignerError,
  isSignerError,
  describeCause
};
