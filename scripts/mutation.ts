// Mutation testing with StrykerJS over the unit tests, then the score per folder.
//   npm run mutation                      all folders (about 40 minutes on 2 cores)
//   npm run mutation -- registry github   only these folders, each selection with its own incremental file
// Exits 1 when a folder with a required score is below it, so a scheduled job can fail on it.
// stryker.config.json lists every unit folder but scripts/structure.test.ts: Stryker's sandbox holds the
// instrumented sources, far over the 300 lines that test allows, and that test kills no mutant.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../__tests__/harness/tools.ts';

export const MUTATED_FOLDERS = ['registry', 'signatures', 'provenance', 'sigstore', 'github'] as const;
type MutatedFolder = (typeof MUTATED_FOLDERS)[number];

/** Issue 15's acceptance: the folders whose checks guard what gets signed. */
const REQUIRED_SCORE: Partial<Record<MutatedFolder, number>> = {
  registry: 80,
  signatures: 80,
  provenance: 80,
};

/** The part of Stryker's mutation-testing-report-schema JSON that a score needs. */
interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

export interface FolderScore {
  folder: string;
  detected: number;
  undetected: number;
  /** Stryker's mutation score: detected over valid mutants (compile and runtime errors are not valid). */
  score: number;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export function scorePerFolder(report: MutationReport): FolderScore[] {
  const counts = new Map<string, { detected: number; undetected: number }>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = file.split('/').slice(0, 2).join('/');
    const count = counts.get(folder) ?? { detected: 0, undetected: 0 };
    for (const { status } of mutants) {
      if (DETECTED.has(status)) count.detected++;
      else if (UNDETECTED.has(status)) count.undetected++;
    }
    counts.set(folder, count);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, { detected, undetected }]) => ({
      folder,
      detected,
      undetected,
      score: detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected),
    }));
}

function runStryker(folders: readonly MutatedFolder[]): number {
  const everything = folders.length === MUTATED_FOLDERS.length;
  const selection = everything
    ? []
    : [
        ['--mutate', folders.map((folder) => `src/${folder}/**/*.ts`).join(',')],
        ['--incrementalFile', `reports/stryker-incremental-${folders.join('-')}.json`],
      ].flat();
  const result = spawnSync(join(REPO_ROOT, 'node_modules/.bin/stryker'), ['run', ...selection], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    // The sandbox does not copy .tools (a symlink): tests that need cosign find it here.
    env: {
      ...process.env,
      RELEASE_SIGNER_TOOLS: process.env.RELEASE_SIGNER_TOOLS ?? join(REPO_ROOT, '.tools'),
    },
  });
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(MUTATED_FOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown folder ${unknown.join(', ')}: choose from ${MUTATED_FOLDERS.join(', ')}`);
    process.exit(2);
  }
  const folders = asked.length > 0 ? (asked as MutatedFolder[]) : MUTATED_FOLDERS;
  const started = Date.now();
  const status = runStryker(folders);
  if (status !== 0) process.exit(status);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);

  const report = JSON.parse(
    readFileSync(join(REPO_ROOT, 'reports/mutation/mutation.json'), 'utf8'),
  ) as MutationReport;
  const below: string[] = [];
  console.log(`\nmutation score per folder (${minutes} min)`);
  for (const { folder, detected, undetected, score } of scorePerFolder(report)) {
    const required = REQUIRED_SCORE[folder.replace('src/', '') as MutatedFolder];
    if (required !== undefined && score < required) below.push(folder);
    const requirement = required === undefined ? '' : `  (required ≥ ${required} %)`;
    console.log(
      `${folder.padEnd(16)} ${score.toFixed(1).padStart(5)} %  ${detected} detected, ${undetected} undetected${requirement}`,
    );
  }
  if (below.length > 0) {
    console.error(`below the required score: ${below.join(', ')}`);
    process.exit(1);
  }
}
