import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_dist
} from "./chunk-VHMCSZIG.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/provenance/yaml-parser.ts
var import_yaml = __toESM(require_dist(), 1);
var export_YAMLParseError = import_yaml.YAMLParseError;
var export_parse = import_yaml.parse;
export {
  export_YAMLParseError as YAMLParseError,
  export_parse as parse
};
