import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/errors.ts
var SignerError = class extends Error {
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
function describeCause(err) {
  if (err instanceof Error) return err.message;
  return String(err);
}

export {
  SignerError,
  isSignerError,
  describeCause
};
