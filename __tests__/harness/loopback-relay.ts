import { connect, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Carries TCP connections between two network namespaces' loopbacks through Unix sockets, which live in
 * the file system and so are shared by both. One side listens on `127.0.0.1:PORT` and forwards each
 * connection to a Unix socket; the other side listens on that socket and connects to `127.0.0.1:PORT` in
 * its own namespace. The same port number on both sides keeps URLs (and the trusted root naming them)
 * valid in either namespace.
 */
export type RelayRule =
  | { readonly from: 'tcp'; readonly port: number; readonly socketPath: string }
  | { readonly from: 'unix'; readonly socketPath: string; readonly port: number };

function pipeBoth(inbound: Socket, outbound: Socket): void {
  inbound.pipe(outbound).on('error', () => inbound.destroy());
  outbound.pipe(inbound).on('error', () => outbound.destroy());
  inbound.on('error', () => outbound.destroy());
  outbound.on('error', () => inbound.destroy());
}

export function startRelay(rule: RelayRule): Promise<Server> {
  const server = createServer((inbound) => {
    const outbound =
      rule.from === 'tcp' ? connect(rule.socketPath) : connect({ host: '127.0.0.1', port: rule.port });
    pipeBoth(inbound, outbound);
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    if (rule.from === 'tcp') server.listen(rule.port, '127.0.0.1', () => resolveListen(server));
    else {
      rmSync(rule.socketPath, { force: true });
      server.listen(rule.socketPath, () => resolveListen(server));
    }
  });
}

/** `tcp:PORT=SOCKET` or `unix:SOCKET=PORT`, as the relay inside the namespace takes them on its command line. */
export function formatRule(rule: RelayRule): string {
  return rule.from === 'tcp' ? `tcp:${rule.port}=${rule.socketPath}` : `unix:${rule.socketPath}=${rule.port}`;
}

function parseRule(text: string): RelayRule {
  const [kind, rest = ''] = text.split(/:(.*)/s, 2);
  const [left = '', right = ''] = rest.split('=');
  if (kind === 'tcp') return { from: 'tcp', port: Number(left), socketPath: right };
  if (kind === 'unix') return { from: 'unix', socketPath: left, port: Number(right) };
  throw new Error(`bad relay rule ${text}`);
}

// Run as a program inside the private namespace: relays every rule given, says "ready", runs until killed.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await Promise.all(process.argv.slice(2).map((text) => startRelay(parseRule(text))));
  process.stdout.write('ready\n');
}
