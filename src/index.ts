import { readRunContext } from './github/context.ts';
import { readConfig, runnerInputs } from './inputs.ts';
import { failRun, run } from './main.ts';

try {
  await run(readConfig(runnerInputs), readRunContext(), runnerInputs.mask);
} catch (err) {
  failRun(err);
}
