import { getExecOutput } from '@actions/exec';
import type { CredentialHelperRunner } from './docker-config.ts';

/** Docker's credential-helper protocol: `docker-credential-<name> get`, host on stdin, JSON on stdout. */
export const runCredentialHelper: CredentialHelperRunner = async (helper, host) => {
  const result = await getExecOutput(`docker-credential-${helper}`, ['get'], {
    input: Buffer.from(host),
    silent: true,
    ignoreReturnCode: true,
  });
  if (result.exitCode !== 0) throw new Error(`docker-credential-${helper} get exited ${result.exitCode}`);
  return result.stdout;
};
