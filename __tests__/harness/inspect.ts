import { runProcess } from './process.ts';
import { registryFetch, type TestRegistry } from './registry.ts';
import { tool } from './tools.ts';

export interface ManifestJson {
  mediaType: string;
  layers: { digest: string; mediaType: string; annotations?: Record<string, string> }[];
  manifests: { digest: string; artifactType?: string; annotations?: Record<string, string> }[];
  subject?: { digest: string };
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** Tags of a repository, as `crane ls` lists them (the independent view of what we wrote). */
export async function craneTags(registry: TestRegistry, repository: string): Promise<string[]> {
  const result = await runProcess(tool('crane'), ['ls', '--insecure', `${registry.host}/${repository}`]);
  if (result.code !== 0) {
    if (/NAME_UNKNOWN|not found|404/i.test(result.stderr)) return [];
    throw new Error(`crane ls failed: ${result.stderr}`);
  }
  return result.stdout.split('\n').filter(Boolean);
}

export async function readManifest(
  registry: TestRegistry,
  repository: string,
  reference: string,
): Promise<ManifestJson | undefined> {
  const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';
  const response = await registryFetch(registry, `/v2/${repository}/manifests/${reference}`, {
    headers: { accept },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${repository}:${reference}: ${response.status}`);
  return (await response.json()) as ManifestJson;
}

/** Referrer digests of a manifest: the referrers API where the registry has it, else the fallback tag. */
export async function referrerDigests(
  registry: TestRegistry,
  repository: string,
  digest: string,
): Promise<string[]> {
  if (registry.kind === 'referrers-api') {
    const response = await registryFetch(registry, `/v2/${repository}/referrers/${digest}`);
    if (!response.ok) throw new Error(`referrers ${digest}: ${response.status}`);
    return ((await response.json()) as ManifestJson).manifests.map((m) => m.digest);
  }
  const index = await readManifest(registry, repository, digest.replace(':', '-'));
  return index?.manifests.map((m) => m.digest) ?? [];
}

export async function sigLayerCount(
  registry: TestRegistry,
  repository: string,
  digest: string,
): Promise<number> {
  return (await readManifest(registry, repository, `${digest.replace(':', '-')}.sig`))?.layers.length ?? 0;
}
