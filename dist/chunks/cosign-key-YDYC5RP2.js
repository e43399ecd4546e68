import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readPrivateKey
} from "./chunk-ZS3SVDX7.js";
import "./chunk-CMQZETMK.js";
import "./chunk-VUPAT57E.js";
export {
  readPrivateKey
};
