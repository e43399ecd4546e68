// The parts of undici the registry client loads on its own (undici-dispatchers.ts). undici 6 has no
// "exports" map; these files are its own modules, typed here as its index types them.
declare module 'undici/lib/dispatcher/dispatcher.js' {
  import { Dispatcher } from 'undici';
  export default Dispatcher;
}

declare module 'undici/lib/api/index.js' {
  /** The request API (request, stream, pipeline, upgrade, connect) undici's index puts on Dispatcher. */
  const api: Record<string, unknown>;
  export default api;
}

declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import { EnvHttpProxyAgent } from 'undici';
  export default EnvHttpProxyAgent;
}
