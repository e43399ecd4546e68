import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.ts';

const TINYPROXY_BINARY = '/usr/bin/tinyproxy';

/** Debian's tinyproxy on a free loopback port, with its own configuration and log. */
export interface TestProxy {
  /** `http://127.0.0.1:<port>`, as HTTPS_PROXY / HTTP_PROXY take it. */
  readonly url: string;
  /**
   * What the proxy was asked for, in order: `CONNECT host:port` for tunnels (https, and plain http
   * from undici, which tunnels too), `GET http://…` for requests forwarded in the clear.
   */
  requests(): string[];
  stop(): Promise<void>;
}

export async function startTinyproxy(): Promise<TestProxy> {
  const workDir = mkdtempSync(join(tmpdir(), 'rs-tinyproxy-'));
  const port = await freePort();
  const logFile = join(workDir, 'tinyproxy.log');
  const configFile = join(workDir, 'tinyproxy.conf');
  writeFileSync(
    configFile,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 120',
      `LogFile "${logFile}"`,
      // Connect logs every request line, CONNECT included.
      'LogLevel Connect',
      'MaxClients 200',
      'Allow 127.0.0.0/8',
      // No ConnectPort line: CONNECT to any port is allowed (the bench's services are on random ports).
      'DisableViaHeader Yes',
      '',
    ].join('\n'),
  );
  writeFileSync(logFile, '');
  const child = spawn(TINYPROXY_BINARY, ['-d', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`tinyproxy exited: ${stderr}`);
      return accepts(port);
    }, `tinyproxy on 127.0.0.1:${port}`);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    requests() {
      const lines = readFileSync(logFile, 'utf8').split('\n');
      return lines.flatMap((line) => {
        const match = /Request \(file descriptor \d+\): (\S+) (\S+) HTTP/.exec(line);
        return match ? [`${match[1]} ${match[2]}`] : [];
      });
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolveCheck) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolveCheck(true);
    });
    socket.once('error', () => resolveCheck(false));
  });
}
