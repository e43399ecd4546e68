// What every bench mode shares: pushing N multi-arch images, running the action as the runner does (with
// its phase timings recorded), running cosign the way goreleaser's docker_signs does, and summarising
// repeated figures. Benchmarks print figures; nothing here asserts on time.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosignEnv, type KeyPair } from '../__tests__/harness/cosign.ts';
import { startFaultProxy } from '../__tests__/harness/fault-proxy.ts';
import {
  OCI_INDEX,
  OCI_MANIFEST,
  pushBlob,
  pushManifest,
  type PushedManifest,
} from '../__tests__/harness/fixtures.ts';
import type { TestRegistry } from '../__tests__/harness/registry.ts';
import { DIST_INDEX, tool } from '../__tests__/harness/tools.ts';
import { mapLimit } from '../src/util/concurrency.ts';
import type { PhaseSpan } from '../src/util/phase-timings.ts';

export const PASSWORD = 'bench';
/** The action's entry: this checkout's dist/, or BENCH_DIST (another build, for a before/after in one minute). */
export const ACTION_ENTRY = process.env.BENCH_DIST ?? DIST_INDEX;
const ARCHES = ['amd64', 'arm64', 'ppc64le', 's390x', 'riscv64', '386', 'arm', 'mips64le'];

export interface Measured {
  wallS: number;
  userS: number;
  systemS: number;
  peakRssMb: number;
  exitCode: number;
  stdout: string;
}

/** Runs a command under GNU time: wall, CPU and peak memory of it and its children. */
export function measure(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
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

/** `count` multi-arch images of `platforms` platforms each, in repositories `bench/<prefix><i>`. */
export async function pushImages(
  registry: TestRegistry,
  prefix: string,
  count: number,
  platforms: number,
): Promise<PushedManifest[]> {
  const config = (arch: string, i: number) =>
    Buffer.from(
      JSON.stringify({
        architecture: arch,
        os: 'linux',
        config: { Env: [`I=${prefix}${i}`] },
        rootfs: { type: 'layers', diff_ids: [] },
      }),
    );
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const repository = `bench/${prefix}${i}`;
      const children = await Promise.all(
        ARCHES.slice(0, platforms).map(async (arch) => {
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

/** The references of pushed images, as the `images` input lists them. */
export function toReferences(
  registry: TestRegistry,
  prefix: string,
  indexes: readonly PushedManifest[],
): string[] {
  return indexes.map((index, i) => `${registry.host}/bench/${prefix}${i}@${index.digest}`);
}

export type ActionFormat = 'legacy' | 'bundle' | 'both';

export interface ActionOptions {
  readonly format?: ActionFormat;
  /** BENCH_VERIFY, BENCH_CONCURRENCY and BENCH_NODE_OPTIONS apply when not given. */
  readonly verify?: boolean;
}

/** The runner's environment for one run of the action: key signing, tlog off, provenance off. */
export function actionEnv(
  runnerTemp: string,
  images: readonly string[],
  keys: Pick<KeyPair, 'privateKeyPem'>,
  options: ActionOptions = {},
): NodeJS.ProcessEnv {
  for (const file of ['out', 'summary']) writeFileSync(join(runnerTemp, file), '');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: join(runnerTemp, 'out'),
    GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary'),
    RUNNER_TEMP: runnerTemp,
    RELEASE_SIGNER_TIMINGS: join(runnerTemp, 'timings.jsonl'),
    INPUT_IMAGES: images.join('\n'),
    INPUT_KEY: keys.privateKeyPem,
    'INPUT_KEY-PASSWORD': PASSWORD,
    'INPUT_TLOG-UPLOAD': 'false',
    'INPUT_ALLOW-HTTP-REGISTRY': 'true',
    INPUT_PROVENANCE: 'off',
    INPUT_VERIFY:
      options.verify === undefined ? (process.env.BENCH_VERIFY ?? 'true') : String(options.verify),
    'INPUT_SIGNATURE-FORMAT': options.format ?? process.env.BENCH_FORMAT ?? 'both',
    ...(process.env.BENCH_CONCURRENCY ? { INPUT_CONCURRENCY: process.env.BENCH_CONCURRENCY } : {}),
  };
}

export interface ActionRun extends Measured {
  /** The `signed` output: how many manifests got a new signature. */
  readonly signed: number;
  /** The run's phases, as the action recorded them (RELEASE_SIGNER_TIMINGS). */
  readonly phases: readonly PhaseSpan[];
}

/** One run of `node dist/index.js`, as the runner starts it. */
export async function runTheAction(
  images: readonly string[],
  keys: Pick<KeyPair, 'privateKeyPem'>,
  options: ActionOptions = {},
  entry: string = ACTION_ENTRY,
): Promise<ActionRun> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'rs-bench-runner-'));
  const env = actionEnv(runnerTemp, images, keys, options);
  const result = await measure(process.execPath, [entry], env);
  const outputs = readFileSync(join(runnerTemp, 'out'), 'utf8');
  const timings = join(runnerTemp, 'timings.jsonl');
  const record = existsSync(timings)
    ? (JSON.parse(readFileSync(timings, 'utf8').trim().split('\n').pop() ?? '{}') as { phases?: PhaseSpan[] })
    : {};
  return {
    ...result,
    signed: Number(/signed<<[^\n]*\n(\d+)/.exec(outputs)?.[1] ?? 0),
    phases: record.phases ?? [],
  };
}

export type CosignFormat = 'legacy' | 'bundle';

/** A signing config with no log and no TSA: cosign v3's bundle format with `--tlog-upload=false`'s effect. */
function signingConfigWithoutLog(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rs-bench-signing-config-')), 'signing_config.json');
  writeFileSync(
    path,
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
      rekorTlogConfig: { selector: 'ANY' },
      tsaConfig: { selector: 'ANY' },
    }),
  );
  return path;
}

/**
 * `cosign sign --recursive` on one image, key, no log: v2.6 in the legacy `.sig` format, v3 in its
 * default bundle format (a referrer; the fallback tag on distribution 2.8).
 */
export function runCosign(format: CosignFormat, reference: string, keys: KeyPair): Promise<Measured> {
  const keyPath = keys.publicKeyPath.replace('.pub', '.key');
  const common = ['sign', '--yes', '--key', keyPath, '--recursive', '--allow-http-registry'];
  const argv =
    format === 'legacy'
      ? [...common, '--tlog-upload=false', reference]
      : [...common, '--signing-config', signingConfigWithoutLog(), '--new-bundle-format', reference];
  return measure(
    tool(format === 'legacy' ? 'cosign2' : 'cosign3'),
    argv,
    cosignEnv({ COSIGN_PASSWORD: keys.password }),
  );
}

/** Milliseconds from spawning a process to its first request reaching a proxy in front of the registry. */
export async function timeToFirstRequest(
  registry: TestRegistry,
  start: (host: string) => Promise<unknown>,
): Promise<number> {
  const proxy = await startFaultProxy(registry.url, {});
  try {
    // The proxy notes the first request's arrival itself: polling for it would take CPU from the run
    // being measured (two cores: the action, its key derivation and this process).
    const started = Date.now();
    await start(proxy.host);
    if (proxy.firstRequestAt === undefined) throw new Error('the run made no registry request');
    return proxy.firstRequestAt - started;
  } finally {
    await proxy.stop();
  }
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export function toSpread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? NaN)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, count: sorted.length };
}

export const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** `1.23 s (1.10–1.40, 7 runs)` */
export function renderSpread(spread: Spread, unit = 's', digits = 2): string {
  return `${fmt(spread.median, digits)} ${unit} (${fmt(spread.min, digits)}–${fmt(spread.max, digits)}, ${spread.count} runs)`;
}
