import * as core from '@actions/core';
import { readRunContext } from './github/context.ts';
import { readConfig, runnerInputs } from './inputs.ts';
import { failRun, run } from './main.ts';

try {
  await run(readConfig(runnerInputs), readRunContext(), {
    maskSecret: runnerInputs.mask,
    requestIdToken: (audience) => core.getIDToken(audience),
  });
} catch (err) {
  failRun(err);
}
