import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isOwnContentEvent,
  readNamedKey
} from "./chunks/chunk-WNP2YQGZ.js";
import {
  startReadingKeyEarly
} from "./chunks/chunk-LNFJCBG2.js";
import "./chunks/chunk-QPCBZ6UT.js";
import "./chunks/chunk-JY6FLE2X.js";
import {
  __name
} from "./chunks/chunk-VUPAT57E.js";

// src/early-key.ts
var runnerInput = /* @__PURE__ */ __name((env) => (name) => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim(), "runnerInput");
function startKeyForRun(env, start = startReadingKeyEarly) {
  const input = runnerInput(env);
  if (!["", "key"].includes(input("signing").toLowerCase())) return;
  if (input("dry-run").toLowerCase() === "true" || !isOwnContentEvent(env.GITHUB_EVENT_NAME ?? "")) return;
  const { keyPem, password } = readNamedKey({ get: input, env: /* @__PURE__ */ __name((name) => env[name], "env") });
  if (keyPem.includes("-----BEGIN ")) start(keyPem, password);
}
__name(startKeyForRun, "startKeyForRun");

// src/index.ts
startKeyForRun(process.env);
await import("./chunks/action-U5Y7P4UZ.js");
