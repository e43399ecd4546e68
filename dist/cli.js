#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  failRun,
  readConfig,
  readRunContext,
  run
} from "./chunks/chunk-3PJUCOWL.js";
import "./chunks/chunk-HHVX3UOK.js";
import "./chunks/chunk-LLL7VFGN.js";
import "./chunks/chunk-YSWXQUWQ.js";
import "./chunks/chunk-HUCOVWA7.js";
import "./chunks/chunk-QY3J4THD.js";
import "./chunks/chunk-YWQGZ7NA.js";
import "./chunks/chunk-Y4GPJUWM.js";
import {
  require_dist
} from "./chunks/chunk-VHMCSZIG.js";
import "./chunks/chunk-GZDEPJDF.js";
import "./chunks/chunk-33OM53QW.js";
import "./chunks/chunk-3XRRZSWV.js";
import "./chunks/chunk-EKZUNHQP.js";
import "./chunks/chunk-6737T3ZJ.js";
import {
  __toESM
} from "./chunks/chunk-6DG7BXTN.js";

// src/cli.ts
import { readFileSync } from "node:fs";

// src/cli-flags.ts
var import_yaml = __toESM(require_dist(), 1);
var UsageError = class extends Error {
  name = "UsageError";
};
function firstSentence(description) {
  const text = description.replace(/\s+/g, " ").trim();
  const end = text.search(/\.(\s|$)/);
  return end > 0 ? text.slice(0, end + 1) : text;
}
function readFlagSpecs(actionYml) {
  const inputs = (0, import_yaml.parse)(actionYml).inputs ?? {};
  return Object.entries(inputs).map(([name, input]) => ({
    name,
    defaultValue: String(input.default ?? ""),
    summary: firstSentence(input.description ?? "")
  }));
}
function closest(name, specs2) {
  const bare = (text) => text.replace(/-/g, "");
  return specs2.find((spec) => bare(spec.name) === bare(name))?.name ?? specs2.find((spec) => spec.name.startsWith(name) || name.startsWith(spec.name))?.name;
}
function parseFlags(argv2, specs2) {
  const known = new Set(specs2.map((spec) => spec.name));
  const flags = /* @__PURE__ */ new Map();
  for (let i = 0; i < argv2.length; i++) {
    const arg = argv2[i] ?? "";
    if (!arg.startsWith("--"))
      throw new UsageError(`unexpected argument '${arg}': flags look like --images <ref>`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq > 0 ? eq : void 0);
    if (!known.has(name)) {
      const suggestion = closest(name, specs2);
      throw new UsageError(
        `unknown flag --${name}${suggestion ? `; did you mean --${suggestion}?` : ""} Every flag is an input of action.yml`
      );
    }
    let value;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = argv2[i + 1];
      if (next === void 0 || next.startsWith("--"))
        throw new UsageError(`--${name} needs a value (--${name} <value> or --${name}=<value>)`);
      value = next;
      i++;
    }
    flags.set(name, flags.has(name) ? `${flags.get(name)}
${value}` : value);
  }
  return flags;
}
function renderHelp(specs2) {
  const width = Math.max(...specs2.map((spec) => spec.name.length)) + 4;
  const lines = specs2.map((spec) => {
    const shown = spec.defaultValue.includes("${{") ? "" : spec.defaultValue;
    return `  --${spec.name.padEnd(width)}${spec.summary}${shown ? ` (default: ${shown})` : ""}`;
  });
  return `release-signer: sign container images as the GitHub Action does, outside Actions.

  release-signer --images <registry/repository@sha256:\u2026> [--images \u2026] --key env://COSIGN_KEY [flags]

Outside GitHub Actions:
  - Outputs are one JSON object on stdout; logs and the summary go to stderr. Exit code 1 on any failure,
    2 on a command line it cannot read.
  - Keyless signing needs --identity-token (there is no runner token); --key signs with a key.
  - Nothing says which repository, ref and commit built the images, so the provenance gate needs them:
    --provenance-source-repository owner/repo, --provenance-ref and --provenance-revision (or GITHUB_REPOSITORY,
    GITHUB_REF and GITHUB_SHA), or --provenance off.
  - dry-run auto is a real run (there is no pull request); --github-token is read from GITHUB_TOKEN.
  - A list flag takes one value per flag: --images a --images b.

Flags (every input of action.yml):
${lines.join("\n")}
`;
}

// src/cli.ts
var writeJson = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);
var sink = {
  async write(outputs, summaryMarkdown) {
    process.stderr.write(`
${summaryMarkdown}
`);
    writeJson(`${JSON.stringify(outputs, null, 2)}
`);
  }
};
var specs = readFlagSpecs(readFileSync(new URL("../action.yml", import.meta.url), "utf8"));
var argv = process.argv.slice(2);
if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
  writeJson(renderHelp(specs));
} else {
  let flags;
  try {
    flags = parseFlags(argv, specs);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`release-signer: ${err.message}. See release-signer --help.
`);
    process.exitCode = 2;
  }
  if (flags) {
    const given = flags;
    try {
      const source = {
        get: (name) => given.get(name) ?? "",
        env: (name) => process.env[name],
        mask: () => void 0
      };
      await run(await readConfig(source), readRunContext(), {
        maskSecret: source.mask,
        requestIdToken: () => Promise.reject(new Error("outside GitHub Actions there is no runner token: pass --identity-token")),
        sink
      });
    } catch (err) {
      await failRun(err, sink);
    }
  }
}
