import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readPrivateKey,
  startReadingKeyEarly
} from "./chunk-FAG6YT7H.js";
import "./chunk-3XRRZSWV.js";
import "./chunk-6DG7BXTN.js";
export {
  readPrivateKey,
  startReadingKeyEarly
};
