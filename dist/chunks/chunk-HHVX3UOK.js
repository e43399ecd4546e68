import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  import_agent,
  import_env_http_proxy_agent
} from "./chunk-33OM53QW.js";

// src/util/proxy-dispatcher.ts
var PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"];
function proxyConfigured(env = process.env) {
  return PROXY_VARIABLES.some((name) => (env[name] ?? "") !== "");
}
function createDispatcher(options = {}) {
  const destinationTls = options.allowInsecure ? { rejectUnauthorized: false } : void 0;
  const agentOptions = {
    ...options.keepAliveTimeoutMs !== void 0 ? { keepAliveTimeout: options.keepAliveTimeoutMs } : {},
    ...destinationTls ? { connect: destinationTls } : {}
  };
  if (!proxyConfigured()) return new import_agent.default(agentOptions);
  const proxyOptions = {
    ...agentOptions,
    ...destinationTls ? { requestTls: destinationTls } : {}
  };
  return new import_env_http_proxy_agent.default(proxyOptions);
}
var shared;
function sharedDispatcher() {
  shared ??= createDispatcher();
  return shared;
}

export {
  createDispatcher,
  sharedDispatcher
};
