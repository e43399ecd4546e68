// undici's dispatchers without its index: the index also loads fetch, WebSocket, caches and mocks, a
// fifth of the run's start-up, which only the GitHub API client (loaded later) uses. As the index does,
// the request API goes on Dispatcher's prototype: callers use `request`, and proxy agents `connect` to
// open their tunnels.
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';

Object.assign(Dispatcher.prototype, api);

export { default as Agent } from 'undici/lib/dispatcher/agent.js';
export { default as EnvHttpProxyAgent } from 'undici/lib/dispatcher/env-http-proxy-agent.js';
