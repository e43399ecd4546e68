import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { pushSingleImage } from '../harness/fixtures.ts';
import {
  GITHUB_ISSUER,
  RELEASE_CLAIMS,
  mintToken,
  startRunnerTokenEndpoint,
  workflowIdentity,
  type RunnerTokenEndpoint,
} from '../harness/oidc.ts';
import { runProcess } from '../harness/process.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';
import { REPO_ROOT, tool } from '../harness/tools.ts';

/** One row of the README's verify table. */
interface VerifyRow {
  readonly signing: string;
  readonly timeProof: string;
  readonly verifier: string;
  readonly command: string;
  readonly tested: boolean;
}

function readVerifyTable(): VerifyRow[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const table = /<!-- verify-table:start -->\n([\s\S]*?)<!-- verify-table:end -->/.exec(readme)?.[1] ?? '';
  return table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| signing') && !line.startsWith('| ---'))
    .map((line) => {
      const [signing = '', timeProof = '', verifier = '', command = '', tested = ''] = line
        .slice(2, -2)
        .split(' | ')
        .map((cell) => cell.trim());
      return {
        signing,
        timeProof,
        verifier,
        command: /^`([^`]*)`/.exec(command)?.[1] ?? '',
        tested: tested === '✔',
      };
    });
}

/** The README's example values, and what stands for them on the bench. */
const README_IMAGE = 'ghcr.io/acme/app@sha256:…';
const README_IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3';
const README_ISSUER = 'https://token.actions.githubusercontent.com';
const EMPTY_TRUSTED_ROOT = JSON.stringify({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
});

interface BenchCase {
  readonly image: string;
  readonly keyPath: string;
  /** The trusted root the README calls trusted_root.json: the stand-in's, or an empty one. */
  readonly trustedRoot: string;
  /** The README relies on cosign v3 fetching public-good's trusted root; the bench has the stand-in's. */
  readonly standInRoot?: string;
  readonly env: Readonly<Record<string, string>>;
}

/** The README's command with the bench's values; only the loopback registry's plain HTTP is added. */
function toBenchCommand(row: VerifyRow, bench: BenchCase): { binary: string; args: string[] } {
  const words = row.command.split(' ');
  assert.equal(words[0], 'cosign', row.command);
  const args = words.slice(1).map((word) => {
    if (word === README_IMAGE) return bench.image;
    if (word === 'cosign.pub') return bench.keyPath;
    if (word === 'trusted_root.json') return bench.trustedRoot;
    if (word === README_IDENTITY) return workflowIdentity(RELEASE_CLAIMS);
    if (word === README_ISSUER) return GITHUB_ISSUER;
    return word;
  });
  const image = args.pop() ?? '';
  if (bench.standInRoot && !args.includes('--trusted-root')) args.push('--trusted-root', bench.standInRoot);
  args.push('--allow-http-registry=true', image);
  return { binary: tool(row.verifier === 'cosign v3' ? 'cosign3' : 'cosign2'), args };
}

describe("the README's verify commands, run against what the action wrote", () => {
  const rows = readVerifyTable();
  let registry: TestRegistry;
  let sigstore: SigstoreStandIn;
  let runner: RunnerTokenEndpoint;
  let keys: KeyPair;
  const benches = new Map<string, BenchCase>();

  before(async () => {
    [registry, sigstore, keys] = await Promise.all([
      startRegistry(),
      startSigstoreStandIn(),
      generateKeyPair('readme'),
    ]);
    runner = await startRunnerTokenEndpoint(() => mintToken());
    const emptyRoot = join(mkdtempSync(join(tmpdir(), 'rs-readme-')), 'trusted_root.json');
    writeFileSync(emptyRoot, EMPTY_TRUSTED_ROOT);
    const key = { key: keys.privateKeyPem, 'key-password': keys.password };
    const standIn = { 'rekor-url': sigstore.url, 'trusted-root': sigstore.trustedRootPath };
    const cases: [string, Record<string, string>, string, string | undefined][] = [
      ['key/tlog off', { ...key, 'tlog-upload': 'false' }, emptyRoot, undefined],
      ['key/tlog on', { ...key, ...standIn }, sigstore.trustedRootPath, sigstore.trustedRootPath],
      [
        'keyless/tlog on',
        { ...standIn, 'fulcio-url': sigstore.url },
        sigstore.trustedRootPath,
        sigstore.trustedRootPath,
      ],
    ];
    for (const [name, inputs, trustedRoot, standInRoot] of cases) {
      const repository = `acme/${name.replace(/[^a-z]+/g, '-')}`;
      const image = await pushSingleImage(registry, repository, 'v1', name);
      const ref = `${registry.host}/${repository}@${image.digest}`;
      const run = await runAction({
        inputs: { images: ref, 'allow-http-registry': 'true', provenance: 'off', ...inputs },
        env: runner.env,
      });
      assert.equal(run.exitCode, 0, run.stdout);
      benches.set(name, {
        image: ref,
        keyPath: keys.publicKeyPath,
        trustedRoot,
        ...(standInRoot ? { standInRoot } : {}),
        env: sigstore.cosignEnv(),
      });
    }
  });
  after(async () => {
    await runner?.stop();
    await sigstore?.stop();
    await registry?.stop();
  });

  it('has a full command or a reason for every signing mode, time proof and verifier', () => {
    for (const signing of ['key', 'keyless'])
      for (const timeProof of ['tlog off', 'tlog on', 'TSA'])
        for (const verifier of ['cosign v3', 'cosign v2', 'containers/image'])
          assert.ok(
            rows.some(
              (row) =>
                row.signing === signing &&
                row.timeProof === timeProof &&
                (row.verifier === verifier || row.verifier === 'any'),
            ),
            `${signing} × ${timeProof} × ${verifier}`,
          );
    assert.equal(rows.filter((row) => row.tested).length, 6, 'the cases the bench runs');
  });

  for (const row of readVerifyTable().filter((candidate) => candidate.tested)) {
    it(`${row.signing}, ${row.timeProof}, ${row.verifier}: ${row.command}`, async () => {
      const bench = benches.get(`${row.signing}/${row.timeProof}`);
      assert.ok(bench, `no bench case for ${row.signing}/${row.timeProof}`);
      const { binary, args } = toBenchCommand(row, bench);
      const home = mkdtempSync(join(tmpdir(), 'rs-readme-home-'));
      const result = await runProcess(binary, args, {
        env: { PATH: process.env.PATH, HOME: home, TUF_ROOT: join(home, 'tuf'), ...bench.env },
        timeoutMs: 120_000,
      });
      assert.equal(result.code, 0, `${args.join(' ')}\n${result.stderr}`);
    });
  }
});
