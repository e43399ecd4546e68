// Signs N multi-arch images (P platforms each) on the loopback registry, first with the action, then with
// `cosign sign --recursive` once per image (as goreleaser's docker_signs runs it), and prints wall time,
// CPU time, peak memory, registry requests per signature, cold start, and the ratio. Targets are printed
// beside the figures; nothing here asserts on time.
//   node bench/sign-many.ts [images=250] [platforms=4] [--skip-cosign]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, cosignEnv } from '../__tests__/harness/cosign.ts';
import { startFaultProxy } from '../__tests__/harness/fault-proxy.ts';
import {
  OCI_INDEX,
  OCI_MANIFEST,
  pushBlob,
  pushManifest,
  type PushedManifest,
} from '../__tests__/harness/fixtures.ts';
import { startRegistry, type TestRegistry } from '../__tests__/harness/registry.ts';
import { DIST_INDEX, tool } from '../__tests__/harness/tools.ts';
import { mapLimit } from '../src/util/concurrency.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const IMAGES = Number(args[0] ?? 250);
const PLATFORMS = Number(args[1] ?? 4);
const SKIP_COSIGN = process.argv.includes('--skip-cosign');
/** Without the counting proxy: the registry's own speed (requests are then not counted). */
const DIRECT = process.argv.includes('--direct');
const ARCHES = ['amd64', 'arm64', 'ppc64le', 's390x', 'riscv64', '386', 'arm', 'mips64le'];
const PASSWORD = 'bench';

interface Measured {
  wallS: number;
  userS: number;
  systemS: number;
  peakRssMb: number;
  exitCode: number;
}

/** Runs a command under GNU time: wall, CPU and peak memory of it and its children. */
function measure(
  command: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<Measured & { stdout: string }> {
  const timeFile = join(mkdtempSync(join(tmpdir(), 'rs-bench-')), 'time');
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command, ...argv], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      const lastLine = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      const [user = '0', system = '0', rssKb = '0'] = lastLine.split(' ');
      resolveRun({
        wallS,
        userS: Number(user),
        systemS: Number(system),
        peakRssMb: Number(rssKb) / 1024,
        exitCode: code ?? 1,
        stdout,
      });
    });
  });
}

async function pushImages(registry: TestRegistry): Promise<PushedManifest[]> {
  const config = (arch: string, i: number) =>
    Buffer.from(
      JSON.stringify({
        architecture: arch,
        os: 'linux',
        config: { Env: [`I=${i}`] },
        rootfs: { type: 'layers', diff_ids: [] },
      }),
    );
  return mapLimit(
    Array.from({ length: IMAGES }, (_, i) => i),
    8,
    async (i) => {
      const repository = `bench/app${i}`;
      const children = await Promise.all(
        ARCHES.slice(0, PLATFORMS).map(async (arch) => {
          const layer = await pushBlob(registry, repository, randomBytes(256));
          const cfg = await pushBlob(registry, repository, config(arch, i));
          const manifest = await pushManifest(registry, repository, undefined, {
            schemaVersion: 2,
            mediaType: OCI_MANIFEST,
            config: {
              mediaType: 'application/vnd.oci.image.config.v1+json',
              digest: cfg.digest,
              size: cfg.size,
            },
            layers: [
              {
                mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
                digest: layer.digest,
                size: layer.size,
              },
            ],
          });
          return { ...manifest, arch };
        }),
      );
      return pushManifest(registry, repository, 'v1', {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: children.map((c) => ({
          mediaType: OCI_MANIFEST,
          digest: c.digest,
          size: c.size,
          platform: { architecture: c.arch, os: 'linux' },
        })),
      });
    },
  );
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** CPU seconds a process has used (utime + stime from /proc, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const registry = await startRegistry();
const proxy = await startFaultProxy(registry.url, {});
try {
  const keys = await generateKeyPair(PASSWORD, 'cosign2');
  console.log(`pushing ${IMAGES} images × ${PLATFORMS} platforms to ${registry.url} …`);
  const pushStarted = Date.now();
  const indexes = await pushImages(registry);
  console.log(`pushed in ${fmt((Date.now() - pushStarted) / 1000, 1)} s`);
  const signatures = IMAGES * (PLATFORMS + 1);

  // The action, as the runner runs it, through a counting proxy.
  const runnerTemp = mkdtempSync(join(tmpdir(), 'rs-bench-runner-'));
  for (const file of ['out', 'summary']) writeFileSync(join(runnerTemp, file), '');
  const requestsBefore = proxy.requests.length;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: join(runnerTemp, 'out'),
    GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary'),
    RUNNER_TEMP: runnerTemp,
    INPUT_IMAGES: indexes
      .map((index, i) => `${DIRECT ? registry.host : proxy.host}/bench/app${i}@${index.digest}`)
      .join('\n'),
    INPUT_KEY: keys.privateKeyPem,
    'INPUT_KEY-PASSWORD': PASSWORD,
    'INPUT_TLOG-UPLOAD': 'false',
    'INPUT_ALLOW-HTTP-REGISTRY': 'true',
    INPUT_PROVENANCE: 'off',
    INPUT_VERIFY: process.env.BENCH_VERIFY ?? 'true',
    'INPUT_SIGNATURE-FORMAT': process.env.BENCH_FORMAT ?? 'both',
    INPUT_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '16',
  };
  const firstRequestAt = new Promise<number>((resolveFirst) => {
    if (DIRECT) return resolveFirst(0);
    const timer = setInterval(() => {
      if (proxy.requests.length > requestsBefore) {
        clearInterval(timer);
        resolveFirst(Date.now());
      }
    }, 1);
  });
  const registryCpuBefore = cpuSeconds(registry.pid);
  const actionStarted = Date.now();
  const action = await measure(process.execPath, [DIST_INDEX], env);
  const coldStartMs = DIRECT ? Number.NaN : (await firstRequestAt) - actionStarted;
  const requests = proxy.requests.length - requestsBefore;
  const registryCpu = cpuSeconds(registry.pid) - registryCpuBefore;
  const outputs = readFileSync(join(runnerTemp, 'out'), 'utf8');
  const signed = /signed<<[^\n]*\n(\d+)/.exec(outputs)?.[1];

  console.log('\nrelease-signer (key, tlog off, bundle + legacy, recursive)');
  console.log(`  exit code           ${action.exitCode}, signed ${signed} of ${signatures} manifests`);
  console.log(
    `  wall time           ${fmt(action.wallS)} s            (target ≤ 10 s for 1,000 platforms + 250 indexes)`,
  );
  console.log(
    `  CPU time            ${fmt(action.userS + action.systemS)} s (user ${fmt(action.userS)}, system ${fmt(action.systemS)})`,
  );
  console.log(`  peak memory         ${fmt(action.peakRssMb, 0)} MiB`);
  console.log(`  registry CPU        ${fmt(registryCpu)} s (the registry shares the machine's cores)`);
  console.log(
    `  registry requests   ${requests}, ${fmt(requests / signatures)} per manifest, ${fmt(requests / (signatures * 2))} per signature (2 formats; target ≤ 4)`,
  );
  console.log(`  cold start          ${coldStartMs} ms to the first registry request (target ≤ 150 ms)`);

  if (!SKIP_COSIGN) {
    // cosign once per image, as goreleaser's docker_signs does, on fresh copies of the same images.
    const env2 = cosignEnv({ COSIGN_PASSWORD: PASSWORD });
    const keyPath = keys.publicKeyPath.replace('.pub', '.key');
    const started = Date.now();
    let cpu = 0;
    let peak = 0;
    let failures = 0;
    for (const [i, index] of indexes.entries()) {
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
          `${registry.host}/bench/app${i}@${index.digest}`,
        ],
        env2,
      );
      cpu += result.userS + result.systemS;
      peak = Math.max(peak, result.peakRssMb);
      if (result.exitCode !== 0) failures++;
    }
    const wall = (Date.now() - started) / 1000;
    console.log('\ncosign v2.6 sign --recursive, once per image (goreleaser docker_signs)');
    console.log(`  failures            ${failures}`);
    console.log(
      `  wall time           ${fmt(wall)} s (${fmt((wall / signatures) * 1000, 0)} ms per manifest)`,
    );
    console.log(`  CPU time            ${fmt(cpu)} s`);
    console.log(`  peak memory         ${fmt(peak, 0)} MiB per process`);
    console.log(`\nratio                 ${fmt(wall / action.wallS, 1)}× faster (target ≥ 20×)`);
  }
} finally {
  await proxy.stop();
  await registry.stop();
}
