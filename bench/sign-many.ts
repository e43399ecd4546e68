// Signs N multi-arch images (P platforms each) on the loopback registry, first with the action, then with
// `cosign sign --recursive` once per image (as goreleaser's docker_signs runs it) on a second, identical
// set of images, and prints wall time, CPU time, peak memory, registry requests per signature (counted by
// the registry itself), cold start, and the ratio. Targets are printed beside the figures; nothing here
// asserts on time.
//   node bench/sign-many.ts [images=250] [platforms=4] [--skip-cosign] [--disk] [--referrers-registry]
// The action runs with its defaults (concurrency 8, read-back on); BENCH_VERIFY=false, BENCH_FORMAT and
// BENCH_CONCURRENCY change them.
// --disk keeps the registry's storage on disk instead of in memory (distribution then spends most of its
// CPU in file-system calls, on the same two cores as the signer). --referrers-registry runs the same work
// against go-containerregistry's registry (referrers API, single-POST uploads) instead of distribution 2.8;
// with --oci-subject it acknowledges indexed subjects with the OCI-Subject header, as zot and Harbor do. BENCH_NODE_OPTIONS (e.g. --cpu-prof)
// is passed to the action's process.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, cosignEnv } from '../__tests__/harness/cosign.ts';
import { startFaultProxy } from '../__tests__/harness/fault-proxy.ts';
import {
  startReferrersRegistry,
  startRegistry,
  type RequestCounts,
  type TestRegistry,
} from '../__tests__/harness/registry.ts';
import { DIST_INDEX, tool } from '../__tests__/harness/tools.ts';
import { PASSWORD, actionEnv, fmt, measure, pushImages as pushShaped } from './bench-harness.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const IMAGES = Number(args[0] ?? 250);
const PLATFORMS = Number(args[1] ?? 4);
const SKIP_COSIGN = process.argv.includes('--skip-cosign');
const ON_DISK = process.argv.includes('--disk');
const REFERRERS_REGISTRY = process.argv.includes('--referrers-registry');
const OCI_SUBJECT = process.argv.includes('--oci-subject');
/** Small runs through a proxy, each timed from process start to its first registry request. */
const COLD_START_RUNS = 7;

const pushImages = (registry: TestRegistry, prefix: string) =>
  pushShaped(registry, prefix, IMAGES, PLATFORMS);

/** CPU seconds a process has used (utime + stime from /proc, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Requests served between two readings of the registry's counters, split into reads and writes. */
function requestsBetween(before: RequestCounts, after: RequestCounts) {
  const byRoute = new Map<string, number>();
  for (const [key, count] of after) {
    const served = count - (before.get(key) ?? 0);
    if (served > 0) byRoute.set(key, served);
  }
  const sum = (methods: string[]) =>
    [...byRoute].filter(([key]) => methods.includes(key.split(' ')[1] ?? '')).reduce((n, [, c]) => n + c, 0);
  return {
    byRoute,
    total: sum(['get', 'head', 'post', 'put', 'patch', 'delete']),
    writes: sum(['post', 'put', 'patch']),
  };
}

/** Milliseconds from spawning the action to its first request reaching a proxy, one small image per run. */
async function coldStarts(registry: TestRegistry, keys: { privateKeyPem: string }): Promise<number[]> {
  const proxy = await startFaultProxy(registry.url, {});
  try {
    const [index] = await pushImages(registry, 'cold');
    const times: number[] = [];
    for (let run = 0; run < COLD_START_RUNS; run++) {
      const runnerTemp = mkdtempSync(join(tmpdir(), 'rs-bench-cold-'));
      const env = actionEnv(runnerTemp, [`${proxy.host}/bench/cold0@${index?.digest}`], keys);
      const before = proxy.requests.length;
      const started = Date.now();
      const first = new Promise<number>((resolveFirst) => {
        const timer = setInterval(() => {
          if (proxy.requests.length > before) {
            clearInterval(timer);
            resolveFirst(Date.now());
          }
        }, 1);
      });
      await measure(process.execPath, [DIST_INDEX], env);
      times.push((await first) - started);
    }
    return times.sort((a, b) => a - b);
  } finally {
    await proxy.stop();
  }
}

const registry = REFERRERS_REGISTRY
  ? await startReferrersRegistry({ ociSubject: OCI_SUBJECT })
  : await startRegistry({ inMemory: !ON_DISK, metrics: true });
const registryName = REFERRERS_REGISTRY
  ? `go-containerregistry's registry (referrers API${OCI_SUBJECT ? ', OCI-Subject header' : ''}), in memory`
  : `docker-registry 2.8, storage ${ON_DISK ? 'on disk' : 'in memory'}`;
const counts = () => registry.requestCounts?.() ?? Promise.resolve(new Map<string, number>());
try {
  const keys = await generateKeyPair(PASSWORD, 'cosign2');
  console.log(`pushing ${IMAGES} images × ${PLATFORMS} platforms to ${registry.url} (${registryName}) …`);
  const pushStarted = Date.now();
  const indexes = await pushImages(registry, 'app');
  console.log(`pushed in ${fmt((Date.now() - pushStarted) / 1000, 1)} s`);
  const manifests = IMAGES * (PLATFORMS + 1);

  // The action, as the runner runs it, straight to the registry; the registry counts the requests.
  const runnerTemp = mkdtempSync(join(tmpdir(), 'rs-bench-runner-'));
  const env = actionEnv(
    runnerTemp,
    indexes.map((index, i) => `${registry.host}/bench/app${i}@${index.digest}`),
    keys,
  );
  const countsBefore = await counts();
  const registryCpuBefore = cpuSeconds(registry.pid);
  const action = await measure(process.execPath, [DIST_INDEX], env);
  const registryCpu = cpuSeconds(registry.pid) - registryCpuBefore;
  const requests = requestsBetween(countsBefore, await counts());
  const outputs = readFileSync(join(runnerTemp, 'out'), 'utf8');
  const signed = /signed<<[^\n]*\n(\d+)/.exec(outputs)?.[1];
  const signatures = manifests * (env['INPUT_SIGNATURE-FORMAT'] === 'both' ? 2 : 1);
  const cold = await coldStarts(registry, keys);

  console.log(
    `\nrelease-signer (key, tlog off, signature-format ${env['INPUT_SIGNATURE-FORMAT']}, verify ${env.INPUT_VERIFY}, recursive)`,
  );
  console.log(`  exit code           ${action.exitCode}, signed ${signed} of ${manifests} manifests`);
  console.log(
    `  wall time           ${fmt(action.wallS)} s            (target ≤ 10 s for 1,000 platforms + 250 indexes)`,
  );
  console.log(
    `  CPU time            ${fmt(action.userS + action.systemS)} s (user ${fmt(action.userS)}, system ${fmt(action.systemS)})`,
  );
  console.log(`  peak memory         ${fmt(action.peakRssMb, 0)} MiB`);
  console.log(`  registry CPU        ${fmt(registryCpu)} s (the registry shares the machine's cores)`);
  console.log(
    `  registry requests   ${requests.total}: ${fmt(requests.total / signatures)} per signature (${signatures} signatures; target ≤ 4), of which writes ${fmt(requests.writes / signatures)}`,
  );
  console.log(
    `                      ${[...requests.byRoute].map(([route, n]) => `${route} ${fmt(n / manifests)}`).join(', ')} (per manifest)`,
  );
  console.log(
    `  cold start          median ${cold[Math.floor(cold.length / 2)]} ms to the first registry request (of ${cold.join(', ')}; target ≤ 120 ms)`,
  );

  if (!SKIP_COSIGN) {
    // cosign once per image, as goreleaser's docker_signs does, on an identical second set of images.
    const cosignIndexes = await pushImages(registry, 'cosign');
    const env2 = cosignEnv({ COSIGN_PASSWORD: PASSWORD });
    const keyPath = keys.publicKeyPath.replace('.pub', '.key');
    const started = Date.now();
    let cpu = 0;
    let peak = 0;
    let failures = 0;
    for (const [i, index] of cosignIndexes.entries()) {
      const result = await measure(
        tool('cosign2'),
        [
          'sign',
          '--yes',
          '--key',
          keyPath,
          '--tlog-upload=false',
          '--recursive',
          '--allow-http-registry',
          `${registry.host}/bench/cosign${i}@${index.digest}`,
        ],
        env2,
      );
      cpu += result.userS + result.systemS;
      peak = Math.max(peak, result.peakRssMb);
      if (result.exitCode !== 0) failures++;
    }
    const wall = (Date.now() - started) / 1000;
    console.log('\ncosign v2.6 sign --recursive, once per image (goreleaser docker_signs), legacy format');
    console.log(`  failures            ${failures}`);
    console.log(
      `  wall time           ${fmt(wall)} s (${fmt((wall / manifests) * 1000, 0)} ms per manifest)`,
    );
    console.log(`  CPU time            ${fmt(cpu)} s`);
    console.log(`  peak memory         ${fmt(peak, 0)} MiB per process`);
    console.log(`\nratio                 ${fmt(wall / action.wallS, 1)}× faster (target ≥ 20×)`);
  }
} finally {
  await registry.stop();
}
