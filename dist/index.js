import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isOwnContentEvent,
  readNamedKey
} from "./chunks/chunk-YWQGZ7NA.js";
import "./chunks/chunk-Y4GPJUWM.js";
import {
  startReadingKeyEarly
} from "./chunks/chunk-FAG6YT7H.js";
import "./chunks/chunk-3XRRZSWV.js";
import "./chunks/chunk-6DG7BXTN.js";

// src/early-key.ts
var runnerInput = (env) => (name) => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
function startKeyForRun(env, start = startReadingKeyEarly) {
  const input = runnerInput(env);
  if (!["", "key"].includes(input("signing").toLowerCase())) return;
  if (input("dry-run").toLowerCase() === "true" || !isOwnContentEvent(env.GITHUB_EVENT_NAME ?? "")) return;
  const { keyPem, password } = readNamedKey({ get: input, env: (name) => env[name] });
  if (keyPem.includes("-----BEGIN ")) start(keyPem, password);
}

// src/index.ts
startKeyForRun(process.env);
await import("./chunks/action-NFAS642E.js");
