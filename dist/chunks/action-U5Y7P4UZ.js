import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  failRun,
  readConfig,
  readRunContext,
  run
} from "./chunk-RVFLUDZ4.js";
import {
  runnerInputs
} from "./chunk-52AK4WLI.js";
import "./chunk-JAPZTCMX.js";
import "./chunk-WNP2YQGZ.js";
import {
  getIDToken,
  setOutput,
  summary
} from "./chunk-LMQWMM6Z.js";
import "./chunk-GH2KDIQR.js";
import "./chunk-N7EGBGJV.js";
import "./chunk-QTQ7SQXG.js";
import "./chunk-HP6BEGDZ.js";
import "./chunk-QPCBZ6UT.js";
import "./chunk-NWSDUPZQ.js";
import "./chunk-JY6FLE2X.js";
import "./chunk-H2DIHPZJ.js";
import {
  __name
} from "./chunk-VUPAT57E.js";

// src/report/sinks.ts
var actionsSink = {
  async write(outputs, summaryMarkdown) {
    for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
    if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(summaryMarkdown).write();
  }
};

// src/action.ts
try {
  await run(readConfig(runnerInputs), readRunContext(), {
    maskSecret: runnerInputs.mask,
    requestIdToken: /* @__PURE__ */ __name((audience) => getIDToken(audience), "requestIdToken"),
    sink: actionsSink
  });
} catch (err) {
  await failRun(err, actionsSink);
}
