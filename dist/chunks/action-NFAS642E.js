import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  failRun,
  readConfig,
  readRunContext,
  run
} from "./chunk-3PJUCOWL.js";
import "./chunk-HHVX3UOK.js";
import {
  runnerInputs
} from "./chunk-LLL7VFGN.js";
import "./chunk-YSWXQUWQ.js";
import "./chunk-HUCOVWA7.js";
import "./chunk-QY3J4THD.js";
import "./chunk-YWQGZ7NA.js";
import "./chunk-Y4GPJUWM.js";
import {
  getIDToken,
  setOutput,
  summary
} from "./chunk-GZDEPJDF.js";
import "./chunk-33OM53QW.js";
import "./chunk-3XRRZSWV.js";
import "./chunk-EKZUNHQP.js";
import "./chunk-6737T3ZJ.js";
import "./chunk-6DG7BXTN.js";

// src/report/sinks.ts
var actionsSink = {
  async write(outputs, summaryMarkdown) {
    for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
    if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(summaryMarkdown).write();
  }
};

// src/action.ts
try {
  await run(await readConfig(runnerInputs), readRunContext(), {
    maskSecret: runnerInputs.mask,
    requestIdToken: (audience) => getIDToken(audience),
    sink: actionsSink
  });
} catch (err) {
  await failRun(err, actionsSink);
}
