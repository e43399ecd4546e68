import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import {
  OCI_INDEX,
  OCI_MANIFEST,
  pushManifest,
  pushSingleImage,
  type PushedManifest,
} from '../harness/fixtures.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { commandData, commandLines } from '../harness/workflow-commands.ts';

const PWNED = '\n::error::pwned';
const SET_OUTPUT = '::set-output name=x::y';
const ADD_MASK = '::add-mask::acme';
const PERCENT = '%0A::warning::w';
const LEGACY = '##[error]legacy';
const TLOG_WARNING = '::warning::tlog-upload is false: no transparency log entry was made.';

/** The outputs action.yml declares: the only names the step may write. */
const DECLARED_OUTPUTS = Object.keys(
  (parse(readFileSync('action.yml', 'utf8')) as { outputs: Record<string, unknown> }).outputs,
);

interface Entry {
  image: string;
  status: string;
  digest?: string;
  platform?: string;
  error?: { code: string; message: string };
}

describe('text from registries and artifacts.json never becomes a workflow command', () => {
  let registry: TestRegistry;
  let good: PushedManifest;
  let hostileIndex: PushedManifest;
  const keyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const workDir = mkdtempSync(join(tmpdir(), 'rs-untrusted-'));

  const sign = (inputs: Record<string, string>): Promise<ActionRun> =>
    runAction({
      inputs: {
        key: keyPem,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
        ...inputs,
      },
    });

  /** Our own commands only: groups, the key's masks, the tlog warning, and errors that are our messages. */
  function assertOnlyOurCommands(run: ActionRun, errorStarts: readonly string[]): void {
    const output = `${run.stdout}\n${run.stderr}`;
    const commands = commandLines(output);
    for (const command of commands) {
      assert.ok(
        ['group', 'endgroup', 'error', 'add-mask', 'debug', 'warning'].includes(command.name),
        `unexpected command: ${JSON.stringify(command.line)}`,
      );
      if (command.name === 'warning') assert.ok(command.line.startsWith(TLOG_WARNING), command.line);
      if (command.name === 'add-mask')
        assert.ok(
          keyPem.includes(commandData(command.line)),
          `a mask that is not the key's: ${command.line}`,
        );
    }
    const errors = commands.filter((command) => command.name === 'error').map((command) => command.line);
    assert.equal(errors.length, errorStarts.length, errors.join('\n'));
    errorStarts.forEach((start, i) => assert.ok(errors[i]?.startsWith(`::error::${start}`), errors[i]));
    assert.ok(!output.includes('##['), 'no legacy command anywhere in a line');
  }

  before(async () => {
    registry = await startRegistry();
    good = await pushSingleImage(registry, 'acme/good', 'v1');
    const child = await pushSingleImage(registry, 'acme/hostile', 'child');
    hostileIndex = await pushManifest(registry, 'acme/hostile', 'v1', {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        {
          mediaType: OCI_MANIFEST,
          digest: child.digest,
          size: child.size,
          platform: { os: `linux${PWNED}`, architecture: SET_OUTPUT, variant: `${PERCENT} ${LEGACY}` },
          annotations: { 'org.opencontainers.image.title': `${ADD_MASK}\r${PWNED}` },
        },
      ],
      annotations: { 'org.opencontainers.image.description': `${SET_OUTPUT}${PWNED}` },
    });
  });
  after(() => registry?.stop());

  describe('when an index lists a platform outside os/arch[/variant] and artifacts.json names hostile images', () => {
    let run: ActionRun;
    let entries: Entry[];

    before(async () => {
      const host = registry.host;
      const artifacts = join(workDir, 'artifacts.json');
      writeFileSync(
        artifacts,
        JSON.stringify([
          { name: `${host}/acme/good:v1`, type: 'Docker Image', extra: { Digest: good.digest } },
          { name: `${host}/acme/unpushed:v1${PWNED}`, type: 'Docker Image', extra: {} },
          { name: `${SET_OUTPUT}\r${ADD_MASK}`, type: 'Docker Manifest', extra: {} },
          { name: `${PERCENT} ${LEGACY}`, type: 'Docker Image', extra: null },
        ]),
      );
      run = await sign({
        images: `${host}/acme/hostile@${hostileIndex.digest}`,
        'goreleaser-artifacts': artifacts,
        // Legacy images are not among goreleaser's default choice (dockers_v2 only).
        'artifact-types': 'all',
      });
      entries = JSON.parse(run.outputs.signatures ?? '[]') as Entry[];
    });

    it('refuses the index by name, saying why, and signs the good image', () => {
      assert.equal(run.exitCode, 1, run.stdout);
      const refused = entries.find((entry) => entry.image.endsWith('acme/hostile'));
      assert.equal(refused?.status, 'failed');
      assert.equal(refused?.error?.code, 'REGISTRY_PROTOCOL');
      assert.match(refused?.error?.message ?? '', /is not os\/architecture\[\/variant\]/);
      assert.ok(refused?.error?.message.includes(hostileIndex.digest));
      assert.equal(entries.find((entry) => entry.image.endsWith('acme/good'))?.status, 'signed');
      assert.equal(entries.filter((entry) => entry.status === 'skipped').length, 3);
    });

    it('writes no command of theirs: only our groups, our key masks and our two errors', () =>
      assertOnlyOurCommands(run, [
        `${registry.host}/acme/hostile@${hostileIndex.digest}: `,
        '1 of 2 signature(s) failed',
      ]));

    it('shows their text escaped, line breaks as \\n', () => {
      assert.ok(
        run.stdout.includes(`skipped ${registry.host}/acme/unpushed:v1\\n::error::pwned: `),
        run.stdout,
      );
      assert.ok(run.stdout.includes(`skipped \\u003a:set-output name=x::y\\r::add-mask::acme: `), run.stdout);
    });

    it('writes only the outputs action.yml declares', () => {
      for (const name of Object.keys(run.outputs)) assert.ok(DECLARED_OUTPUTS.includes(name), name);
      assert.equal(run.outputs.x, undefined);
    });

    it('keeps the summary table whole', () => {
      const rows = run.summary.split(/\r\n|\r|\n/).filter((line) => line.startsWith('| '));
      assert.equal(rows.length, 2 + entries.length);
      for (const row of rows) assert.equal(row.replace(/\\\|/g, '').split('|').length, 11, row);
    });
  });

  describe('when artifacts.json names a hostile image that has a digest', () => {
    it('stops on one error of ours, naming the input, with their text escaped', async () => {
      const artifacts = join(workDir, 'bad-name.json');
      writeFileSync(
        artifacts,
        JSON.stringify([
          { name: `acme/app${PWNED}\r${SET_OUTPUT}`, type: 'Docker Image', extra: { Digest: good.digest } },
        ]),
      );
      const run = await sign({ 'goreleaser-artifacts': artifacts, 'artifact-types': 'all' });
      assert.equal(run.exitCode, 1);
      assertOnlyOurCommands(run, [
        "Input 'goreleaser-artifacts', entry 0 (Docker Image): 'acme/app\\n::error::pwned\\r",
      ]);
      for (const name of Object.keys(run.outputs)) assert.ok(DECLARED_OUTPUTS.includes(name), name);
    });
  });
});
