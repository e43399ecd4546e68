import { connect, createServer, type Socket } from 'node:net';
import { freePort } from './ports.ts';

/** A TCP relay to a loopback service that counts the connections it was handed. */
export interface CountingRelay {
  /** `127.0.0.1:<port>`, to write in image references in place of the service's own. */
  readonly host: string;
  connections(): number;
  stop(): Promise<void>;
}

/**
 * Tunnels hide requests from the proxy's log, so "every request went through the proxy" is shown by
 * connections instead: each one this relay accepted must match a CONNECT the proxy logged for it.
 */
export async function startCountingRelay(upstream: { host: string; port: number }): Promise<CountingRelay> {
  const port = await freePort();
  let accepted = 0;
  const open = new Set<Socket>();
  const server = createServer((inbound) => {
    accepted++;
    const outbound = connect(upstream.port, upstream.host);
    for (const socket of [inbound, outbound]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    }
    inbound.pipe(outbound).on('error', () => inbound.destroy());
    outbound.pipe(inbound).on('error', () => outbound.destroy());
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolveListen);
  });
  return {
    host: `127.0.0.1:${port}`,
    connections: () => accepted,
    stop: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        for (const socket of open) socket.destroy();
      }),
  };
}
