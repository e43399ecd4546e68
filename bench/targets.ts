// `./run bench` with no arguments: every target of issue 18 ("Fast at every size"), each beside the figure
// cosign gives in the same run, with pass or fail. Timings are figures, not assertions: on a shared or
// loaded machine compare the action with cosign of the same run, not with the targets' absolute numbers.
// BENCH_REPEATS (default 7) sets the rounds of the small release. BENCH_ONLY=small,forty,memory,cold,referrers
// runs only the targets named (a quicker loop while working on one of them).
import { generateKeyPair, type KeyPair } from '../__tests__/harness/cosign.ts';
import { startReferrersRegistry, startRegistry, type TestRegistry } from '../__tests__/harness/registry.ts';
import {
  ACTION_ENTRY,
  PASSWORD,
  actionEnv,
  fmt,
  measure,
  pushImages,
  runCosign,
  runTheAction,
  timeToFirstRequest,
  toReferences,
  toSpread,
  type ActionFormat,
  type CosignFormat,
  type Spread,
} from './bench-harness.ts';
import { comparePair, renderPair, type PairResult } from './small-release.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Row {
  readonly target: string;
  readonly measured: string;
  readonly cosign: string;
  readonly pass: boolean;
}

const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
/** Runs of the 40-image release and of the cold start. */
const SMALL_REPEATS = 3;
const COLD_START_RUNS = 7;
/** cosign signs this many of the 250 images of the large run; its time for all 250 is extrapolated. */
const COSIGN_SAMPLE = 3;

const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
/** Whether this run measures the target group `name` (all of them unless BENCH_ONLY names some). */
const measures = (name: 'small' | 'forty' | 'memory' | 'cold' | 'referrers'): boolean =>
  ONLY === undefined || ONLY.includes(name);

let pushed = 0;
const freshPrefix = (name: string): string => `${name}${pushed++}-`;

/** Wall seconds of the action over `count` fresh images, `runs` times. */
async function actionOver(
  registry: TestRegistry,
  keys: KeyPair,
  shape: { count: number; platforms: number; runs: number; format: ActionFormat },
): Promise<{ wall: Spread; peakRssMb: number; failures: number }> {
  const walls: number[] = [];
  let peakRssMb = 0;
  let failures = 0;
  for (let run = 0; run < shape.runs; run++) {
    const prefix = freshPrefix('t');
    const indexes = await pushImages(registry, prefix, shape.count, shape.platforms);
    const result = await runTheAction(toReferences(registry, prefix, indexes), keys, {
      format: shape.format,
    });
    if (result.exitCode !== 0 || result.signed !== shape.count * (shape.platforms + 1)) failures++;
    walls.push(result.wallS);
    peakRssMb = Math.max(peakRssMb, result.peakRssMb);
  }
  return { wall: toSpread(walls), peakRssMb, failures };
}

/** cosign's wall seconds per image and peak memory, over `count` fresh images. */
async function cosignPerImage(
  registry: TestRegistry,
  keys: KeyPair,
  format: CosignFormat,
  shape: { count: number; platforms: number },
): Promise<{ perImage: Spread; peakRssMb: number }> {
  const prefix = freshPrefix('c');
  const indexes = await pushImages(registry, prefix, shape.count, shape.platforms);
  const walls: number[] = [];
  let peakRssMb = 0;
  for (const reference of toReferences(registry, prefix, indexes)) {
    const result = await runCosign(format, reference, keys);
    walls.push(result.wallS);
    peakRssMb = Math.max(peakRssMb, result.peakRssMb);
  }
  return { perImage: toSpread(walls), peakRssMb };
}

/** Milliseconds from process start to the first registry request: the action's, and cosign's. */
async function coldStarts(
  registry: TestRegistry,
  keys: KeyPair,
): Promise<{ action: Spread; cosign: Spread }> {
  const prefix = freshPrefix('cold');
  const [index] = await pushImages(registry, prefix, 1, 2);
  const action: number[] = [];
  const cosign: number[] = [];
  for (let run = 0; run < COLD_START_RUNS; run++) {
    const runnerTemp = mkdtempSync(join(tmpdir(), 'rs-bench-cold-'));
    action.push(
      await timeToFirstRequest(registry, (host) =>
        measure(
          process.execPath,
          [ACTION_ENTRY],
          actionEnv(runnerTemp, [`${host}/bench/${prefix}0@${index?.digest}`], keys, { format: 'legacy' }),
        ),
      ),
    );
    cosign.push(
      await timeToFirstRequest(registry, (host) =>
        runCosign('legacy', `${host}/bench/${prefix}0@${index?.digest}`, keys),
      ),
    );
  }
  return { action: toSpread(action), cosign: toSpread(cosign) };
}

function smallReleaseRow(pair: PairResult): Row {
  const cosignName = pair.format === 'legacy' ? 'cosign v2.6' : 'cosign v3';
  return {
    target: `1 image × 2, ${pair.format}: ≤ ½ ${cosignName}`,
    measured: `${fmt(pair.action.median)} s (${fmt(pair.action.min)}–${fmt(pair.action.max)})`,
    cosign: `${fmt(pair.cosign.median)} s (${fmt(pair.cosign.min)}–${fmt(pair.cosign.max)})`,
    pass: pair.failures === 0 && pair.action.median <= pair.cosign.median / 2,
  };
}

function renderTable(rows: readonly Row[]): string {
  const header: Row = { target: 'target', measured: 'measured', cosign: 'cosign, same run', pass: true };
  const widths = (['target', 'measured', 'cosign'] as const).map((key) =>
    Math.max(...[header, ...rows].map((row) => row[key].length)),
  );
  const line = (row: Row, verdict: string) =>
    `${row.target.padEnd(widths[0] ?? 0)}  ${row.measured.padEnd(widths[1] ?? 0)}  ${row.cosign.padEnd(widths[2] ?? 0)}  ${verdict}`;
  return [line(header, 'result'), ...rows.map((row) => line(row, row.pass ? 'pass' : 'FAIL'))].join('\n');
}

export async function runTargets(): Promise<void> {
  const rows: Row[] = [];
  const keys = await generateKeyPair(PASSWORD, 'cosign2');
  const distribution = await startRegistry({ inMemory: true });
  try {
    console.log(
      'docker-registry 2.8 in memory on loopback; key signing, tlog off, read-back on, provenance off',
    );
    // The common release, in turns with cosign: median and spread.
    const pairs: PairResult[] = [];
    for (const format of measures('small') || measures('forty') ? (['legacy', 'bundle'] as const) : []) {
      const pair = await comparePair(distribution, keys, format, {
        images: 1,
        platforms: 2,
        repeats: REPEATS,
      });
      console.log(`\n${renderPair(pair).join('\n')}`);
      pairs.push(pair);
      if (measures('small')) rows.push(smallReleaseRow(pair));
    }

    // 40 images: per image against cosign's per-image time of the pairs above (same image shape).
    for (const pair of measures('forty') ? pairs : []) {
      const forty = await actionOver(distribution, keys, {
        count: 40,
        platforms: 2,
        runs: SMALL_REPEATS,
        format: pair.format,
      });
      const actionPerImage = forty.wall.median / 40;
      const ratio = pair.cosign.median / actionPerImage;
      rows.push({
        target: `40 images × 2, ${pair.format}: ≥ 20× cosign per image`,
        measured: `${fmt(forty.wall.median)} s, ${fmt(actionPerImage * 1000, 0)} ms/image: ${fmt(ratio, 1)}×`,
        cosign: `${fmt(pair.cosign.median * 1000, 0)} ms/image`,
        pass: forty.failures === 0 && ratio >= 20,
      });
    }

    // Before the memory runs: a registry still digesting 2,500 manifests takes the CPU a start-up needs.
    if (measures('cold')) await coldStartRow(distribution, keys, rows);
    // Memory flat in N: 250 and 2,500 manifests (50 and 500 images × 4 platforms + index), both formats.
    if (measures('memory')) await memoryRow(distribution, keys, rows);
  } finally {
    await distribution.stop();
  }
  if (measures('referrers')) await referrersRow(keys, rows);

  console.log(`\n${renderTable(rows)}`);
  console.log(
    '\nOn a shared or loaded machine the absolute figures are pessimistic; the ratios to cosign of the same run hold better.',
  );
}

async function memoryRow(distribution: TestRegistry, keys: KeyPair, rows: Row[]): Promise<void> {
  const small = await actionOver(distribution, keys, { count: 50, platforms: 4, runs: 1, format: 'both' });
  const large = await actionOver(distribution, keys, { count: 500, platforms: 4, runs: 1, format: 'both' });
  const cosignMemory = await cosignPerImage(distribution, keys, 'legacy', { count: 1, platforms: 4 });
  rows.push({
    target: 'peak RSS 2,500 manifests ≤ 1.25× 250',
    measured: `${fmt(small.peakRssMb, 0)} → ${fmt(large.peakRssMb, 0)} MiB: ${fmt(large.peakRssMb / small.peakRssMb)}×`,
    cosign: `${fmt(cosignMemory.peakRssMb, 0)} MiB per image (one process each)`,
    pass: small.failures + large.failures === 0 && large.peakRssMb <= 1.25 * small.peakRssMb,
  });
}

async function coldStartRow(distribution: TestRegistry, keys: KeyPair, rows: Row[]): Promise<void> {
  const cold = await coldStarts(distribution, keys);
  rows.push({
    target: 'cold start to first request ≤ 120 ms',
    measured: `${fmt(cold.action.median, 0)} ms (${fmt(cold.action.min, 0)}–${fmt(cold.action.max, 0)})`,
    cosign: `${fmt(cold.cosign.median, 0)} ms (${fmt(cold.cosign.min, 0)}–${fmt(cold.cosign.max, 0)})`,
    pass: cold.action.median <= 120,
  });
}

async function referrersRow(keys: KeyPair, rows: Row[]): Promise<void> {
  // 250 × 4 on go-containerregistry's registry (referrers API), both formats, read-back on.
  const referrers = await startReferrersRegistry();
  try {
    const large = await actionOver(referrers, keys, { count: 250, platforms: 4, runs: 1, format: 'both' });
    const cosign = await cosignPerImage(referrers, keys, 'bundle', { count: COSIGN_SAMPLE, platforms: 4 });
    rows.push({
      target: '250 × 4, referrers registry: ≤ 4 s',
      measured: `${fmt(large.wall.median)} s`,
      cosign: `≈ ${fmt(cosign.perImage.median * 250, 0)} s (v3, ${COSIGN_SAMPLE} images × 250)`,
      pass: large.failures === 0 && large.wall.median <= 4,
    });
  } finally {
    await referrers.stop();
  }
}
