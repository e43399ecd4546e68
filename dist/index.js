import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  actionsSink,
  failRun,
  readConfig,
  readRunContext,
  run
} from "./chunks/chunk-LCCIV2LK.js";
import {
  getIDToken,
  runnerInputs
} from "./chunks/chunk-U7U5C7KV.js";
import {
  __name
} from "./chunks/chunk-VUPAT57E.js";

// src/index.ts
try {
  await run(readConfig(runnerInputs), readRunContext(), {
    maskSecret: runnerInputs.mask,
    requestIdToken: /* @__PURE__ */ __name((audience) => getIDToken(audience), "requestIdToken"),
    sink: actionsSink
  });
} catch (err) {
  failRun(err);
}
