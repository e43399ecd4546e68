import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushManifest, pushPlatformManifest, OCI_INDEX, OCI_MANIFEST } from './fixtures.ts';
import { runProcess } from './process.ts';
import type { TestRegistry } from './registry.ts';
import { REPO_ROOT } from './tools.ts';

/** The versions scripts/setup-tools.sh builds: v2.18 names ko's images host/repo, v2.17 host/repo@sha256:…. */
export type GoreleaserVersion = 'v2.18.2' | 'v2.17.0';

const FIXTURE = join(REPO_ROOT, '__tests__/fixtures/goreleaser-hello');
const TOOLS = process.env.RELEASE_SIGNER_TOOLS ?? join(REPO_ROOT, '.tools');

/** goreleaser as scripts/setup-tools.sh built it; a missing one fails the test run, never skips it. */
export function goreleaserTool(version: GoreleaserVersion): string {
  const path = join(TOOLS, `goreleaser-${version}`, 'goreleaser');
  if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/setup-tools.sh first`);
  return path;
}

/** A base image index for ko (its default base registry is out of reach here): linux/amd64 and linux/arm64. */
async function pushBaseImage(registry: TestRegistry): Promise<string> {
  const repository = 'base/static';
  const amd64 = await pushPlatformManifest(registry, repository, 'amd64', 'ko-base');
  const arm64 = await pushPlatformManifest(registry, repository, 'arm64', 'ko-base');
  const index = await pushManifest(registry, repository, 'latest', {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      { ...amd64, mediaType: OCI_MANIFEST, platform: { architecture: 'amd64', os: 'linux' } },
      { ...arm64, mediaType: OCI_MANIFEST, platform: { architecture: 'arm64', os: 'linux' } },
    ],
  });
  return `${registry.host}/${repository}@${index.digest}`;
}

export interface GoreleaserRelease {
  /** goreleaser's dist folder: artifacts.json, archives, checksums.txt. */
  readonly dist: string;
  /** The repositories ko pushed the image to, `host/repo`. */
  readonly repositories: readonly string[];
  readonly seconds: number;
  /** Removes the project and its dist folder. */
  remove(): void;
}

async function git(cwd: string, ...args: string[]): Promise<void> {
  const result = await runProcess('git', args, { cwd });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/**
 * A real release of a tiny Go program, tagged v0.1.0: binaries for linux/amd64 and linux/arm64, archives,
 * checksums.txt, and ko images for both platforms pushed to two repositories of the loopback registry.
 * Nothing is published beyond the registry (release and changelog disabled, validation and announce skipped).
 */
export async function releaseWithGoreleaser(
  version: GoreleaserVersion,
  registry: TestRegistry,
): Promise<GoreleaserRelease> {
  const project = mkdtempSync(join(tmpdir(), `rs-goreleaser-${version}-`));
  cpSync(FIXTURE, project, { recursive: true });
  const repositories = [`${registry.host}/acme/hello`, `${registry.host}/acme/hello-mirror`];
  const config = readFileSync(join(project, 'goreleaser.yaml.template'), 'utf8')
    .replaceAll('${REGISTRY}', registry.host)
    .replaceAll('${BASE_IMAGE}', await pushBaseImage(registry));
  writeFileSync(join(project, '.goreleaser.yaml'), config);
  await git(project, 'init', '-q', '-b', 'main');
  await git(project, '-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'add', '.');
  await git(
    project,
    '-c',
    'user.name=test',
    '-c',
    'user.email=test@example.invalid',
    'commit',
    '-qm',
    'hello',
  );
  await git(project, 'tag', 'v0.1.0');
  // goreleaser reads the remote's URL for the release it would make; nothing is fetched from it.
  await git(project, 'remote', 'add', 'origin', 'https://github.com/acme/hello.git');
  const started = process.hrtime.bigint();
  const result = await runProcess(
    goreleaserTool(version),
    ['release', '--clean', '--skip=validate,announce', '--parallelism=2'],
    {
      cwd: project,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        // The program's go.mod asks for the machine's Go: nothing to fetch.
        GOTOOLCHAIN: 'local',
        GOFLAGS: '-mod=mod',
        // ko's keychain reads docker config; an empty one keeps the machine's out of it.
        DOCKER_CONFIG: project,
      },
      // A cold Go build cache compiles the standard library for both platforms first: minutes on 2 cores.
      timeoutMs: 600_000,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.code !== 0) throw new Error(`goreleaser ${version} failed:\n${result.stdout}\n${result.stderr}`);
  return {
    dist: join(project, 'dist'),
    repositories,
    seconds,
    remove: () => rmSync(project, { recursive: true, force: true }),
  };
}
