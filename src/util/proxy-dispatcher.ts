import type { Dispatcher } from 'undici';
import { Agent, EnvHttpProxyAgent } from './undici-dispatchers.ts';

/** The variables undici's EnvHttpProxyAgent reads (lower case first, as curl and undici do). */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;

export interface DispatcherOptions {
  /** Accept any certificate from the destination (never from the proxy). */
  readonly allowInsecure?: boolean;
  readonly keepAliveTimeoutMs?: number;
}

/** Whether the environment names a proxy at all; NO_PROXY alone changes nothing. */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some((name) => (env[name] ?? '') !== '');
}

/**
 * The dispatcher for the action's own HTTP (registries, the GitHub API): undici's EnvHttpProxyAgent
 * when HTTPS_PROXY / HTTP_PROXY are set, so self-hosted runners behind a proxy work and NO_PROXY hosts
 * are reached directly; a plain Agent otherwise (EnvHttpProxyAgent warns that it is experimental).
 * undici 6 tunnels every request with CONNECT, plain http included, so the proxy relays bytes and never
 * handles a request (or its Authorization header) itself. Loopback is not exempt: only NO_PROXY is.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const destinationTls = options.allowInsecure ? { rejectUnauthorized: false } : undefined;
  const agentOptions: ConstructorParameters<typeof Agent>[0] & object = {
    ...(options.keepAliveTimeoutMs !== undefined ? { keepAliveTimeout: options.keepAliveTimeoutMs } : {}),
    ...(destinationTls ? { connect: destinationTls } : {}),
  };
  if (!proxyConfigured()) return new Agent(agentOptions);
  // Through a tunnel, the destination's TLS is set by `requestTls` (`connect` is the proxy agent's own).
  const proxyOptions: ConstructorParameters<typeof EnvHttpProxyAgent>[0] & {
    requestTls?: typeof destinationTls;
  } = {
    ...agentOptions,
    ...(destinationTls ? { requestTls: destinationTls } : {}),
  };
  return new EnvHttpProxyAgent(proxyOptions);
}

let shared: Dispatcher | undefined;

/** One dispatcher, verifying certificates, for the run's occasional requests (the GitHub API). */
export function sharedDispatcher(): Dispatcher {
  shared ??= createDispatcher();
  return shared;
}
