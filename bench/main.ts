// `./run bench`: every target of issue 18 beside cosign's figure of the same run (bench/targets.ts).
// `./run bench N P [--repeats=R] [--format=legacy|bundle]`: the small release, N images × P platforms,
// action and cosign in turns R times (default 7), with where the action's time goes.
// The detailed large run (requests per signature, registry CPU) stays `npm run bench:many`.
// BENCH_DIST=<other build>/dist/index.js runs another build of the action; BENCH_BASELINE=<other build>/dist/index.js
// runs it beside this one in the same rounds of the small release (a before/after in one minute).
import { generateKeyPair } from '../__tests__/harness/cosign.ts';
import { startRegistry } from '../__tests__/harness/registry.ts';
import { PASSWORD, type CosignFormat } from './bench-harness.ts';
import { comparePair, renderPair } from './small-release.ts';
import { runTargets } from './targets.ts';

const option = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const [images, platforms] = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--'))
  .map(Number);

if (images === undefined) {
  await runTargets();
} else {
  const repeats = Number(option('repeats') ?? 7);
  const formats: CosignFormat[] = option('format')
    ? [option('format') as CosignFormat]
    : ['legacy', 'bundle'];
  const registry = await startRegistry({ inMemory: true });
  try {
    const keys = await generateKeyPair(PASSWORD, 'cosign2');
    console.log(
      `loopback docker-registry 2.8 (in memory), key signing, tlog off, read-back ${process.env.BENCH_VERIFY ?? 'true'}; ${repeats} rounds`,
    );
    for (const format of formats) {
      const result = await comparePair(registry, keys, format, {
        images,
        platforms: platforms ?? 2,
        repeats,
      });
      console.log(`\n${renderPair(result).join('\n')}`);
    }
  } finally {
    await registry.stop();
  }
}
