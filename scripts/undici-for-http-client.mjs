// What @actions/http-client takes from undici (its proxy agent for the OIDC token request), without the
// rest of undici's index: see scripts/bundle.mjs. The dispatchers module gives proxy agents the request
// API they tunnel with. A name http-client starts to import from undici and this file does not give
// fails the build.
import '../src/util/undici-dispatchers.ts';

export { default as ProxyAgent } from 'undici/lib/dispatcher/proxy-agent.js';
