import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  failRun,
  readConfig,
  readRunContext,
  run
} from "./chunks/chunk-J2OUOG36.js";
import {
  getIDToken,
  runnerInputs,
  setOutput,
  summary
} from "./chunks/chunk-RVIAVPIQ.js";
import "./chunks/chunk-JY6FLE2X.js";
import {
  __name
} from "./chunks/chunk-VUPAT57E.js";

// src/report/sinks.ts
var actionsSink = {
  async write(outputs, summaryMarkdown) {
    for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
    if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(summaryMarkdown).write();
  }
};

// src/index.ts
try {
  await run(readConfig(runnerInputs), readRunContext(), {
    maskSecret: runnerInputs.mask,
    requestIdToken: /* @__PURE__ */ __name((audience) => getIDToken(audience), "requestIdToken"),
    sink: actionsSink
  });
} catch (err) {
  await failRun(err, actionsSink);
}
