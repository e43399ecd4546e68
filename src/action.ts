// The action as the runner runs it (loaded by index.ts once the key derivation has started).
import * as core from '@actions/core';
import { readRunContext } from './github/context.ts';
import { readConfig, runnerInputs } from './inputs.ts';
import { failRun, run } from './main.ts';
import { actionsSink } from './report/sinks.ts';

try {
  await run(await readConfig(runnerInputs), readRunContext(), {
    maskSecret: runnerInputs.mask,
    requestIdToken: (audience) => core.getIDToken(audience),
    sink: actionsSink,
  });
} catch (err) {
  await failRun(err, actionsSink);
}
