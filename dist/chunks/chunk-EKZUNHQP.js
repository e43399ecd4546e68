import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-6DG7BXTN.js";

// http-through-require:http
var require_http = __commonJS({
  "http-through-require:http"(exports, module) {
    module.exports = __require("node:http");
  }
});

// http-through-require:https
var require_https = __commonJS({
  "http-through-require:https"(exports, module) {
    module.exports = __require("node:https");
  }
});

export {
  require_http,
  require_https
};
