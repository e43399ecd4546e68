import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readPrivateKey
} from "./chunk-SWBRBIF7.js";
import "./chunk-JY6FLE2X.js";
import "./chunk-VUPAT57E.js";
export {
  readPrivateKey
};
