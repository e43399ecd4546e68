import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readPrivateKey,
  startReadingKeyEarly
} from "./chunk-LNFJCBG2.js";
import "./chunk-JY6FLE2X.js";
import "./chunk-VUPAT57E.js";
export {
  readPrivateKey,
  startReadingKeyEarly
};
