import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, globSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PrivateNetwork } from './private-network.ts';
import { freePort } from './ports.ts';
import { runProcess } from './process.ts';
import { waitForHttp } from './sigstore-servers.ts';
import { sigstoreServer } from './tools.ts';

/** The Trillian signer's ports, only used inside the namespace. */
const TRILLIAN_SIGNER = { rpc: 5562, http: 5563 };
const STARTUP_MS = 30_000;

/** Debian's PostgreSQL binaries (`postgresql` package; setup-tools.sh installs it). */
function postgresBin(name: 'initdb' | 'postgres'): string {
  const [path] = globSync(`/usr/lib/postgresql/*/bin/${name}`);
  if (!path) throw new Error(`PostgreSQL's ${name} is missing: run scripts/setup-tools.sh first`);
  return path;
}

/** PostgreSQL refuses to run as root: its processes run as the `postgres` user (setpriv execs, keeping the PID). */
function asPostgres(command: string, args: readonly string[]): [string, string[]] {
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--clear-groups', '--', command, ...args]];
}

async function waitForSql(socketDir: string, sql: string[]): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    const result = await runProcess('psql', [
      '-h',
      socketDir,
      '-U',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      ...sql,
    ]);
    if (result.code === 0) return;
    if (Date.now() > deadline) throw new Error(`PostgreSQL: ${result.stderr}`);
    await new Promise((resolveLater) => setTimeout(resolveLater, 100));
  }
}

/**
 * Rekor v1 on Trillian (log server + signer) on a PostgreSQL cluster of its own, reached by Unix socket
 * only. Rekor creates its tree on first start. It binds metrics on `:2112` and ignores failing to: start
 * it after the TSA, which exits if that port is taken.
 */
export async function startRekorV1(
  network: PrivateNetwork,
  options: { dir: string; port: number },
): Promise<{ url: string; publicKeyPem: string }> {
  const pgData = join(options.dir, 'postgres');
  mkdirSync(pgData);
  const postgresUid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const postgresGid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  chownSync(pgData, postgresUid, postgresGid);
  chmodSync(pgData, 0o700);
  chmodSync(options.dir, 0o711);
  const [initdb, initdbArgs] = asPostgres(postgresBin('initdb'), [
    '-D',
    pgData,
    '-U',
    'postgres',
    '--auth=trust',
  ]);
  const initialized = await runProcess(initdb, initdbArgs);
  if (initialized.code !== 0) throw new Error(`initdb failed: ${initialized.stderr}`);
  const [postgres, postgresArgs] = asPostgres(postgresBin('postgres'), [
    '-D',
    pgData,
    '-k',
    pgData,
    '-c',
    'listen_addresses=',
    '-c',
    'fsync=off',
  ]);
  network.start('postgres', postgres, postgresArgs);
  await waitForSql(pgData, ['-c', 'CREATE DATABASE trillian']);
  const schema = join(dirname(realpathSync(sigstoreServer('trillian_log_server'))), 'postgresql-storage.sql');
  if (!existsSync(schema)) throw new Error(`${schema} is missing: run scripts/setup-tools.sh first`);
  await waitForSql(pgData, ['-d', 'trillian', '-q', '-f', schema]);

  const storage = [
    '--storage_system=postgresql',
    '--quota_system=noop',
    `--postgresql_uri=postgresql:///trillian?host=${pgData}&user=postgres`,
  ];
  // Rekor panics if the log server is not up yet: its HTTP port is relayed out only to wait for it, so
  // both of its ports are free ones on the host too.
  const [logServerRpc, logServerHttp] = await Promise.all([freePort(), freePort()]);
  await network.relay([logServerHttp], []);
  const logServer = network.start('trillian-log-server', sigstoreServer('trillian_log_server'), [
    ...storage,
    `--rpc_endpoint=127.0.0.1:${logServerRpc}`,
    `--http_endpoint=127.0.0.1:${logServerHttp}`,
  ]);
  network.start('trillian-log-signer', sigstoreServer('trillian_log_signer'), [
    ...storage,
    '--force_master',
    '--sequencer_interval=50ms',
    `--rpc_endpoint=127.0.0.1:${TRILLIAN_SIGNER.rpc}`,
    `--http_endpoint=127.0.0.1:${TRILLIAN_SIGNER.http}`,
  ]);
  await waitForHttp(`http://127.0.0.1:${logServerHttp}/`, logServer, 'trillian-log-server', options.dir);
  const rekor = network.start('rekor-v1', sigstoreServer('rekor-server'), [
    'serve',
    '--trillian_log_server.address=127.0.0.1',
    `--trillian_log_server.port=${logServerRpc}`,
    '--rekor_server.address=127.0.0.1',
    // Checkpoints are signed under this name; @sigstore/verify requires the log's URL in the trusted root
    // to contain it (the default, the machine's host name, fails read-back: "invalid checkpoint signature").
    '--rekor_server.hostname=127.0.0.1',
    `--port=${options.port}`,
    '--rekor_server.signer=memory',
    // The search index needs Redis; without it these are all a signer and cosign use.
    '--enable_retrieve_api=false',
    '--enabled_api_endpoints=getLogInfo,getPublicKey,getLogProof,createLogEntry,getLogEntryByIndex,getLogEntryByUUID,searchLogQuery',
  ]);
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/api/v1/log`, rekor, 'rekor-v1', options.dir);
  const deadline = Date.now() + STARTUP_MS;
  // Rekor answers before its tree exists; the log info says when it is ready.
  while (!(await fetch(`${url}/api/v1/log`).then((response) => response.ok))) {
    if (Date.now() > deadline) throw new Error(`rekor-v1 has no log after ${STARTUP_MS} ms`);
    await new Promise((resolveLater) => setTimeout(resolveLater, 100));
  }
  const publicKeyPem = await (await fetch(`${url}/api/v1/log/publicKey`)).text();
  return { url, publicKeyPem };
}
