import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess, type ProcessResult } from './process.ts';
import { tool } from './tools.ts';

/** containers/image's configuration for one repository: a policy file and a registries.d directory. */
export interface ContainersPolicy {
  readonly policyPath: string;
  readonly registriesDir: string;
}

/**
 * A `sigstoreSigned` policy for `repository` (`host/path`) with the key at `publicKeyPath`, and the
 * registries.d entry that makes containers/image read cosign's `.sig` tags, as the README shows them.
 * `matchRepository`: cosign's docker-reference names the repository alone, the default wants a tag or digest.
 */
export function sigstorePolicy(repository: string, publicKeyPath: string): ContainersPolicy {
  const dir = mkdtempSync(join(tmpdir(), 'rs-containers-policy-'));
  const registriesDir = join(dir, 'registries.d');
  mkdirSync(registriesDir);
  writeFileSync(
    join(registriesDir, 'release-signer.yaml'),
    `docker:\n  ${repository}:\n    use-sigstore-attachments: true\n`,
  );
  const policyPath = join(dir, 'policy.json');
  const requirement = {
    type: 'sigstoreSigned',
    keyPath: publicKeyPath,
    signedIdentity: { type: 'matchRepository' },
  };
  writeFileSync(
    policyPath,
    JSON.stringify({
      default: [{ type: 'reject' }],
      transports: { docker: { [repository]: [requirement] } },
    }),
  );
  return { policyPath, registriesDir };
}

/**
 * `skopeo copy` (1.18, Debian trixie's, sigstore enabled) of `reference` from a plain-HTTP registry into a
 * fresh directory, under `policy`; `all` copies and checks every manifest of an index, as `copy --all`.
 */
export function skopeoCopy(
  reference: string,
  policy: ContainersPolicy,
  all: boolean,
): Promise<ProcessResult> {
  const home = mkdtempSync(join(tmpdir(), 'rs-skopeo-'));
  // No machine-wide registries.conf or mirror may change what is pulled.
  const registriesConf = join(home, 'registries.conf');
  writeFileSync(registriesConf, '');
  const args = [
    '--policy',
    policy.policyPath,
    '--registries.d',
    policy.registriesDir,
    'copy',
    ...(all ? ['--all'] : []),
    '--src-tls-verify=false',
    `docker://${reference}`,
    `dir:${join(home, 'copy')}`,
  ];
  return runProcess(tool('skopeo118'), args, {
    env: { PATH: process.env.PATH, HOME: home, CONTAINERS_REGISTRIES_CONF: registriesConf },
    timeoutMs: 120_000,
  });
}
