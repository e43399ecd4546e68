import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRule, startRelay, type RelayRule } from './loopback-relay.ts';

const RELAY_PROGRAM = fileURLToPath(new URL('./loopback-relay.ts', import.meta.url));

/**
 * A network namespace with only loopback, for servers that bind more than they are told to (the TSA's
 * metrics on `:2112`, Fulcio's and Rekor's metrics ports): inside it, "every interface" is loopback, and
 * stacks started by parallel test files cannot collide on those fixed ports. The test process, the
 * registry, the action and cosign stay outside; the ports they use are relayed (see loopback-relay.ts).
 * Needs root (`unshare --net`), as sessions and CI have.
 */
export interface PrivateNetwork {
  /** Starts a long-running program inside; its output goes to `<logDir>/<name>.log`. */
  start(name: string, command: string, args: readonly string[]): ChildProcess;
  /** Makes inside ports reachable at the same numbers on the host's loopback, and host ports inside. */
  relay(inward: readonly number[], outward: readonly number[]): Promise<void>;
  /** Kills every process started inside (by PID), then the namespace's holder. */
  stop(): Promise<void>;
}

/** SIGTERM, then SIGKILL for a server that does not stop within a second. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => process.kill(pid, 'SIGKILL'), 1_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit();
    });
    process.kill(pid, 'SIGTERM');
  });
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolveLine(text.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
  });
}

export async function startPrivateNetwork(logDir: string): Promise<PrivateNetwork> {
  // `unshare` execs the shell in the new namespace, so the holder's PID names the namespace.
  const holder = spawn(
    'unshare',
    ['--net', '--', 'sh', '-c', 'ip link set lo up && echo up && exec sleep infinity'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await firstLine(holder, 'unshare --net (needs root)');
  const namespace = `--net=/proc/${holder.pid}/ns/net`;
  const children: ChildProcess[] = [];
  const relays: Server[] = [];

  const start = (name: string, command: string, args: readonly string[]): ChildProcess => {
    const log = openSync(join(logDir, `${name}.log`), 'a');
    // nsenter without --pid execs the program: the child's PID is the server's.
    const child = spawn('nsenter', [namespace, '--', command, ...args], {
      stdio: ['ignore', log, log],
      cwd: logDir,
    });
    children.push(child);
    return child;
  };

  return {
    start,
    async relay(inward, outward) {
      const socket = (port: number): string => join(logDir, `relay-${port}.sock`);
      const inside: RelayRule[] = [
        ...inward.map((port): RelayRule => ({ from: 'unix', socketPath: socket(port), port })),
        ...outward.map((port): RelayRule => ({ from: 'tcp', port, socketPath: socket(port) })),
      ];
      const program = spawn(
        'nsenter',
        [namespace, '--', process.execPath, RELAY_PROGRAM, ...inside.map(formatRule)],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      children.push(program);
      await firstLine(program, 'the loopback relay');
      for (const port of inward)
        relays.push(await startRelay({ from: 'tcp', port, socketPath: socket(port) }));
      for (const port of outward)
        relays.push(await startRelay({ from: 'unix', socketPath: socket(port), port }));
    },
    async stop() {
      for (const server of relays) server.close();
      await Promise.all(children.map(stopProcess));
      await stopProcess(holder);
    },
  };
}
