#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  cliSink,
  failRun,
  readConfig,
  readRunContext,
  run
} from "./chunks/chunk-LCCIV2LK.js";
import "./chunks/chunk-U7U5C7KV.js";
import {
  __name
} from "./chunks/chunk-VUPAT57E.js";

// src/cli.ts
var USAGE = `release-signer: sign container images as the GitHub Action does, outside Actions.

  release-signer --images <ref@sha256:\u2026> [--images \u2026] [--key env://COSIGN_KEY] [--tlog-upload false] \u2026

Every input of action.yml is a flag of the same name; repeat a flag for list inputs. Keyless signing needs
--identity-token. Outputs are printed as JSON on stdout, the summary on stderr; exit code 1 on any failure.`;
function parseFlags(argv2) {
  const flags = /* @__PURE__ */ new Map();
  for (let i = 0; i < argv2.length; i++) {
    const arg = argv2[i] ?? "";
    if (!arg.startsWith("--"))
      throw new Error(`unexpected argument '${arg}'; flags look like --images <ref>`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq > 0 ? eq : void 0);
    const value = eq > 0 ? arg.slice(eq + 1) : argv2[++i] ?? "";
    flags.set(name, flags.has(name) ? `${flags.get(name)}
${value}` : value);
  }
  return flags;
}
__name(parseFlags, "parseFlags");
var argv = process.argv.slice(2);
if (argv.includes("--help") || argv.length === 0) {
  process.stdout.write(`${USAGE}
`);
} else {
  try {
    const flags = parseFlags(argv);
    const source = {
      get: /* @__PURE__ */ __name((name) => flags.get(name) ?? "", "get"),
      env: /* @__PURE__ */ __name((name) => process.env[name], "env"),
      mask: /* @__PURE__ */ __name(() => void 0, "mask")
    };
    await run(readConfig(source), readRunContext(), {
      maskSecret: source.mask,
      requestIdToken: /* @__PURE__ */ __name(() => Promise.reject(new Error("outside GitHub Actions there is no runner token: pass --identity-token")), "requestIdToken"),
      sink: cliSink
    });
  } catch (err) {
    failRun(err);
  }
}
