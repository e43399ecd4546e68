// The common release, side by side with cosign in one run: N images × P platforms, signed by the action
// and by cosign (once per image, as goreleaser's docker_signs runs it) in turns, `repeats` times, each
// time on fresh images. Two pairs: the action's legacy format against cosign v2.6 (`.sig`), and its bundle
// format against cosign v3's default (bundle referrer). Prints median and spread, and where the action's
// time goes (its own phase timings).
import type { KeyPair } from '../__tests__/harness/cosign.ts';
import type { TestRegistry } from '../__tests__/harness/registry.ts';
import type { Phase } from '../src/util/phase-timings.ts';
import {
  fmt,
  pushImages,
  renderSpread,
  runCosign,
  runTheAction,
  toReferences,
  toSpread,
  type ActionRun,
  type CosignFormat,
  type Spread,
} from './bench-harness.ts';

export interface PairResult {
  readonly format: CosignFormat;
  readonly images: number;
  readonly platforms: number;
  /** Wall seconds of one action run (all images). */
  readonly action: Spread;
  /** Wall seconds of cosign over all images, one process per image. */
  readonly cosign: Spread;
  readonly failures: number;
  readonly actionRuns: readonly ActionRun[];
  /** With BENCH_BASELINE: that build's wall seconds, and this build's minus it, round by round. */
  readonly baseline?: { readonly wall: Spread; readonly difference: Spread };
}

/** Another build of the action (`<checkout>/dist/index.js`), run in the same rounds: a before/after in one minute. */
const BASELINE = process.env.BENCH_BASELINE;

let batch = 0;

/** Runs the action and cosign in turns on fresh images; the action first in odd rounds, cosign in even. */
export async function comparePair(
  registry: TestRegistry,
  keys: KeyPair,
  format: CosignFormat,
  shape: { images: number; platforms: number; repeats: number },
): Promise<PairResult> {
  const actionWalls: number[] = [];
  const cosignWalls: number[] = [];
  const actionRuns: ActionRun[] = [];
  const baselineWalls: number[] = [];
  let failures = 0;
  for (let round = 0; round < shape.repeats; round++) {
    const tag = `${format[0]}${batch++}-`;
    const [forAction, forCosign, forBaseline] = await Promise.all([
      pushImages(registry, `a${tag}`, shape.images, shape.platforms),
      pushImages(registry, `c${tag}`, shape.images, shape.platforms),
      BASELINE ? pushImages(registry, `b${tag}`, shape.images, shape.platforms) : [],
    ]);
    const baselineTurn = async () => {
      if (!BASELINE) return;
      const run = await runTheAction(
        toReferences(registry, `b${tag}`, forBaseline),
        keys,
        { format },
        BASELINE,
      );
      if (run.exitCode !== 0) failures++;
      baselineWalls.push(run.wallS);
    };
    const actionTurn = async () => {
      const run = await runTheAction(toReferences(registry, `a${tag}`, forAction), keys, { format });
      if (run.exitCode !== 0 || run.signed !== shape.images * (shape.platforms + 1)) failures++;
      actionRuns.push(run);
      actionWalls.push(run.wallS);
    };
    const cosignTurn = async () => {
      const started = process.hrtime.bigint();
      for (const reference of toReferences(registry, `c${tag}`, forCosign)) {
        const result = await runCosign(format, reference, keys);
        if (result.exitCode !== 0) failures++;
      }
      cosignWalls.push(Number(process.hrtime.bigint() - started) / 1e9);
    };
    if (round % 2 === 0) {
      await baselineTurn();
      await actionTurn();
      await cosignTurn();
    } else {
      await cosignTurn();
      await actionTurn();
      await baselineTurn();
    }
  }
  const differences = baselineWalls.map((wall, i) => (actionWalls[i] ?? NaN) - wall);
  return {
    format,
    images: shape.images,
    platforms: shape.platforms,
    action: toSpread(actionWalls),
    cosign: toSpread(cosignWalls),
    failures,
    actionRuns,
    ...(BASELINE ? { baseline: { wall: toSpread(baselineWalls), difference: toSpread(differences) } } : {}),
  };
}

const PHASES: readonly Phase[] = [
  'start-up',
  'connect',
  'load-signing',
  'wire',
  'resolve',
  'provenance',
  'sign',
  'write',
  'pause',
  'check',
  'read-back',
  'report',
];

/** Per phase: when it started and how long its span lasted (first start to last end), medians over the runs. */
export function renderBreakdown(runs: readonly ActionRun[]): string[] {
  const lines = ['  phase          starts at   lasts (median over runs; phases of many manifests overlap)'];
  for (const phase of PHASES) {
    const spans = runs.flatMap((run) => run.phases.filter((span) => span.phase === phase));
    if (spans.length === 0) continue;
    const start = toSpread(spans.map((span) => span.startMs));
    const lasts = toSpread(spans.map((span) => span.endMs - span.startMs));
    lines.push(
      `  ${phase.padEnd(14)} ${fmt(start.median, 0).padStart(6)} ms   ${fmt(lasts.median, 0).padStart(5)} ms (${fmt(lasts.min, 0)}–${fmt(lasts.max, 0)})`,
    );
  }
  const wall = toSpread(runs.map((run) => run.wallS * 1000));
  lines.push(`  process exit   ${fmt(wall.median, 0).padStart(6)} ms`);
  return lines;
}

export function renderPair(result: PairResult): string[] {
  const cosignName = result.format === 'legacy' ? 'cosign v2.6 legacy (.sig)' : 'cosign v3 bundle (referrer)';
  const ratio = result.cosign.median / result.action.median;
  return [
    `${result.images} × ${result.platforms} platforms, action ${result.format} vs ${cosignName}${result.failures ? `, ${result.failures} FAILED runs` : ''}`,
    `  action   ${renderSpread(result.action)}`,
    `  cosign   ${renderSpread(result.cosign)}`,
    `  action / cosign = ${fmt(1 / ratio, 2)} (cosign takes ${fmt(ratio, 1)}× as long)`,
    ...(result.baseline
      ? [
          `  baseline ${renderSpread(result.baseline.wall)} (BENCH_BASELINE, same rounds)`,
          `  action − baseline, round by round: ${renderSpread(result.baseline.difference)}`,
        ]
      : []),
    ...renderBreakdown(result.actionRuns),
  ];
}
