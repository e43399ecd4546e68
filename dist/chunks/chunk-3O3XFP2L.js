import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  dedupeImages,
  hasImages,
  invalid,
  maskSecret,
  readBoolean,
  readItems,
  readList,
  readMatcher,
  readPositiveInt,
  readSigningConfig,
  readUrl,
  refuseLegacyWithRekorV2,
  runnerInputs,
  sha256Digest
} from "./chunk-RLM32AF5.js";
import {
  collectReleaseFiles
} from "./chunk-X7RMJIHO.js";
import {
  checkEventTrust,
  readNamedKey
} from "./chunk-YWQGZ7NA.js";
import {
  debug,
  error,
  getExecOutput,
  group,
  info,
  notice,
  setFailed,
  warning
} from "./chunk-XYWGFMR2.js";
import {
  createDispatcher
} from "./chunk-HHVX3UOK.js";
import {
  FROM_IMAGE,
  HEADER_DOCKER_CONTENT_DIGEST,
  HEADER_OCI_SUBJECT,
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
  OCI_INDEX,
  SLSA_V02,
  SLSA_V1,
  SOURCE_UNREADABLE,
  appendPhaseTimings,
  concatOwned,
  isDigest,
  isFresh,
  isIndexMediaType,
  notePhase,
  parseImageName,
  parseImageRef,
  rankRejections,
  sinceStart,
  timed,
  toDigestRef,
  toDigestTag,
  toRepositoryName
} from "./chunk-AL3OZD36.js";
import {
  mapLimit
} from "./chunk-EZKYYZEX.js";
import {
  escapeControls,
  escapeUntrusted,
  quoteUntrusted,
  toLogText
} from "./chunk-Y4GPJUWM.js";
import {
  SignerError,
  describeCause
} from "./chunk-3XRRZSWV.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-6DG7BXTN.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar;
    exports.isSeq = isSeq;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path) {
      const ctrl = callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path) {
      const ctrl = await callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
      return void 0;
    }
    function replaceNode(key, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error2) {
            onError(String(error2));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error2 = new Error("Failed to resolve repeated object (this should not happen)");
              error2.source = source;
              throw error2;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key, ...rest] = path;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug2(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning2) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning2);
        else
          console.warn(warning2);
      }
    }
    exports.debug = debug2;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError2 = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error2) => {
      if (error2.pos[0] === -1)
        return;
      error2.linePos = error2.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error2.linePos[0];
      error2.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error2.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error2.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError2;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap = fc.start.source === "{";
      const fcName = isMap ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error2 = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error2 === -1)
            error2 = offset + i;
        }
      }
      if (error2 !== -1)
        onError(error2, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error2) {
        const msg = error2 instanceof Error ? error2.message : String(error2);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error2) {
            const message = error2 instanceof Error ? error2.message : String(error2);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning2) => {
          const pos = getErrorPos(source);
          if (warning2)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning2) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning2);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error2 = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error2);
            else
              this.doc.errors.push(error2);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error2) {
        const token = error2 ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse2(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning2) => log.warn(doc.options.logLevel, warning2));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse2;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/github/context.ts
import { readFileSync, statSync } from "node:fs";
var MAX_EVENT_BYTES = 8 * 1024 * 1024;
function readEventPayload(path) {
  if (!path) return { status: "absent" };
  let bytes;
  try {
    if (statSync(path).size > MAX_EVENT_BYTES)
      return { status: "unusable", problem: `is larger than ${MAX_EVENT_BYTES / 1024 / 1024} MiB` };
    bytes = readFileSync(path, "utf8");
  } catch {
    return { status: "unusable", problem: "could not be read" };
  }
  let json;
  try {
    json = JSON.parse(bytes);
  } catch {
    return { status: "unusable", problem: "is not JSON" };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return { status: "unusable", problem: "is not a JSON object" };
  return { status: "read", json };
}
function readRunContext(env = process.env) {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const repository = env.GITHUB_REPOSITORY ?? "";
  return {
    eventName,
    eventTrust: checkEventTrust(eventName, readEventPayload(env.GITHUB_EVENT_PATH), repository),
    repository,
    sha: env.GITHUB_SHA ?? "",
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    runId: env.GITHUB_RUN_ID ?? "",
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    ref: env.GITHUB_REF ?? "",
    tempDir: env.RUNNER_TEMP ?? env.TMPDIR ?? "/tmp",
    canRequestIdToken: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    ...env.RELEASE_SIGNER_TIMINGS ? { timingsFile: env.RELEASE_SIGNER_TIMINGS } : {}
  };
}

// src/provenance/provenance-inputs.ts
import { createPublicKey } from "node:crypto";

// src/provenance/exceptions.ts
var import_yaml = __toESM(require_dist(), 1);

// src/provenance/policy-file.ts
import { existsSync, readFileSync as readFileSync2, realpathSync, statSync as statSync2 } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
var MAX_POLICY_BYTES = 256 * 1024;
var FIX = "Give the path of a policy file inside the workspace (the repository), or the policy inline";
function looksLikePath(value, workspace) {
  if (value.includes("\n") || value.startsWith("{")) return false;
  return /\.(ya?ml|json)$/i.test(value) || existsSync(resolve(workspace, value));
}
function readPolicyText(value, workspace) {
  const trimmed = value.trim();
  if (!trimmed || !looksLikePath(trimmed, workspace)) return value;
  const shown = quoteUntrusted(trimmed);
  let real;
  let root;
  try {
    real = realpathSync(resolve(workspace, trimmed));
    root = realpathSync(workspace);
  } catch {
    throw invalid("provenance-policy", `${shown} is not a file in the workspace`, FIX);
  }
  const inside = relative(root, real);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
    throw invalid("provenance-policy", `${shown} is outside the workspace ${quoteUntrusted(root)}`, FIX);
  }
  const stat = statSync2(real);
  if (!stat.isFile()) throw invalid("provenance-policy", `${shown} is not a file`, FIX);
  if (stat.size > MAX_POLICY_BYTES)
    throw invalid("provenance-policy", `${shown} is larger than ${MAX_POLICY_BYTES} bytes`, FIX);
  try {
    return readFileSync2(real, "utf8");
  } catch {
    throw invalid("provenance-policy", `${shown} cannot be read`, FIX);
  }
}

// src/provenance/exceptions.ts
var NO_EXCEPTIONS = { images: {}, repositories: {} };
function invalid2(why) {
  return new SignerError(
    "INPUT_INVALID",
    `Input 'provenance-policy': ${why}. Expected YAML or JSON like {images: {"rancher/fleet-agent": {source-repository: rancher/fleet}}, repositories: {"rancher/fleet": {workflows: [release.yml]}}}.`
  );
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function readString(entry, key, where) {
  const value = entry[key];
  if (value === void 0) return void 0;
  if (typeof value !== "string" || value.trim() === "")
    throw invalid2(`${where}: ${key} must be a non-empty string`);
  return value.trim();
}
function checkRegex(pattern, where) {
  if (pattern === void 0) return void 0;
  try {
    new RegExp(pattern);
  } catch {
    throw invalid2(`${where} is not a valid regular expression`);
  }
  return pattern;
}
function parseProvenancePolicy(text) {
  if (!text.trim()) return NO_EXCEPTIONS;
  if (text.length > MAX_POLICY_BYTES) throw invalid2(`it is larger than ${MAX_POLICY_BYTES} bytes`);
  let document;
  try {
    document = (0, import_yaml.parse)(text, { maxAliasCount: 10 });
  } catch (err) {
    const at = err instanceof import_yaml.YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : "";
    throw invalid2(
      `it is neither YAML nor JSON (${err instanceof import_yaml.YAMLParseError ? err.code : "unreadable"}${at})`
    );
  }
  if (!isRecord(document)) throw invalid2("it is not a mapping");
  for (const key of Object.keys(document))
    if (key !== "images" && key !== "repositories")
      throw invalid2("it has a top-level key other than images and repositories");
  const images = {};
  const rawImages = document.images ?? {};
  if (!isRecord(rawImages)) throw invalid2("images must be a mapping");
  for (const [position, [name, entry]] of Object.entries(rawImages).entries()) {
    const where = `images, entry ${position + 1}`;
    if (!isRecord(entry)) throw invalid2(`${where} must be a mapping`);
    for (const key of Object.keys(entry))
      if (key !== "source-repository" && key !== "skip")
        throw invalid2(`${where} has a key other than source-repository and skip`);
    const sourceRepository = readString(entry, "source-repository", where);
    if (sourceRepository && !/^[\w.-]+\/[\w.-]+$/.test(sourceRepository))
      throw invalid2(`${where}: source-repository must be owner/repo`);
    const skip = readString(entry, "skip", where);
    images[name] = { ...sourceRepository ? { sourceRepository } : {}, ...skip ? { skip } : {} };
  }
  const repositories = {};
  const rawRepositories = document.repositories ?? {};
  if (!isRecord(rawRepositories)) throw invalid2("repositories must be a mapping");
  for (const [position, [name, entry]] of Object.entries(rawRepositories).entries()) {
    const where = `repositories, entry ${position + 1}`;
    if (!isRecord(entry)) throw invalid2(`${where} must be a mapping`);
    for (const key of Object.keys(entry)) {
      if (!["identity-regex", "workflows", "builder-regex"].includes(key))
        throw invalid2(`${where} has a key other than identity-regex, workflows and builder-regex`);
    }
    const workflows = entry.workflows;
    if (workflows !== void 0 && (!Array.isArray(workflows) || !workflows.every((w) => typeof w === "string" && /^[\w.-]+$/.test(w)))) {
      throw invalid2(`${where}: workflows must be a list of workflow file names`);
    }
    const identityRegex = checkRegex(readString(entry, "identity-regex", where), `${where}: identity-regex`);
    const builderRegex = checkRegex(readString(entry, "builder-regex", where), `${where}: builder-regex`);
    repositories[name.toLowerCase()] = {
      ...identityRegex ? { identityRegex } : {},
      ...builderRegex ? { builderRegex } : {},
      ...workflows ? { workflows } : {}
    };
  }
  return { images, repositories };
}

// src/provenance/provenance-inputs.ts
var DEFAULT_BUILD_TYPES = [
  "https://mobyproject.org/buildkit@v1",
  "https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md",
  "https://actions.github.io/buildtypes/workflow/v1",
  "https://github.com/slsa-framework/slsa-github-generator/container@v1",
  "https://github.com/rancherlabs/slsactl/tree/main/buildtypes/buildkit-gha/v1"
];
var DEFAULT_WORKFLOW_FILES = ["release.yml", "release.yaml"];
var DEFAULT_TRIGGERS = ["push", "release", "workflow_dispatch"];
var PROVENANCE_SOURCES = ["cosign", "referrers", "github", "buildkit"];
var KEY_FIX = "Give the PEM text of the public key that signed the provenance (cosign.pub, -----BEGIN PUBLIC KEY-----), or leave it empty for keyless provenance";
function readProvenanceKey(source) {
  const pem = source.get("provenance-key").trim();
  if (!pem) return "";
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    maskSecret(source, pem);
    throw invalid(
      "provenance-key",
      "is a private key, which a verifier never needs",
      `${KEY_FIX}. Treat the private key as exposed and rotate it`
    );
  }
  try {
    if (!pem.includes("-----BEGIN PUBLIC KEY-----")) throw new Error("no PUBLIC KEY block");
    createPublicKey(pem);
  } catch {
    throw invalid("provenance-key", "not a PEM public key", KEY_FIX);
  }
  return pem;
}
function parseWorkflowRef(workflowRef) {
  const match = /^([\w.-]+\/[\w.-]+)\/\.github\/workflows\/([\w.-]+)@/.exec(workflowRef ?? "");
  return match?.[1] && match[2] ? { repository: match[1], file: match[2] } : void 0;
}
function readProvenance(source) {
  const mode = source.get("provenance").trim().toLowerCase() || "required";
  if (mode !== "required" && mode !== "if-present" && mode !== "off") {
    throw invalid(
      "provenance",
      `${quoteUntrusted(mode)} is not a mode`,
      "Use 'required', 'if-present' or 'off'"
    );
  }
  const sources = readItems(source, "provenance-sources", PROVENANCE_SOURCES);
  for (const name of sources) {
    if (!PROVENANCE_SOURCES.includes(name)) {
      throw invalid(
        "provenance-sources",
        `${quoteUntrusted(name)} is not a source`,
        `Use some of ${PROVENANCE_SOURCES.join(", ")}`
      );
    }
  }
  const maxAge = source.get("provenance-max-age-hours").trim();
  if (maxAge && !(Number(maxAge) > 0))
    throw invalid(
      "provenance-max-age-hours",
      `${quoteUntrusted(maxAge)} is not a positive number`,
      "Give hours, e.g. 24"
    );
  const publicKeyPem = readProvenanceKey(source);
  const sourceRepository = source.get("provenance-source-repository").trim() || source.env("GITHUB_REPOSITORY") || "";
  if (mode !== "off" && sourceRepository !== FROM_IMAGE && !/^[\w.-]+\/[\w.-]+$/.test(sourceRepository)) {
    throw invalid(
      "provenance-source-repository",
      `${quoteUntrusted(sourceRepository)} is not owner/repo`,
      "Set it to the owner/repo that built the images, run inside GitHub Actions where GITHUB_REPOSITORY says it, or set 'provenance: off'"
    );
  }
  const revision = source.get("provenance-revision").trim() || source.env("GITHUB_SHA") || "";
  const ref = source.get("provenance-ref").trim() || source.env("GITHUB_REF") || "";
  const identity = readMatcher(source, "provenance-identity");
  const builder = readMatcher(source, "provenance-builder-id");
  const listedWorkflows = readItems(source, "provenance-workflows", []);
  const runWorkflow = listedWorkflows.length ? void 0 : parseWorkflowRef(source.env("GITHUB_WORKFLOW_REF"));
  return {
    mode,
    sources,
    trustUnsignedBuildkit: readBoolean(source, "trust-unsigned-buildkit", false),
    predicateTypes: readItems(source, "provenance-predicate-types", [SLSA_V1, SLSA_V02]),
    buildTypes: readItems(source, "provenance-build-types", DEFAULT_BUILD_TYPES),
    issuer: source.get("provenance-issuer").trim() || "https://token.actions.githubusercontent.com",
    ...identity ? { identity } : {},
    workflowFiles: listedWorkflows.length ? listedWorkflows : DEFAULT_WORKFLOW_FILES,
    ...runWorkflow ? { runWorkflow } : {},
    sourceRepository,
    ...revision ? { revision } : {},
    ...ref ? { ref } : {},
    ...builder ? { builder } : {},
    triggers: readItems(source, "provenance-triggers", DEFAULT_TRIGGERS),
    runnerEnvironments: readItems(source, "provenance-runner-environments", ["github-hosted"]),
    ...maxAge ? { maxAgeHours: Number(maxAge) } : {},
    ...publicKeyPem ? { publicKeyPem } : {},
    exceptions: parseProvenancePolicy(
      readPolicyText(source.get("provenance-policy"), source.env("GITHUB_WORKSPACE") || process.cwd())
    )
  };
}

// src/sigstore/signing-services-inputs.ts
var DEFAULT_REKOR_URL = "https://rekor.sigstore.dev";
var DEFAULT_FULCIO_URL = "https://fulcio.sigstore.dev";
var INPUT_SIGNING_CONFIG = "signing-config";
var SIGNING_CONFIG_FROM_TUF = "tuf";
function readSigningServices(source, tlogUpload) {
  const signingConfigPath = source.get(INPUT_SIGNING_CONFIG).trim();
  if (!signingConfigPath) {
    return {
      ...tlogUpload ? { tlog: { rekorUrl: readUrl(source, "rekor-url", DEFAULT_REKOR_URL), majorApiVersion: 1 } } : {},
      ...source.get("tsa-url").trim() ? { tsaUrl: readUrl(source, "tsa-url", "") } : {}
    };
  }
  const explicit = [
    ["fulcio-url", DEFAULT_FULCIO_URL],
    ["rekor-url", DEFAULT_REKOR_URL],
    ["tsa-url", ""]
  ].filter(([name = "", fallback]) => {
    const value = source.get(name).trim();
    return value !== "" && value !== fallback;
  });
  if (explicit.length > 0) {
    const names = explicit.map(([name]) => `'${name}'`).join(", ");
    throw new SignerError(
      "INPUT_CONFLICT",
      `Inputs '${INPUT_SIGNING_CONFIG}' and ${names} conflict: the signing config already chooses Fulcio, the log and the timestamp authority. Remove ${names}, or '${INPUT_SIGNING_CONFIG}'.`
    );
  }
  if (signingConfigPath === SIGNING_CONFIG_FROM_TUF) {
    if (source.get("trusted-root").trim()) {
      throw new SignerError(
        "INPUT_CONFLICT",
        `Inputs '${INPUT_SIGNING_CONFIG}: tuf' and 'trusted-root' conflict: the signing config would come from a TUF repository and the trust from a file. Give both as files ('${INPUT_SIGNING_CONFIG}' a path), or both through TUF (no 'trusted-root'; 'tuf-mirror-url' and 'tuf-root' for a private repository).`
      );
    }
    return { fromTuf: { tlogUpload } };
  }
  const chosen = readSigningConfig(signingConfigPath);
  return {
    signingConfigPath,
    ...chosen.fulcioUrl ? { fulcioUrl: chosen.fulcioUrl } : {},
    ...tlogUpload && chosen.tlog ? { tlog: chosen.tlog } : {},
    ...chosen.tsaUrl ? { tsaUrl: chosen.tsaUrl } : {}
  };
}

// src/files/file-inputs.ts
var GORELEASER_FILE_FILTERS = [
  "none",
  "checksum",
  "source",
  "archive",
  "binary",
  "package",
  "sbom",
  "all"
];
function readFilesConfig(source, goreleaserArtifacts) {
  const values = source.get("goreleaser-files").split(/[,\r\n]+/).map((value) => value.trim().toLowerCase()).filter((value) => value !== "");
  const filters = values.map((value) => {
    const filter = GORELEASER_FILE_FILTERS.find((known) => known === value);
    if (filter === void 0)
      throw invalid(
        "goreleaser-files",
        `${quoteUntrusted(value)} is not a filter`,
        `Use one or more of ${GORELEASER_FILE_FILTERS.map((name) => `'${name}'`).join(", ")}, as goreleaser's signs.artifacts`
      );
    return filter;
  });
  const goreleaserFilters = [...new Set(filters.filter((filter) => filter !== "none"))];
  if (goreleaserFilters.length > 0 && filters.includes("none"))
    throw invalid("goreleaser-files", "'none' beside other filters", "Use 'none' alone, or leave it out");
  if (goreleaserFilters.length > 0 && goreleaserArtifacts === void 0)
    throw invalid(
      "goreleaser-files",
      `'${goreleaserFilters.join(", ")}' needs goreleaser's artifacts`,
      "Set 'goreleaser-artifacts' to dist/artifacts.json or goreleaser-action's artifacts output"
    );
  return {
    patterns: readList(source, "files"),
    goreleaserFilters,
    ...goreleaserFilters.length > 0 && goreleaserArtifacts !== void 0 ? { goreleaserArtifacts } : {},
    uploadToRelease: readBoolean(source, "upload-to-release", false)
  };
}
function wantsFiles(config) {
  return config.patterns.length > 0 || config.goreleaserFilters.length > 0;
}

// src/subjects/subject-inputs.ts
import { readFileSync as readFileSync3, statSync as statSync3 } from "node:fs";

// src/subjects/build-push.ts
function parseBuildMetadata(json) {
  const where = "Input 'build-metadata'";
  let metadata;
  try {
    metadata = JSON.parse(json);
  } catch {
    throw new SignerError(
      "INPUT_INVALID",
      `${where} is not JSON. Pass \${{ steps.<build>.outputs.metadata }}.`
    );
  }
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new SignerError(
      "INPUT_INVALID",
      `${where} is not a JSON object, as docker/build-push-action's metadata output is.`
    );
  }
  const record = metadata;
  const digest = record["containerimage.digest"];
  const names = record["image.name"];
  if (typeof digest !== "string" || !isDigest(digest)) {
    throw new SignerError(
      "INPUT_INVALID",
      `${where} has no containerimage.digest: the build did not push an image. Set push: true on the build step.`
    );
  }
  if (typeof names !== "string" || !names.trim()) {
    throw new SignerError("INPUT_INVALID", `${where} has no image.name: give the build step tags to push.`);
  }
  return names.split(",").map((name) => name.trim()).filter(Boolean).map((name) => {
    const parsed = parseImageName(name, `${where}, image.name ${quoteUntrusted(name)}`);
    return {
      registry: parsed.registry,
      repository: parsed.repository,
      digest,
      ...parsed.tag ? { tag: parsed.tag } : {}
    };
  });
}

// src/subjects/goreleaser.ts
var DOCKERS_V2_IMAGE = "Docker Image";
var LEGACY_PUBLISHED_IMAGE = "Published Docker Image";
var DOCKER_MANIFEST = "Docker Manifest";
var MAX_ENTRIES = 2e4;
var ARTIFACT_TYPE_FILTERS = ["", "none", "images", "manifests", "all"];
var TYPES_BY_FILTER = {
  "": [DOCKERS_V2_IMAGE],
  none: [],
  images: [DOCKERS_V2_IMAGE, LEGACY_PUBLISHED_IMAGE],
  manifests: [DOCKER_MANIFEST, DOCKERS_V2_IMAGE],
  all: [DOCKERS_V2_IMAGE, LEGACY_PUBLISHED_IMAGE, DOCKER_MANIFEST]
};
function describeFilter(filter) {
  return filter === "" ? "'' (goreleaser's default: dockers_v2 images)" : `'${filter}'`;
}
function isLegacyUnpushedImage(entry, type) {
  return type === DOCKERS_V2_IMAGE && entry.extra?.DockerConfig !== void 0 && !entry.extra.Digest;
}
function stripNameDigest(name, digest, where) {
  const at = name.lastIndexOf("@");
  if (at < 0) return name;
  const named = name.slice(at + 1);
  if (named !== digest || !isDigest(named)) {
    throw new SignerError(
      "SUBJECT_INVALID",
      `${where}: ${quoteUntrusted(name)} names digest ${quoteUntrusted(named)} but extra.Digest is ${quoteUntrusted(digest)}. Which one was pushed is unknown, so nothing is signed: check goreleaser's output, or list the image in 'images' by digest.`
    );
  }
  return name.slice(0, at);
}
function withSiblingTags(chosen) {
  const tagsOf = /* @__PURE__ */ new Map();
  for (const { image, koId } of chosen) {
    if (!koId || !image.tag) continue;
    const key = `${koId}@${image.digest}`;
    tagsOf.set(key, [.../* @__PURE__ */ new Set([...tagsOf.get(key) ?? [], image.tag])]);
  }
  return chosen.map(({ image, koId }) => {
    const tags = koId && !image.tag ? tagsOf.get(`${koId}@${image.digest}`) : void 0;
    return tags?.[0] ? { ...image, tag: tags[0], tags } : image;
  });
}
function parseArtifactList(json, where) {
  let artifacts;
  try {
    artifacts = JSON.parse(json);
  } catch {
    throw new SignerError(
      "INPUT_INVALID",
      `${where} is not JSON. Pass dist/artifacts.json or goreleaser-action's 'artifacts' output.`
    );
  }
  if (!Array.isArray(artifacts))
    throw new SignerError(
      "INPUT_INVALID",
      `${where} is not a JSON array of artifacts, as goreleaser writes it.`
    );
  if (artifacts.length > MAX_ENTRIES)
    throw new SignerError("INPUT_INVALID", `${where} has more than ${MAX_ENTRIES} entries.`);
  return artifacts;
}
function parseGoreleaserArtifacts(json, filter, where) {
  const wanted = TYPES_BY_FILTER[filter];
  const chosen = [];
  const skipped = [];
  const unmatched = /* @__PURE__ */ new Map();
  parseArtifactList(json, where).forEach((item, index) => {
    if (typeof item !== "object" || item === null) return;
    const entry = item;
    const type = typeof entry.type === "string" ? entry.type : "";
    if (isLegacyUnpushedImage(entry, type) || !TYPES_BY_FILTER.all.includes(type)) return;
    if (!wanted.includes(type)) {
      unmatched.set(type, (unmatched.get(type) ?? 0) + 1);
      return;
    }
    const name = typeof entry.name === "string" ? entry.name : "";
    const digest = entry.extra && typeof entry.extra.Digest === "string" ? entry.extra.Digest : "";
    if (!digest) {
      skipped.push({
        name: name || `entry ${index}`,
        reason: `goreleaser did not push it (a ${type} without a digest)`
      });
      return;
    }
    const entryWhere = `${where}, entry ${index} (${type})`;
    const parsed = parseImageName(`${stripNameDigest(name, digest, entryWhere)}@${digest}`, entryWhere);
    const id = typeof entry.extra?.ID === "string" ? entry.extra.ID : void 0;
    chosen.push({
      image: {
        registry: parsed.registry,
        repository: parsed.repository,
        digest: parsed.digest,
        ...parsed.tag ? { tag: parsed.tag } : {}
      },
      ...type === DOCKER_MANIFEST && id ? { koId: id } : {}
    });
  });
  const images = withSiblingTags(chosen);
  if (images.length > 0 || skipped.length > 0) return { images, skipped };
  if (filter === "none")
    return {
      images,
      skipped,
      nothingMatched: "artifact-types is 'none': goreleaser's images are not signed."
    };
  const present = [...unmatched].map(([type, count]) => `${count} ${type}`).join(", ");
  return {
    images,
    skipped,
    nothingMatched: `artifact-types ${describeFilter(filter)} matched no image in goreleaser's artifacts${present ? `; it lists ${present}: set 'artifact-types' to 'manifests', 'images' or 'all' to sign them` : ""}.`
  };
}

// src/subjects/subject-inputs.ts
var MAX_ARTIFACTS_BYTES = 64 * 1024 * 1024;
function readImageLines(source) {
  const raw = source.get("images").trim();
  if (raw.startsWith("[")) {
    let list;
    try {
      list = JSON.parse(raw);
    } catch {
      throw invalid(
        "images",
        "starts with [ but is not a JSON list",
        "Give a JSON list of strings, or one image per line"
      );
    }
    if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
      throw invalid(
        "images",
        "is not a JSON list of strings",
        "Give a JSON list of strings, or one image per line"
      );
    }
    return list.map((item) => item.trim()).filter(Boolean);
  }
  return readList(source, "images");
}
function readGoreleaserText(source) {
  const value = source.get("goreleaser-artifacts").trim();
  if (!value) return void 0;
  if (value.startsWith("[")) return value;
  try {
    if (statSync3(value).size > MAX_ARTIFACTS_BYTES)
      throw new Error(`larger than ${MAX_ARTIFACTS_BYTES} bytes`);
    return readFileSync3(value, "utf8");
  } catch (err) {
    throw invalid(
      "goreleaser-artifacts",
      `${quoteUntrusted(value)} cannot be read (${escapeUntrusted(describeCause(err))})`,
      "Give the path of dist/artifacts.json, or goreleaser-action's artifacts output"
    );
  }
}
function readArtifactTypes(source) {
  const value = source.get("artifact-types").trim();
  const filter = ARTIFACT_TYPE_FILTERS.find((known) => known === value);
  if (filter === void 0)
    throw invalid(
      "artifact-types",
      `${quoteUntrusted(value)} is not a filter`,
      "Use 'none', 'images', 'manifests' or 'all', or leave it empty for dockers_v2 images, as goreleaser's docker_signs.artifacts"
    );
  return filter;
}
function readSubjects(source, options = {}) {
  const resolveTags = readBoolean(source, "resolve-tags", false);
  const images = [];
  const tagsToResolve = [];
  readImageLines(source).forEach((line, index) => {
    const where = `Input 'images', line ${index + 1}`;
    const parsed = parseImageName(line, where);
    if (parsed.digest) images.push(parseImageRef(line, where));
    else if (resolveTags && parsed.tag)
      tagsToResolve.push({
        registry: parsed.registry,
        repository: parsed.repository,
        tag: parsed.tag,
        origin: where
      });
    else parseImageRef(line, where);
  });
  const skipped = [];
  const notices = [];
  const goreleaser = readGoreleaserText(source);
  if (goreleaser !== void 0) {
    const fromGoreleaser = parseGoreleaserArtifacts(
      goreleaser,
      readArtifactTypes(source),
      "Input 'goreleaser-artifacts'"
    );
    images.push(...fromGoreleaser.images);
    skipped.push(...fromGoreleaser.skipped);
    if (fromGoreleaser.nothingMatched) notices.push(fromGoreleaser.nothingMatched);
  }
  const metadata = source.get("build-metadata").trim();
  if (metadata) images.push(...parseBuildMetadata(metadata));
  const noImages = images.length === 0 && tagsToResolve.length === 0;
  if (noImages && skipped.length === 0 && notices.length === 0 && !options.filesOnly) {
    throw invalid(
      "images",
      "no image was given",
      "List images as registry/repository@sha256:<digest>, or set 'goreleaser-artifacts' or 'build-metadata' (or 'files' to sign release files only)"
    );
  }
  return { images: dedupeImages(images), tagsToResolve, skipped, notices };
}

// src/inputs.ts
var PUBLIC_GOOD_TSA_URL = "https://timestamp.sigstore.dev/api/v1/timestamp";
var isPublicGoodRekor = (url) => url === DEFAULT_REKOR_URL || /^https:\/\/log\d{4}-\d+\.rekor\.sigstore\.dev\/?$/.test(url);
function readSigning(source, chosenFulcioUrl) {
  const mode = source.get("signing").trim().toLowerCase();
  if (mode !== "" && mode !== "key" && mode !== "keyless") {
    throw invalid(
      "signing",
      `${quoteUntrusted(mode)} is not a signing mode`,
      "Use 'keyless' or 'key' (or leave it empty: key when 'key' is set)"
    );
  }
  const hasKey = source.get("key").trim() !== "";
  if (mode === "keyless" && hasKey) {
    throw new SignerError(
      "INPUT_CONFLICT",
      "Inputs 'signing: keyless' and 'key' conflict. Remove 'key', or set 'signing: key'."
    );
  }
  if (mode === "keyless" || mode === "" && !hasKey) {
    const identityToken = source.get("identity-token").trim();
    maskSecret(source, identityToken);
    return {
      mode: "keyless",
      ...identityToken ? { identityToken } : {},
      fulcioUrl: chosenFulcioUrl ?? readUrl(source, "fulcio-url", DEFAULT_FULCIO_URL)
    };
  }
  const { keyPem, password, missingKey } = readNamedKey(source);
  maskSecret(source, keyPem);
  maskSecret(source, password);
  if (!keyPem) return { mode: "key", keyPem, password, missingKey };
  if (!keyPem.includes("-----BEGIN ")) {
    throw invalid(
      "key",
      "is not PEM text",
      "Pass the key file's content (-----BEGIN \u2026 PRIVATE KEY-----), e.g. from a secret"
    );
  }
  return { mode: "key", keyPem, password };
}
function readFormats(source) {
  const value = source.get("signature-format").trim().toLowerCase() || "both";
  if (value === "both") return ["bundle", "legacy"];
  if (value === "bundle" || value === "legacy") return [value];
  throw invalid(
    "signature-format",
    `${quoteUntrusted(value)} is not a format`,
    "Use 'bundle', 'legacy' or 'both'"
  );
}
function readAnnotations(source) {
  const annotations = {};
  for (const line of readList(source, "annotations")) {
    const eq = line.indexOf("=");
    if (eq <= 0)
      throw invalid(
        "annotations",
        `${quoteUntrusted(line)} is not key=value`,
        "Write one key=value per line"
      );
    annotations[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return annotations;
}
function readRegistryCredentials(source) {
  const registry = source.get("registry").trim();
  const username = source.get("registry-username").trim();
  const password = source.get("registry-password");
  maskSecret(source, password);
  if (password) maskSecret(source, Buffer.from(`${username}:${password}`).toString("base64"));
  if (!username && !password) return [];
  if (!registry || !username || !password) {
    throw invalid(
      "registry-username",
      "'registry', 'registry-username' and 'registry-password' go together",
      "Set all three, or none to use anonymous access"
    );
  }
  return [{ registry, username, password }];
}
function readGithubToken(source) {
  const token = source.get("github-token").trim() || source.env("GITHUB_TOKEN") || "";
  maskSecret(source, token);
  return token;
}
function readRegistryConfig(source) {
  const signatureRepository = source.get("signature-repository").trim() || source.env("COSIGN_REPOSITORY") || "";
  let storage;
  if (signatureRepository) {
    const parsed = parseImageName(signatureRepository, "Input 'signature-repository'");
    if (parsed.tag || parsed.digest)
      throw invalid("signature-repository", "names a tag or digest", "Give registry/repository only");
    storage = { registry: parsed.registry, repository: parsed.repository };
  }
  return {
    allowHttp: readBoolean(source, "allow-http-registry", false),
    allowInsecure: readBoolean(source, "allow-insecure-registry", false),
    retryBudgetSeconds: readPositiveInt(source, "retry-budget-seconds", 120, 3600),
    credentials: readRegistryCredentials(source),
    githubActor: source.env("GITHUB_ACTOR") ?? "",
    ...storage ? { signatureRepository: storage } : {}
  };
}
function readDryRun(source) {
  const value = source.get("dry-run").trim().toLowerCase() || "auto";
  if (value !== "auto" && value !== "true" && value !== "false") {
    throw invalid(
      "dry-run",
      `${quoteUntrusted(value)} is not a setting`,
      "Use 'auto' (dry run on pull requests and forks), 'true' or 'false'"
    );
  }
  return value;
}
function readTrust(source, services, signing) {
  const trustedRootPath = source.get("trusted-root").trim();
  const tufMirrorUrl = source.get("tuf-mirror-url").trim() ? readUrl(source, "tuf-mirror-url", "") : "";
  const tufRootPath = source.get("tuf-root").trim();
  if (trustedRootPath && (tufMirrorUrl || tufRootPath)) {
    throw new SignerError(
      "INPUT_CONFLICT",
      "Inputs 'trusted-root' and 'tuf-mirror-url'/'tuf-root' conflict: give the trusted_root.json itself, or the TUF repository that publishes it, not both."
    );
  }
  if (tufMirrorUrl && !tufRootPath) {
    throw invalid(
      "tuf-root",
      `a TUF mirror (${tufMirrorUrl}) needs its initial root.json`,
      "Set 'tuf-root' to the path of the repository's trusted root.json (as 'cosign initialize --root' takes it)"
    );
  }
  const fromConfig = services.signingConfigPath !== void 0;
  const privateServices = [
    ...signing.mode === "keyless" && signing.fulcioUrl !== DEFAULT_FULCIO_URL ? ["fulcio-url"] : [],
    ...services.tlog && !isPublicGoodRekor(services.tlog.rekorUrl) ? ["rekor-url"] : [],
    ...services.tsaUrl && services.tsaUrl !== PUBLIC_GOOD_TSA_URL ? ["tsa-url"] : []
  ].map((name) => fromConfig ? INPUT_SIGNING_CONFIG : name);
  const uniquePrivate = [...new Set(privateServices)];
  const verifiesSigstore = signing.mode === "keyless" || services.tlog !== void 0 || services.tsaUrl !== void 0;
  if (verifiesSigstore && uniquePrivate.length > 0 && !trustedRootPath && !tufMirrorUrl) {
    throw invalid(
      "trusted-root",
      `${uniquePrivate.map((name) => `'${name}'`).join(", ")} ${uniquePrivate.length === 1 ? "names" : "name"} a Sigstore other than public-good, whose signatures public-good's trusted root cannot verify`,
      "Set 'trusted-root' to that Sigstore's trusted_root.json (cosign trusted-root create writes one), or 'tuf-mirror-url' and 'tuf-root' to the TUF repository that publishes it"
    );
  }
  return {
    ...trustedRootPath ? { trustedRootPath } : {},
    ...tufMirrorUrl ? { tufMirrorUrl } : {},
    ...tufRootPath ? { tufRootPath } : {}
  };
}
function readConfig(source = runnerInputs) {
  const tlogUpload = readBoolean(source, "tlog-upload", true);
  const services = readSigningServices(source, tlogUpload);
  const signing = readSigning(source, services.fulcioUrl);
  const { tsaUrl } = services;
  if (signing.mode === "keyless" && !services.fromTuf && !tlogUpload && !tsaUrl && !readBoolean(source, "allow-unverifiable-timestamps", false)) {
    throw new SignerError(
      "INPUT_CONFLICT",
      "Inputs 'tlog-upload: false' without 'tsa-url': a keyless certificate lives ten minutes, and nothing would prove the signature was made inside them, so no verifier could accept it. Set 'tsa-url' (an RFC 3161 timestamp authority), keep 'tlog-upload: true', or set 'allow-unverifiable-timestamps: true' if you verify another way."
    );
  }
  const formats = readFormats(source);
  const files = readFilesConfig(source, readGoreleaserText(source));
  const subjects = readSubjects(source, { filesOnly: wantsFiles(files) });
  if (hasImages(subjects)) refuseLegacyWithRekorV2(formats, services.tlog);
  return {
    subjects,
    files,
    signing,
    formats,
    ...services.tlog ? { tlog: services.tlog } : {},
    ...services.signingConfigPath ? { signingConfigPath: services.signingConfigPath } : {},
    ...services.fromTuf ? { servicesFromTuf: services.fromTuf } : {},
    ...tsaUrl ? { tsaUrl } : {},
    annotations: readAnnotations(source),
    registry: readRegistryConfig(source),
    verify: readBoolean(source, "verify", true),
    trust: readTrust(source, services, signing),
    recursive: readBoolean(source, "recursive", true),
    signAttestationManifests: readBoolean(source, "sign-attestation-manifests", true),
    provenance: readProvenance(source),
    githubToken: readGithubToken(source),
    dryRun: readDryRun(source),
    dryRunCredentials: readBoolean(source, "dry-run-credentials", false),
    concurrency: readPositiveInt(source, "concurrency", 8, 64)
  };
}

// src/provenance/refusal.ts
var PRODUCE_PROVENANCE = "Produce it in the release workflow: actions/attest-build-provenance after the build (subject-name, subject-digest, push-to-registry: true), or keep BuildKit's provenance and set 'trust-unsigned-buildkit: true'";
var FIXES = {
  present: PRODUCE_PROVENANCE,
  signed: `BuildKit's provenance is unsigned, so anyone who can push could have written it. ${PRODUCE_PROVENANCE}`,
  signature: "Its signature did not verify: keyless provenance against 'trusted-root' (default public-good Sigstore), key-signed provenance against 'provenance-key'",
  issuer: "Set 'provenance-issuer' to the OIDC issuer that signed it",
  "signer-identity": "If that workflow may sign provenance, list its file in 'provenance-workflows' (or set 'provenance-identity' or 'provenance-identity-regex'); for an image built by another repository, map it in 'provenance-policy' (images: {<image>: {source-repository: owner/repo}})",
  "certificate-source-repository": "Set 'provenance-source-repository', or map the image in 'provenance-policy', to the repository it is built from",
  "source-repository": "Set 'provenance-source-repository', or map the image in 'provenance-policy', to the repository it is built from",
  "certificate-ref": "Set 'provenance-ref' to the ref the build ran at (default this run's GITHUB_REF)",
  ref: "Set 'provenance-ref' to the ref the build ran at (default this run's GITHUB_REF)",
  "certificate-revision": "Set 'provenance-revision' to the commit it was built from (default GITHUB_SHA)",
  revision: "Set 'provenance-revision' to the commit it was built from (default GITHUB_SHA)",
  trigger: "To accept provenance from runs started by that event, add it to 'provenance-triggers'",
  "runner-environment": "To accept it, add that runner environment to 'provenance-runner-environments'",
  "statement-type": "It is not an in-toto statement: attest the image with a tool that writes one (BuildKit, actions/attest-build-provenance, cosign attest)",
  "predicate-type": "To accept that predicate type, add it to 'provenance-predicate-types'",
  "build-type": "To accept that build type, add it to 'provenance-build-types'",
  builder: "Set 'provenance-builder-id' or 'provenance-builder-id-regex' to the builder that built it",
  subject: "The provenance is about another digest: attest the digest that was pushed",
  freshness: "Raise 'provenance-max-age-hours', or build again",
  [SOURCE_UNREADABLE]: "Check that source, or leave it out of 'provenance-sources'"
};
var LAST_RESORT = "To sign without it: 'provenance: off', or a skip with a reason for this image in 'provenance-policy'";
function fixFor(check) {
  const fix = FIXES[check];
  return fix ? `${fix}. ${LAST_RESORT}.` : `${LAST_RESORT}.`;
}
function describeRefusal(where, decision) {
  const { failure } = decision;
  const source = decision.source ? `, ${decision.source} provenance` : "";
  const also = decision.others.length > 0 ? ` Also: ${decision.others.map((other) => escapeUntrusted(other)).join("; ")}.` : "";
  return `Provenance check '${failure.check}' failed for ${where}${source}: expected ${escapeUntrusted(failure.expected)}, found ${escapeUntrusted(failure.found)}.${also} Not signed. ${fixFor(failure.check)}`;
}

// src/pipeline.ts
function toFailure(err) {
  if (err instanceof SignerError) return { code: err.code, message: err.message };
  return { code: "SIGN_FAILED", message: `Unexpected error: ${escapeUntrusted(describeCause(err))}` };
}
function toTargetDecision(subject, decision, target) {
  const own = rankRejections(
    decision.rejections.filter((r) => r.digest === target.image.digest || r.digest === subject.digest)
  );
  if (!own) return decision;
  const { source, ...first } = own.first;
  return { ...decision, ...first, ...source ? { source } : {}, others: own.others };
}
var plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;
function describeManifestsBelow(subject, targets) {
  const below = targets.filter((target) => target.image.digest !== subject.digest);
  const platforms = below.filter((target) => !target.attestation);
  const attestations = below.length - platforms.length;
  if (below.length === 0) return "";
  const names = platforms.map((target) => escapeUntrusted(target.platform ?? target.image.digest));
  const listed = platforms.length > 0 ? ` ${plural(platforms.length, "platform")} (${names.join(", ")})` : "";
  const attested = attestations > 0 ? ` ${plural(attestations, "attestation manifest")}` : "";
  return ` and its${listed}${listed && attested ? " and" : ""}${attested}`;
}
function toGateFailure(subject, decision, below = "") {
  const where = `${toDigestRef(subject)}${below}${decision.digest !== subject.digest ? ` (manifest ${decision.digest})` : ""}`;
  return {
    code: decision.failure.check === "present" ? "PROVENANCE_MISSING" : "PROVENANCE_REJECTED",
    message: describeRefusal(where, decision)
  };
}
async function writeAllFormats(target, services) {
  const settled = await Promise.allSettled(services.writers.map((writer) => writer.write(target)));
  const written = settled.flatMap((outcome) => outcome.status === "fulfilled" ? [outcome.value] : []);
  const rejected = settled.find((outcome) => outcome.status === "rejected");
  return rejected ? { failure: toFailure(rejected.reason), written } : written;
}
async function readBackOne(target, record, check, settled) {
  try {
    await timed("read-back", () => check.check(target, record, settled));
    return { record: { ...record, verified: true } };
  } catch (err) {
    return { record: { ...record, verified: false }, failure: toFailure(err) };
  }
}
async function settleAndReadBack(written, targets, services, limits) {
  const readBack = services.readBack;
  const records = [...written].flatMap(([key, result]) => {
    const target = targets.get(key);
    return target && Array.isArray(result) ? result.map((record) => ({ key, target, record })) : [];
  });
  const noLists = /* @__PURE__ */ new Map();
  const [early, lists] = await Promise.all([
    readBack ? mapLimit(records, limits.concurrency, async ({ target, record }) => {
      if (!readBack.readsSharedList(record)) return readBackOne(target, record, readBack, noLists);
      readBack.prefetch?.(target, record);
      return void 0;
    }) : [],
    Promise.all(services.writers.map((writer) => writer.settle()))
  ]);
  if (!readBack) return new Map(written);
  const settled = /* @__PURE__ */ new Map();
  for (const reads of lists) for (const [reference, read] of reads) settled.set(reference, read);
  const checked = await mapLimit(records, limits.concurrency, async ({ target, record }, i) => {
    const before = early[i];
    if (before && !settled.has(record.reference)) return before;
    return readBackOne(target, record, readBack, settled);
  });
  const byTarget = /* @__PURE__ */ new Map();
  for (const [i, { key }] of records.entries())
    byTarget.set(key, [...byTarget.get(key) ?? [], checked[i]]);
  const results = new Map(written);
  for (const [key, checks] of byTarget) {
    const failure = checks.find((checkedRecord) => checkedRecord.failure)?.failure;
    const verified = checks.map((checkedRecord) => checkedRecord.record);
    results.set(key, failure ? { failure, written: verified } : verified);
  }
  return results;
}
async function signAll(images, services, limits) {
  const resolved = await mapLimit(images, limits.concurrency, async (subject) => {
    try {
      const targets = await timed("resolve", () => services.resolver.resolve(subject));
      const decision = await timed("provenance", () => services.gate.check(subject, targets));
      return { subject, targets, decision };
    } catch (err) {
      return { subject, failure: toFailure(err) };
    }
  });
  const unique = /* @__PURE__ */ new Map();
  for (const entry of resolved) {
    if (entry.failure || entry.decision?.verdict === "failed") continue;
    for (const target of entry.targets ?? []) unique.set(toDigestRef(target.image), target);
  }
  const written = /* @__PURE__ */ new Map();
  await mapLimit([...unique.entries()], limits.concurrency, async ([key, target]) => {
    written.set(key, await writeAllFormats(target, services));
  });
  const results = await settleAndReadBack(written, unique, services, limits);
  return resolved.flatMap((entry) => {
    const provenance = entry.decision ? { provenance: entry.decision } : {};
    if (!entry.targets)
      return [{ subject: entry.subject, status: "failed", records: [], error: entry.failure, ...provenance }];
    return entry.targets.map((target) => {
      const base = { subject: entry.subject, target, ...provenance };
      if (entry.decision?.verdict === "failed") {
        const decision = toTargetDecision(entry.subject, entry.decision, target);
        const below = target.image.digest === entry.subject.digest ? describeManifestsBelow(entry.subject, entry.targets ?? []) : "";
        const error2 = toGateFailure(entry.subject, decision, below);
        return { ...base, status: "failed", records: [], error: error2, provenance: decision };
      }
      const result = results.get(toDigestRef(target.image)) ?? {
        failure: { code: "SIGN_FAILED", message: "not attempted" },
        written: []
      };
      return Array.isArray(result) ? {
        ...base,
        status: result.some((record) => record.planned) ? "planned" : result.some((record) => record.added) ? "signed" : "already-signed",
        records: result
      } : { ...base, status: "failed", records: result.written, error: result.failure };
    });
  });
}

// src/report/limits.ts
var MAX_OUTPUT_BYTES = 1e6 - 16 * 1024;
var MAX_SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;
function fitItems(items, maxBytes, { open = "", separator = "\n", close = "" } = {}) {
  let bytes = Buffer.byteLength(open) + Buffer.byteLength(close);
  let shown = 0;
  for (const item of items) {
    const added = Buffer.byteLength(item) + (shown > 0 ? Buffer.byteLength(separator) : 0);
    if (bytes + added > maxBytes) break;
    bytes += added;
    shown += 1;
  }
  return { text: `${open}${items.slice(0, shown).join(separator)}${close}`, shown };
}
function fitJsonArray(entries, maxBytes) {
  return fitItems(
    entries.map((entry) => JSON.stringify(entry)),
    maxBytes,
    { open: "[", separator: ",", close: "]" }
  );
}

// src/report/refusals.ts
function isProvenanceRefusal(outcome) {
  return outcome.status === "failed" && outcome.provenance?.verdict === "failed";
}
function isImageItself(outcome) {
  return outcome.target?.image.digest === outcome.subject.digest;
}
function refusalsToldByTheirIndex(outcomes) {
  const refusedImages = new Set(
    outcomes.filter((outcome) => isProvenanceRefusal(outcome) && isImageItself(outcome)).map((outcome) => toDigestRef(outcome.subject))
  );
  return new Set(
    outcomes.filter(
      (outcome) => isProvenanceRefusal(outcome) && !isImageItself(outcome) && refusedImages.has(toDigestRef(outcome.subject))
    )
  );
}

// src/report/verify-command.ts
function shellQuote(text) {
  return `'${escapeControls(text).replace(/'/g, `'\\''`)}'`;
}
function toVerifyCommand(signer, transparency, image) {
  const pin = signer.mode === "key" ? "--key cosign.pub" : signer.mode === "keyless" ? `--certificate-identity ${shellQuote(signer.certificateIdentity)} --certificate-oidc-issuer ${shellQuote(signer.certificateIssuer)}` : void 0;
  if (!pin) return void 0;
  const timing = transparency === "tsa" ? " --use-signed-timestamps --insecure-ignore-tlog=true" : transparency === "none" ? " --insecure-ignore-tlog=true" : "";
  return `cosign verify ${pin}${timing} ${image}`;
}

// src/report/summary.ts
var NOTE_ROOM = 4096;
function cell(text) {
  return escapeControls(text).replace(/[\\|`*_[\]<>]/g, (ch) => `\\${ch}`);
}
function shortenDigests(text) {
  return text.replace(/sha256:([a-f0-9]{12})[a-f0-9]{52}/g, "sha256:$1\u2026");
}
function renderProvenance(outcome) {
  const decision = outcome.provenance;
  if (!decision) return "";
  const exceptions = decision.exceptions.length ? ` (exception: ${decision.exceptions.join("; ")})` : "";
  switch (decision.verdict) {
    case "passed":
      return `passed: ${decision.sources.join(", ")}${exceptions}`;
    case "failed":
      return `failed: ${decision.failure.check}${exceptions}`;
    case "skipped":
      return `skipped: ${decision.reason}`;
    case "none":
      return "none found";
    default:
      return "off";
  }
}
function renderLogIndexes(outcome, options) {
  return outcome.records.flatMap(({ format, logIndex }) => {
    if (!logIndex) return [];
    const shown = options.publicRekor ? `[${logIndex}](https://search.sigstore.dev/?logIndex=${logIndex})` : logIndex;
    return [`${format}: ${shown}`];
  }).join(", ");
}
function platformsByDigest(outcomes) {
  return new Map(
    outcomes.flatMap(
      ({ target }) => target?.platform ? [[target.image.digest, target.platform]] : []
    )
  );
}
function renderPlatform(outcome, platforms) {
  const { target } = outcome;
  if (!target) return "";
  if (target.attestation) {
    const describes = target.attestation.describes;
    const about = describes ? platforms.get(describes) ?? describes : void 0;
    return about ? `attestation manifest for ${about}` : "attestation manifest";
  }
  if (target.platform) return target.platform;
  return isIndexMediaType(target.mediaType) ? "index" : "single-platform";
}
function renderDetail(outcome, toldByIndex, options) {
  if (toldByIndex) return "not signed: refused with its index (the reason is in its row)";
  if (outcome.error) return `${outcome.error.code}: ${outcome.error.message}`;
  if (options.mode.dryRun || outcome.records.length === 0) return "";
  return outcome.records.every((record) => record.verified) ? "read back and verified" : "";
}
function codeSpan(text) {
  return `\`${escapeControls(text).replace(/`/g, "")}\``;
}
function renderSignerHeader(outcomes, options) {
  const { signer } = options;
  if (options.mode.dryRun || signer.mode === "dry-run") return [];
  const lines = signer.mode === "key" ? [
    "Signed with the key whose public half is the output `public-key` (save it as `cosign.pub`):",
    "",
    "```",
    signer.publicKeyPem.trim(),
    "```",
    ""
  ] : [
    `Signed keyless as ${codeSpan(signer.certificateIdentity)}, issuer ${codeSpan(signer.certificateIssuer)}.`,
    ""
  ];
  const first = outcomes.find((outcome) => outcome.status !== "failed" && outcome.target);
  const command = first?.target && toVerifyCommand(signer, options.transparency, toDigestRef(first.target.image));
  if (command)
    lines.push(
      "Verify (cosign v3; the README has cosign v2 and containers/image):",
      "",
      "```sh",
      command,
      "```",
      ""
    );
  return lines;
}
function renderSummary(outcomes, skipped, options) {
  const failed = outcomes.filter((outcome) => outcome.status === "failed");
  const ordered = [...failed, ...outcomes.filter((outcome) => outcome.status !== "failed")];
  const done = outcomes.length - failed.length;
  const already = outcomes.filter((outcome) => outcome.status === "already-signed").length;
  const lines = [
    options.mode.dryRun ? "## release-signer (dry run)" : "## release-signer",
    "",
    ...options.mode.dryRun ? [
      `Dry run because of ${options.mode.reason}: nothing was written to any registry or sent to Sigstore. This is what a release run would do.`,
      ""
    ] : [],
    ...renderSignerHeader(outcomes, options),
    `${done} ${options.mode.dryRun ? "would be signed" : "signed"}${already > 0 ? ` (${already} already were: nothing written for them)` : ""}, ${failed.length} failed, ${skipped.length} skipped.`,
    ""
  ];
  const header = [
    "| status | image | tag | platform | digest | provenance | formats | log index | detail |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  ];
  const toldByIndex = refusalsToldByTheirIndex(outcomes);
  const platforms = platformsByDigest(outcomes);
  const rows = [];
  for (const outcome of ordered) {
    const image = outcome.target?.image ?? outcome.subject;
    const status = outcome.status === "signed" ? "\u2705 signed" : outcome.status === "already-signed" ? "\u2611\uFE0F already signed" : outcome.status === "planned" ? "\u{1F4DD} would sign" : "\u274C failed";
    const detail = renderDetail(outcome, toldByIndex.has(outcome), options);
    const platform = renderPlatform(outcome, platforms);
    const tags = outcome.subject.tags ?? (outcome.subject.tag ? [outcome.subject.tag] : []);
    rows.push(
      `| ${status} | ${cell(toRepositoryName(image))} | ${cell(tags.join(", "))} | ${cell(platform)} | \`${image.digest}\` | ${cell(renderProvenance(outcome))} | ${outcome.records.map((r) => r.format).join(", ")} | ${renderLogIndexes(outcome, options)} | ${cell(shortenDigests(detail))} |`
    );
  }
  for (const subject of skipped)
    rows.push(`| \u23ED\uFE0F skipped | ${cell(subject.name)} |  |  |  |  |  |  | ${cell(subject.reason)} |`);
  const fixed = `${[...lines, ...header].join("\n")}
`;
  const table = fitItems(rows, MAX_SUMMARY_BYTES - Buffer.byteLength(fixed) - NOTE_ROOM);
  const note = table.shown < rows.length ? `
${rows.length - table.shown} more row(s) not shown: a job summary holds at most 1 MiB. Every entry is in the report file${options.reportPath ? ` \`${options.reportPath.replace(/`/g, "")}\`` : ""} (output report-path).
` : "";
  return `${fixed}${table.text}${table.shown > 0 ? "\n" : ""}${note}`;
}
function renderStoppedSummary(message) {
  return `## release-signer

Nothing was signed: the run stopped before signing.

${cell(message)}
`;
}

// src/report/file-report.ts
function toFileSignaturesOutput(outcomes) {
  return JSON.stringify(
    outcomes.map((outcome) => ({
      path: outcome.path,
      sha256: outcome.sha256 ?? null,
      "bundle-path": outcome.bundlePath,
      status: outcome.status,
      "log-index": outcome.logIndex ?? null,
      "asset-name": outcome.asset?.name ?? null,
      "asset-url": outcome.asset?.url ?? null,
      "asset-action": outcome.asset?.action ?? null,
      ...outcome.error ? { error: outcome.error } : {}
    }))
  );
}
function renderFilesSummary(outcomes) {
  if (outcomes.length === 0) return "";
  const rows = outcomes.map((outcome) => {
    const asset = outcome.asset ? `${outcome.asset.action === "planned" ? "would upload" : outcome.asset.action} ${cell(outcome.asset.name)}` : "";
    const status = outcome.status === "failed" ? `failed: ${cell(outcome.error?.message ?? "")}` : outcome.status;
    return `| ${cell(outcome.path)} | ${status} | ${cell(outcome.bundlePath)} | ${outcome.logIndex ?? ""} | ${asset} |`;
  });
  return [
    "",
    "### Release files",
    "",
    "| file | status | bundle | log index | release asset |",
    "|---|---|---|---|---|",
    ...rows,
    ""
  ].join("\n");
}

// src/report/outputs.ts
function byFormat(records, value) {
  const labelled = {};
  for (const record of records) {
    const text = value(record);
    if (text !== void 0) labelled[record.format] = text;
  }
  return labelled;
}
function toProvenanceOutput(decision) {
  switch (decision.verdict) {
    case "passed":
      return { verdict: "passed", sources: decision.sources, exceptions: decision.exceptions };
    case "skipped":
      return { verdict: "skipped", reason: decision.reason, exceptions: decision.exceptions };
    case "failed":
      return {
        verdict: "failed",
        ...decision.failure,
        ...decision.source ? { sources: [decision.source] } : {},
        exceptions: decision.exceptions
      };
    default:
      return { verdict: decision.verdict, exceptions: decision.exceptions };
  }
}
function toSignatureOutputs(outcomes, mode) {
  return outcomes.map((outcome) => {
    const image = outcome.target?.image ?? outcome.subject;
    return {
      image: toRepositoryName(image),
      ...outcome.subject.tag ? { tag: outcome.subject.tag, tags: outcome.subject.tags ?? [outcome.subject.tag] } : {},
      digest: image.digest,
      "subject-digest": outcome.subject.digest,
      ...outcome.target?.platform ? { platform: outcome.target.platform } : {},
      ...outcome.target?.attestation ? {
        "attestation-manifest": true,
        ...outcome.target.attestation.describes ? { attests: outcome.target.attestation.describes } : {}
      } : {},
      status: outcome.status,
      "dry-run": mode.dryRun,
      formats: outcome.records.map((record) => record.format),
      references: byFormat(outcome.records, (record) => record.reference),
      "log-indexes": byFormat(outcome.records, (record) => record.logIndex),
      verified: !mode.dryRun && outcome.status !== "planned" && outcome.records.length > 0 && outcome.records.every((record) => record.verified === true),
      ...outcome.error ? { error: outcome.error } : {},
      ...outcome.provenance ? { provenance: toProvenanceOutput(outcome.provenance) } : {}
    };
  });
}
function toReportEntries(outcomes, skipped, mode) {
  const skippedEntries = skipped.map((subject) => ({
    image: subject.name,
    status: "skipped",
    reason: subject.reason
  }));
  return [...toSignatureOutputs(outcomes, mode), ...skippedEntries];
}
function fitEntries(entries) {
  const whole = fitJsonArray(entries, MAX_OUTPUT_BYTES);
  if (whole.shown === entries.length) return whole;
  const failed = entries.filter((entry) => entry.status === "failed");
  return fitJsonArray([...failed, ...entries.filter((entry) => entry.status !== "failed")], MAX_OUTPUT_BYTES);
}
function toStepOutputs(entries, outcomes, signer, bundlePaths, mode, reportPath) {
  const signed = outcomes.filter(
    (outcome) => outcome.status === "signed" || outcome.status === "already-signed"
  );
  const signatures = fitEntries(entries);
  const digests = fitItems(
    signed.flatMap((outcome) => outcome.target ? [toDigestRef(outcome.target.image)] : []),
    MAX_OUTPUT_BYTES
  );
  const paths = fitItems(bundlePaths, MAX_OUTPUT_BYTES);
  const truncated = signatures.shown < entries.length || digests.shown < signed.length || paths.shown < bundlePaths.length;
  return {
    signatures: signatures.text,
    "dry-run": String(mode.dryRun),
    signed: String(signed.length),
    planned: String(outcomes.filter((outcome) => outcome.status === "planned").length),
    skipped: String(entries.filter((entry) => entry.status === "skipped").length),
    "bundle-paths": paths.text,
    failed: String(outcomes.filter((outcome) => outcome.status === "failed").length),
    digests: digests.text,
    "report-path": reportPath,
    truncated: String(truncated),
    ...signer.mode === "key" ? { "public-key": signer.publicKeyPem } : {},
    ...signer.mode === "keyless" ? {
      "certificate-identity": signer.certificateIdentity,
      "certificate-oidc-issuer": signer.certificateIssuer
    } : {}
  };
}
function toStoppedRunOutputs() {
  return {
    signatures: "[]",
    signed: "0",
    planned: "0",
    skipped: "0",
    failed: "0",
    "bundle-paths": "",
    digests: "",
    truncated: "false"
  };
}

// src/report/report-file.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
function writeReportFile(entries, tempDir) {
  const dir = join(tempDir, "release-signer");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "report.json");
  writeFileSync(path, `${JSON.stringify(entries)}
`);
  return path;
}

// src/report/run-log.ts
var logged = {
  info: (message) => info(toLogText(message)),
  notice: (message) => notice(toLogText(message)),
  warning: (message) => warning(toLogText(message)),
  error: (message) => error(toLogText(message)),
  debug: (message) => debug(toLogText(message)),
  group: (name, work) => group(toLogText(name), work),
  setFailed: (message) => setFailed(toLogText(message))
};
function announce(announcements) {
  for (const { level, text } of announcements) logged[level](text);
}
function groupTitle(mode, count, what) {
  return `${mode.dryRun ? "Planning signatures for" : "Signing"} ${count} ${what}`;
}
function logImageOutcomes(outcomes) {
  const toldByIndex = refusalsToldByTheirIndex(outcomes);
  for (const outcome of outcomes) {
    if (toldByIndex.has(outcome)) continue;
    const what = `${toDigestRef(outcome.target?.image ?? outcome.subject)}${outcome.target?.platform ? ` (${escapeUntrusted(outcome.target.platform)})` : ""}`;
    const where = outcome.records.map((r) => r.reference).join(", ");
    if (outcome.status === "signed") logged.info(`signed ${what}: ${where}`);
    else if (outcome.status === "already-signed")
      logged.info(`already signed ${what}, nothing written: ${where}`);
    else if (outcome.status === "planned") logged.info(`would sign ${what}: ${where}`);
    else if (outcome.provenance?.verdict === "failed" && outcome.error) logged.error(outcome.error.message);
    else logged.error(`${what}: ${outcome.error?.message ?? "failed"}`);
  }
}
var FILE_VERBS = {
  planned: "would sign",
  signed: "signed",
  "already-signed": "already signed, kept"
};
function logFileOutcomes(outcomes) {
  for (const outcome of outcomes) {
    if (outcome.status === "failed") {
      logged.error(outcome.error?.message ?? `${escapeUntrusted(outcome.path)}: failed`);
      continue;
    }
    const asset = outcome.asset ? `, ${outcome.asset.action === "planned" ? "would upload" : outcome.asset.action} release asset ${outcome.asset.name}` : "";
    const bundle = `${outcome.status === "planned" ? "would write " : ""}${escapeUntrusted(outcome.bundlePath)}`;
    logged.info(
      `${FILE_VERBS[outcome.status]} ${escapeUntrusted(outcome.path)} (sha256:${outcome.sha256 ?? ""}): ${bundle}${asset}`
    );
  }
}

// src/github/dry-run.ts
function dryRunMode(reason, settings, context) {
  const mode = { dryRun: true, reason, sendsCredentials: false, notes: [] };
  if (!settings.dryRunCredentials) return mode;
  if (context.eventTrust.kind === "untrusted")
    return {
      ...mode,
      notes: [
        `Input 'dry-run-credentials: true' is ignored: this is ${context.eventTrust.reason}, so the dry run sends no credentials.`
      ]
    };
  return {
    ...mode,
    sendsCredentials: true,
    notes: [
      "Input 'dry-run-credentials: true': this dry run reads registries with their credentials and calls the GitHub API with 'github-token'."
    ]
  };
}
function decideRunMode(settings, context) {
  const trust = context.eventTrust;
  if (settings.dryRun === "false") {
    if (trust.kind === "untrusted") {
      throw new SignerError(
        "INPUT_CONFLICT",
        `Input 'dry-run: false' on ${context.eventName ? `a ${context.eventName} event` : "this run"} is refused: this is ${trust.reason}. A real run would sign that content with this repository's identity and credentials. Set 'dry-run: auto' to check it without signing, and sign after merge, on a push or release event.`
      );
    }
    if (trust.kind === "pull-request") {
      return {
        dryRun: false,
        reason: "input 'dry-run: false' on a pull request of this repository",
        sendsCredentials: true,
        notes: [],
        warnings: [
          `Input 'dry-run: false' on a ${context.eventName} event: this run signs for real, with this repository's identity and credentials, what the pull request built before it is merged. Set 'dry-run: auto' to check it without signing.`
        ]
      };
    }
    return { dryRun: false, reason: "release run", sendsCredentials: true, notes: [] };
  }
  if (settings.dryRun === "true") return dryRunMode("input 'dry-run: true'", settings, context);
  if (trust.kind === "untrusted") return dryRunMode(trust.reason, settings, context);
  if (trust.kind === "pull-request") return dryRunMode(`a ${context.eventName} event`, settings, context);
  return { dryRun: false, reason: "release run", sendsCredentials: true, notes: [] };
}

// src/files/goreleaser-files.ts
var ARCHIVE = "Archive";
var BINARY = "Binary";
var SOURCE = "Source";
var CHECKSUM = "Checksum";
var PACKAGE = "Linux Package";
var SBOM = "SBOM";
var TYPES_BY_FILTER2 = {
  none: [],
  checksum: [CHECKSUM],
  source: [SOURCE],
  archive: [ARCHIVE],
  binary: [BINARY],
  package: [PACKAGE],
  sbom: [SBOM],
  all: [ARCHIVE, BINARY, SOURCE, CHECKSUM, PACKAGE, SBOM]
};
function selectGoreleaserFiles(json, filters, where) {
  const wanted = new Set(filters.flatMap((filter) => TYPES_BY_FILTER2[filter]));
  const paths = [];
  const seenTypes = /* @__PURE__ */ new Set();
  parseArtifactList(json, where).forEach((item, index) => {
    if (typeof item !== "object" || item === null) return;
    const entry = item;
    if (typeof entry.type !== "string" || !wanted.has(entry.type)) return;
    if (typeof entry.path !== "string" || entry.path === "")
      throw new SignerError(
        "INPUT_INVALID",
        `${where}, entry ${index} (${quoteUntrusted(entry.type)}) has no path. Pass dist/artifacts.json as goreleaser wrote it.`
      );
    seenTypes.add(entry.type);
    paths.push(entry.path);
  });
  const unmatched = filters.filter((filter) => !TYPES_BY_FILTER2[filter].some((type) => seenTypes.has(type)));
  if (unmatched.length > 0)
    throw new SignerError(
      "INPUT_INVALID",
      `Input 'goreleaser-files': '${unmatched.join(", ")}' matched no artifact in ${where}. Check goreleaser's output, or set 'goreleaser-files' to others of goreleaser's signs.artifacts values.`
    );
  return paths;
}

// src/report/bundle-files.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
function toBundleFileName(image, format) {
  const repository = `${image.registry.replace(/:/g, "_")}/${image.repository}`.replace(/\//g, "+");
  return `${repository}+${toDigestTag(image.digest, "")}.${format}.sigstore.json`;
}
var WRITES_AT_ONCE = 16;
async function writeBundleFiles(outcomes, tempDir) {
  const dir = join2(tempDir, "release-signer");
  const files = /* @__PURE__ */ new Map();
  for (const outcome of outcomes) {
    if (!outcome.target) continue;
    for (const record of outcome.records) {
      const path = join2(dir, toBundleFileName(outcome.target.image, record.format));
      if (record.bundle && !files.has(path)) files.set(path, record.bundle);
    }
  }
  if (files.size === 0) return [];
  await mkdir(dir, { recursive: true });
  await mapLimit([...files], WRITES_AT_ONCE, ([path, bundle]) => writeFile(path, bundle));
  return [...files.keys()];
}

// src/registry/credential-helper.ts
var runCredentialHelper = async (helper, host) => {
  const result = await getExecOutput(`docker-credential-${helper}`, ["get"], {
    input: Buffer.from(host),
    silent: true,
    ignoreReturnCode: true
  });
  if (result.exitCode !== 0) throw new Error(`docker-credential-${helper} get exited ${result.exitCode}`);
  return result.stdout;
};

// src/registry/docker-config.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { homedir } from "node:os";
import { join as join3 } from "node:path";
var MAX_CONFIG_BYTES = 1024 * 1024;
var DOCKER_HUB_KEYS = [
  "https://index.docker.io/v1/",
  "index.docker.io",
  "docker.io",
  "registry-1.docker.io"
];
function readDockerConfig(env = process.env) {
  const path = join3(env.DOCKER_CONFIG ?? join3(homedir(), ".docker"), "config.json");
  let text;
  try {
    text = readFileSync4(path, "utf8");
  } catch {
    return {};
  }
  try {
    if (text.length > MAX_CONFIG_BYTES) throw new Error("too large");
    return JSON.parse(text);
  } catch (err) {
    throw new SignerError(
      "REGISTRY_AUTH",
      `${path} is not valid JSON (${describeCause(err)}). Fix it, or pass 'registry-username' and 'registry-password'.`
    );
  }
}
function keysFor(host) {
  return host === "index.docker.io" ? DOCKER_HUB_KEYS : [host, `https://${host}`, `http://${host}`];
}
async function credentialFromDockerConfig(config, host, runHelper) {
  const keys = keysFor(host);
  const helper = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
  if (helper) {
    const fromHelper = await fromCredentialHelper(
      helper,
      keys[0] === "https://index.docker.io/v1/" ? keys[0] : host,
      runHelper
    );
    if (fromHelper) return fromHelper;
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.identitytoken) return { username: "<token>", password: entry.identitytoken };
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return void 0;
}
async function fromCredentialHelper(helper, host, runHelper) {
  if (!/^[\w.-]+$/.test(helper))
    throw new SignerError(
      "REGISTRY_AUTH",
      `Docker config names credential helper '${helper}', which is not a helper name.`
    );
  let output;
  try {
    output = await runHelper(helper, host);
  } catch {
    return void 0;
  }
  try {
    const parsed = JSON.parse(output);
    if (!parsed.Secret) return void 0;
    return { username: parsed.Username ?? "", password: parsed.Secret };
  } catch {
    throw new SignerError(
      "REGISTRY_AUTH",
      `docker-credential-${helper} answered something other than JSON for ${host}.`
    );
  }
}

// src/registry/credentials.ts
function createConfiguredCredentials(config, environment) {
  return {
    missingHint: "Give credentials with 'registry', 'registry-username' and 'registry-password'.",
    async lookup(registry) {
      const fromInputs = config.credentials.find((entry) => entry.registry === registry);
      if (fromInputs) return fromInputs;
      const fromDocker = await credentialFromDockerConfig(
        readDockerConfig(environment.env),
        registry,
        environment.runCredentialHelper
      );
      if (fromDocker) return fromDocker;
      if (registry === "ghcr.io" && environment.githubToken)
        return { username: config.githubActor || "token", password: environment.githubToken };
      return void 0;
    }
  };
}
function createWithheldCredentials(dryRunReason) {
  return {
    missingHint: `This dry run (${dryRunReason}) sends no credentials, so this image's manifest, provenance and existing signatures could not be checked; the release run will check them. On an event that cannot carry a fork's content, 'dry-run-credentials: true' lets the dry run use the registry's credentials.`,
    lookup: () => Promise.resolve(void 0)
  };
}

// src/registry/retry.ts
var RetryBudget = class {
  remainingMs;
  requestTimeoutMs;
  onRetry;
  random;
  constructor(options) {
    this.remainingMs = options.budgetMs;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.onRetry = options.onRetry;
    this.random = options.random ?? Math.random;
  }
  /** Waits before attempt `attempt + 1`, or returns false when the budget cannot pay for it. */
  async wait(attempt, what, reason, retryAfter) {
    const capMs = Math.min(8e3, 200 * 2 ** (attempt - 1));
    const delayMs = Math.max(parseRetryAfter(retryAfter) ?? 0, Math.round(this.random() * capMs));
    if (attempt >= MAX_ATTEMPTS || delayMs > this.remainingMs) return false;
    this.remainingMs -= delayMs;
    this.onRetry(`${what}: ${reason}; retry ${attempt} in ${(delayMs / 1e3).toFixed(1)} s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, delayMs));
    return true;
  }
};
var MAX_ATTEMPTS = 8;
function isRetryableStatus(status) {
  return status === 429 || status === 408 || status === 500 || status === 502 || status === 503 || status === 504;
}
function parseRetryAfter(value) {
  if (!value) return void 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1e3);
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - Date.now());
}

// src/registry/http-error.ts
var RegistryHttpError = class extends Error {
  status;
  /** Error codes from the distribution-spec error body (`MANIFEST_INVALID`, `UNAUTHORIZED`, …). */
  codes;
  context = {};
  constructor(operation, status, codes, detail) {
    super(
      `${operation}: HTTP ${status}${codes.length ? ` ${escapeUntrusted(codes.join(", "))}` : ""}${detail ? ` (${escapeUntrusted(detail)})` : ""}`
    );
    this.name = "RegistryHttpError";
    this.status = status;
    this.codes = codes;
  }
  /** Worth retrying: the same request may succeed later. */
  get temporary() {
    return this.status === 429 || this.status >= 500 || this.codes.includes("TOOMANYREQUESTS");
  }
  /**
   * A manifest refused because a blob it names is not (yet) there: concurrent signers uploading the same
   * blob can make distribution 2.8 answer MANIFEST_BLOB_UNKNOWN or DIGEST_INVALID. Worth another round.
   */
  get blobRace() {
    return this.status === 400 && this.codes.some(
      (code) => code === "MANIFEST_BLOB_UNKNOWN" || code === "BLOB_UNKNOWN" || code === "DIGEST_INVALID"
    );
  }
};
function toSignerError(registry, err, { manifestPush = false } = {}) {
  if (!(err instanceof RegistryHttpError)) return err;
  const { missingCredentialHint, retryAfterMs } = err.context;
  if (err.status === 401 || err.status === 403) {
    const fix = missingCredentialHint ?? "Check 'registry-username' and 'registry-password' (a token needs write:packages to push signatures).";
    return new SignerError(
      "REGISTRY_AUTH",
      `Registry ${registry} refused access: ${err.message}. ${fix}`,
      err
    );
  }
  if (err.status === 404)
    return new SignerError("MANIFEST_NOT_FOUND", `Registry ${registry}: ${err.message}.`, err);
  if (manifestPush && err.blobRace)
    return new SignerError(
      "PUBLISH_CONFLICT",
      `Registry ${registry} refused a manifest while a blob it names was not there yet (another signer uploading the same blob at the same moment): ${err.message}. Run again; nothing of others was removed.`,
      err
    );
  if (err.temporary) {
    const fix = !isRetryableStatus(err.status) ? "" : retryAfterMs !== void 0 && retryAfterMs > 0 ? ` It asked to wait ${Math.ceil(retryAfterMs / 1e3)} s, more than 'retry-budget-seconds' leaves for this run; raise that setting if the registry really needs that long.` : ` It was still failing when the retries 'retry-budget-seconds' allows ran out; raise that setting if the registry needs longer.`;
    return new SignerError(
      "REGISTRY_UNAVAILABLE",
      `Registry ${registry} is unavailable: ${err.message}.${fix}`,
      err
    );
  }
  return new SignerError(
    "REGISTRY_PROTOCOL",
    `Registry ${registry} rejected a request: ${err.message}.`,
    err
  );
}
async function toRegistryHttpError(operation, response) {
  const text = (await response.text().catch(() => "")).slice(0, 2048);
  let codes = [];
  let detail;
  try {
    const body = JSON.parse(text);
    codes = (body.errors ?? []).map((e) => String(e.code ?? "")).filter(Boolean);
    detail = (body.errors ?? []).map((e) => String(e.message ?? "")).filter(Boolean).join("; ");
  } catch {
    detail = text.trim().slice(0, 200);
  }
  return new RegistryHttpError(operation, response.status, codes, detail);
}

// src/registry/access-boundary.ts
var RegistryAccessBoundary = class {
  registry;
  inner;
  constructor(inner) {
    this.inner = inner;
    this.registry = inner.registry;
  }
  getManifest(repository, reference) {
    return this.converted(this.inner.getManifest(repository, reference));
  }
  findTagged(repository, tag) {
    return this.converted(this.inner.findTagged(repository, tag));
  }
  getBlob(repository, digest, maxBytes) {
    return this.converted(this.inner.getBlob(repository, digest, maxBytes));
  }
  getReferrers(repository, digest) {
    return this.converted(this.inner.getReferrers(repository, digest));
  }
  putBlob(repository, bytes, options) {
    return this.converted(this.inner.putBlob(repository, bytes, options));
  }
  putManifest(repository, reference, bytes, mediaType) {
    return this.converted(this.inner.putManifest(repository, reference, bytes, mediaType), {
      manifestPush: true
    });
  }
  deleteManifest(repository, digest) {
    return this.converted(this.inner.deleteManifest(repository, digest));
  }
  /** A blob race is only a race on a manifest push: a blob's own refusal of its digest is final. */
  converted(pending, on = {}) {
    return pending.catch((err) => {
      throw toSignerError(this.registry, err, on);
    });
  }
};

// src/registry/blob-upload.ts
var UPLOAD_ROUNDS = 4;
var BlobUploads = class {
  transport;
  /** Blobs on their way to the registry (`repository@digest`): concurrent puts of one share its upload. */
  uploading = /* @__PURE__ */ new Map();
  /**
   * Blobs in the registry this run, each uploaded once. Only their names are kept (a large release puts
   * thousands, and a settled promise with its result costs several times the name).
   */
  uploaded = /* @__PURE__ */ new Set();
  /** Learnt from the first upload: whether the registry stores a blob from one POST (OCI monolithic upload). */
  singlePostUpload;
  constructor(transport) {
    this.transport = transport;
  }
  async hasBlob(repository, digest) {
    const operation = `HEAD blob ${repository}@${digest}`;
    const response = await this.transport.send({
      method: "HEAD",
      repository,
      access: "pull",
      path: `/blobs/${digest}`,
      operation
    });
    if (response.status === 404) return false;
    await this.transport.expect(response, [200], operation);
    return true;
  }
  /**
   * Uploads a blob unless it is known to be there; concurrent calls for the same blob share one upload. An
   * upload session can be lost with the connection (the registry finished, the answer did not arrive):
   * then the upload starts over, and the HEAD finds a blob that did arrive.
   */
  put(repository, bytes, options = {}) {
    const digest = sha256Digest(bytes);
    const key = `${repository}@${digest}`;
    if (this.uploaded.has(key)) return Promise.resolve({ digest, size: bytes.length });
    const known = this.uploading.get(key);
    if (known) return known;
    const uploading = this.uploadOnce(repository, digest, bytes, options.unique === true);
    this.uploading.set(key, uploading);
    uploading.then(
      () => {
        this.uploaded.add(key);
        this.uploading.delete(key);
      },
      () => this.uploading.delete(key)
    );
    return uploading;
  }
  async uploadOnce(repository, digest, bytes, unique) {
    const ref = { digest, size: bytes.length };
    for (let round = 1; ; round++) {
      if ((round > 1 || !unique) && await this.hasBlob(repository, digest)) return ref;
      try {
        await this.upload(repository, digest, bytes);
        return ref;
      } catch (err) {
        if (!lostUploadSession(err) || round >= UPLOAD_ROUNDS) throw err;
      }
    }
  }
  /**
   * One POST carrying the blob where the registry stores it that way (OCI "single POST" monolithic
   * upload); a registry that does not answers 202 with a session, and the blob follows in a PUT, or
   * refuses the POST, and the upload starts over in two steps. Which one it is, is learnt from the first upload.
   */
  async upload(repository, digest, bytes) {
    const operation = `upload blob ${repository}@${digest}`;
    if (this.singlePostUpload !== false) {
      const single = await this.transport.send({
        method: "POST",
        repository,
        access: "pull,push",
        path: `/blobs/uploads/?digest=${digest}`,
        operation,
        headers: { "content-type": "application/octet-stream" },
        body: bytes
      });
      if (single.status === 201 || single.status === 202) this.singlePostUpload = single.status === 201;
      else if (single.status === 401 || single.status === 403 || single.status >= 500)
        await this.transport.expect(single, [201], operation);
      else this.singlePostUpload = false;
      if (single.status === 201) return single.discard();
      if (single.status === 202) return this.finishUpload(single, repository, digest, bytes, operation);
      await single.discard();
    }
    const start = await this.transport.send({
      method: "POST",
      repository,
      access: "pull,push",
      path: "/blobs/uploads/",
      operation
    });
    await this.transport.expect(start, [202], operation);
    await this.finishUpload(start, repository, digest, bytes, operation);
  }
  /** The PUT that completes an upload session with the whole blob. */
  async finishUpload(start, repository, digest, bytes, operation) {
    await start.discard();
    const url = await this.transport.toUploadUrl(start.headers.get("location"), operation);
    url.searchParams.set("digest", digest);
    const finish = await this.transport.sendUrl({
      method: "PUT",
      url,
      repository,
      access: "pull,push",
      operation,
      headers: { "content-type": "application/octet-stream" },
      body: bytes
    });
    await this.transport.expect(finish, [201, 204], operation);
    await finish.discard();
  }
};
function lostUploadSession(err) {
  if (err instanceof RegistryHttpError) return err.temporary || err.status === 404;
  return err instanceof SignerError && err.code === "REGISTRY_UNAVAILABLE";
}

// src/registry/tag-list.ts
var TAGS_PER_PAGE = 1e3;
var MAX_TAG_PAGES = 10;
async function listTags(transport, repository) {
  const tags = /* @__PURE__ */ new Set();
  const operation = `GET tags ${repository}`;
  let path = `/tags/list?n=${TAGS_PER_PAGE}`;
  for (let page = 1; path && page <= MAX_TAG_PAGES; page++) {
    const response = await transport.send({ method: "GET", repository, access: "pull", path, operation });
    if (response.status === 404 && page === 1) {
      await response.discard();
      return tags;
    }
    if (response.status !== 200) {
      await response.discard();
      return void 0;
    }
    const listed = parseTagList(await transport.bounded(response, MAX_MANIFEST_BYTES, operation));
    if (!listed) return void 0;
    for (const tag of listed) tags.add(tag);
    const last = listed.at(-1);
    path = nextPage(response.headers.get("link"), repository) ?? (listed.length >= TAGS_PER_PAGE && last ? `/tags/list?n=${TAGS_PER_PAGE}&last=${encodeURIComponent(last)}` : void 0);
  }
  return path ? void 0 : tags;
}
function parseTagList(bytes) {
  try {
    const tags = JSON.parse(bytes.toString("utf8")).tags;
    if (tags === null || tags === void 0) return [];
    return Array.isArray(tags) && tags.every((tag) => typeof tag === "string") ? tags : void 0;
  } catch {
    return void 0;
  }
}
function nextPage(link, repository) {
  const target = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : void 0;
  if (!target) return void 0;
  const url = new URL(target, "http://registry.invalid");
  const prefix = `/v2/${repository}`;
  return url.pathname.startsWith(prefix) ? `${url.pathname.slice(prefix.length)}${url.search}` : void 0;
}

// src/util/redact.ts
function toDisplayUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return JSON.stringify(String(url).slice(0, 100));
  }
}

// src/registry/realm-policy.ts
import { BlockList, isIP } from "node:net";
function checkRealm(realm, registryOrigin) {
  let url;
  try {
    url = new URL(realm);
  } catch {
    return { allowed: false, reason: "it is not a URL" };
  }
  const registry = new URL(registryOrigin);
  if (url.username || url.password) return { allowed: false, reason: "it carries a user name or password" };
  if (url.origin === registry.origin) return { allowed: true, url };
  if (url.protocol === "http:" && registry.protocol !== "http:")
    return { allowed: false, reason: "it is plain HTTP while the registry is served over HTTPS" };
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { allowed: false, reason: `its scheme ${url.protocol} is neither https nor http` };
  if (isInternalAddress(url.hostname))
    return {
      allowed: false,
      reason: "it is a loopback, private or link-local address that is not the registry's own origin"
    };
  if (toEffectiveDomain(url.hostname) !== toEffectiveDomain(registry.hostname))
    return {
      allowed: false,
      reason: `it is not in the registry's domain ${toEffectiveDomain(registry.hostname)}`
    };
  return { allowed: true, url };
}
var INTERNAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 24]
])
  INTERNAL.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff02::", 16]
])
  INTERNAL.addSubnet(network, prefix, "ipv6");
function isInternalAddress(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const value = parseInt(mapped[1] ?? "0", 16) << 16 | parseInt(mapped[2] ?? "0", 16);
    return INTERNAL.check([24, 16, 8, 0].map((shift) => value >>> shift & 255).join("."), "ipv4");
  }
  const family = isIP(host);
  if (family === 4) return INTERNAL.check(host, "ipv4");
  if (family === 6) return INTERNAL.check(host, "ipv6");
  return false;
}
function toEffectiveDomain(hostname) {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") || isIP(host) !== 0) return host;
  return host.split(".").slice(-2).join(".");
}

// src/registry/auth.ts
function parseChallenge(header) {
  if (!header) return void 0;
  const match = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!match) return void 0;
  const scheme = (match[1] ?? "").toLowerCase();
  if (scheme !== "basic" && scheme !== "bearer") return void 0;
  const params = {};
  for (const [, key, quoted, bare] of (match[2] ?? "").matchAll(
    /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g
  )) {
    if (key) params[key.toLowerCase()] = quoted !== void 0 ? quoted.replace(/\\(.)/g, "$1") : bare ?? "";
  }
  return { scheme, params };
}
function basicHeader(credential) {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
}
var TOKEN_TIMEOUT_MS = 3e4;
var Authorizer = class {
  tokens = /* @__PURE__ */ new Map();
  options;
  challenge;
  credentialLookup;
  constructor(options) {
    this.options = options;
  }
  /** The credential for this registry, masked (and its basic-auth form) the moment it is known. */
  credential() {
    this.credentialLookup ??= this.options.credential().then((credential) => {
      if (credential) {
        this.options.maskSecret(credential.password);
        this.options.maskSecret(basicHeader(credential).slice("Basic ".length));
      }
      return credential;
    });
    return this.credentialLookup;
  }
  /**
   * Remembers the registry's challenge so later requests authorise up front. `origin` is the registry's
   * origin that sent it: challenges from anywhere else (a CDN, an upload Location) are never learnt.
   */
  learn(challenge, origin) {
    if (challenge) this.challenge = { challenge, origin };
  }
  get knowsChallenge() {
    return this.challenge !== void 0;
  }
  async header(scope) {
    if (!this.challenge) return void 0;
    const { challenge, origin } = this.challenge;
    if (challenge.scheme === "basic") {
      const credential = await this.credential();
      return credential ? basicHeader(credential) : void 0;
    }
    let token = this.tokens.get(scope);
    if (!token) {
      token = this.fetchToken(challenge, origin, scope);
      this.tokens.set(scope, token);
      token.catch(() => this.tokens.delete(scope));
    }
    return `Bearer ${await token}`;
  }
  forget(scope) {
    this.tokens.delete(scope);
  }
  async fetchToken(challenge, origin, scope) {
    const realm = challenge.params.realm;
    if (!realm)
      throw new RegistryHttpError(
        "token challenge",
        401,
        [],
        "the registry sent a bearer challenge without a realm"
      );
    const decision = checkRealm(realm, origin);
    if (!decision.allowed)
      throw new SignerError(
        "REGISTRY_AUTH",
        `Registry ${this.options.registry} named ${toDisplayUrl(realm)} as its token realm, which is refused: ${decision.reason}. Nothing was sent there. If this registry is yours, serve its token endpoint on the registry's own origin (as GHCR does) or over HTTPS in the registry's domain; a realm anywhere else may be collecting credentials.`
      );
    const url = new URL(decision.url);
    if (challenge.params.service) url.searchParams.set("service", challenge.params.service);
    url.searchParams.set("scope", scope);
    const headers = {};
    const credential = await this.credential();
    if (credential) headers.authorization = basicHeader(credential);
    const response = await this.options.http(url, { headers, timeoutMs: TOKEN_TIMEOUT_MS });
    if (response.status < 200 || response.status > 299)
      throw await toRegistryHttpError(`token for ${scope}`, response);
    const body = await response.json();
    const token = typeof body.token === "string" ? body.token : body.access_token;
    if (typeof token !== "string" || !token) {
      throw new RegistryHttpError(
        `token for ${scope}`,
        response.status,
        [],
        "the token server answered without a token"
      );
    }
    this.options.maskSecret(token);
    return token;
  }
};

// src/registry/http.ts
var DRAIN_LIMIT_BYTES = 64 * 1024;
function createHttpSend(allowInsecure) {
  const dispatcher = createDispatcher({ allowInsecure, keepAliveTimeoutMs: 3e4 });
  return async (url, init) => {
    const answer = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: init.method ?? "GET",
      headers: init.headers ?? {},
      body: init.body ?? null,
      headersTimeout: init.timeoutMs,
      bodyTimeout: init.timeoutMs
    });
    const headers = toHeaderLookup(answer.headers);
    const { body } = answer;
    return {
      status: answer.statusCode,
      headers,
      text: () => body.text(),
      json: () => body.json(),
      discard: () => body.dump({ limit: DRAIN_LIMIT_BYTES }).catch(() => void 0),
      async bytes(maxBytes, what) {
        const declared = Number(headers.get("content-length") ?? "0");
        if (declared > maxBytes) {
          body.on("error", () => void 0).destroy();
          throw new Error(`${what} is ${declared} bytes, more than the ${maxBytes} allowed`);
        }
        const chunks = [];
        let total = 0;
        for await (const chunk of body) {
          total += chunk.length;
          if (total > maxBytes) {
            body.destroy();
            throw new Error(`${what} is more than the ${maxBytes} bytes allowed`);
          }
          chunks.push(chunk);
        }
        return concatOwned(chunks, total);
      }
    };
  };
}
function toHeaderLookup(headers) {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === void 0) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    }
  };
}

// src/registry/redirects.ts
var MAX_REDIRECTS = 5;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
function checkLocation(from, location) {
  if (!location) return { refused: "there is no Location" };
  let url;
  try {
    url = new URL(location, from);
  } catch {
    return { refused: "the Location is not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { refused: `it is a ${url.protocol} URL, neither https nor http` };
  if (from.protocol === "https:" && url.protocol === "http:")
    return { refused: `it steps down from HTTPS to plain HTTP (${toDisplayUrl(url)})` };
  return { url };
}
async function sendFollowing(request, send) {
  let url = request.url;
  let response = await send(url);
  if (request.method !== "GET" && request.method !== "HEAD") return { response, url };
  for (let hops = 1; REDIRECT_STATUSES.has(response.status); hops++) {
    const status = response.status;
    const next = checkLocation(url, response.headers.get("location"));
    await response.discard();
    if ("refused" in next) throw notFollowed(request, status, next.refused);
    if (hops > MAX_REDIRECTS)
      throw notFollowed(request, status, `that was hop ${hops}, more than the ${MAX_REDIRECTS} followed`);
    url = next.url;
    response = await send(url);
  }
  return { response, url };
}
function notFollowed(request, status, reason) {
  return new SignerError(
    "REGISTRY_PROTOCOL",
    `Registry ${request.registry}: ${request.operation} was redirected (HTTP ${status}) and not followed: ${reason}. If the registry or a proxy in front of it is yours, have it redirect reads to an https URL, once.`
  );
}

// src/registry/transport.ts
var RegistryTransport = class {
  registry;
  options;
  http;
  authorizer;
  retry;
  origin;
  constructor(options) {
    this.options = options;
    this.registry = options.registry;
    this.retry = options.retry;
    this.http = options.http ?? createHttpSend(options.allowInsecure);
    this.authorizer = new Authorizer({
      registry: options.registry,
      credential: options.credential,
      maskSecret: options.maskSecret,
      http: this.http
    });
  }
  async send(request) {
    const { path, ...rest } = request;
    const url = new URL(`/v2/${request.repository}${path}`, await this.resolveOrigin());
    return this.sendUrl({ ...rest, url });
  }
  async sendUrl(request) {
    const { method, url, repository, access, operation, headers: given, body } = request;
    const scope = `repository:${repository}:${access}`;
    const origin = await this.resolveOrigin();
    const sendHop = async (hop) => {
      const authorization = hop.origin === origin ? await this.authorizer.header(scope).catch((err) => this.authFailed(operation, err)) : void 0;
      const headers = { ...given, ...authorization ? { authorization } : {} };
      return this.http(hop, {
        method,
        headers,
        ...body ? { body } : {},
        timeoutMs: this.retry.requestTimeoutMs
      });
    };
    const attempt = () => sendFollowing({ method, url, registry: this.registry, operation }, sendHop);
    for (let tries = 1; ; tries++) {
      let answer;
      try {
        answer = await attempt();
      } catch (err) {
        if (err instanceof SignerError || err instanceof RegistryHttpError) throw err;
        if (await this.retry.wait(tries, `${this.registry}: ${operation}`, describeCause(err))) continue;
        throw new SignerError(
          "REGISTRY_UNAVAILABLE",
          `Registry ${this.registry}: ${operation} failed: ${escapeUntrusted(describeCause(err))}. Check that the registry is reachable, or raise 'retry-budget-seconds'.`,
          err
        );
      }
      if (answer.response.status === 401 && answer.url.origin === origin) {
        const challenge = parseChallenge(answer.response.headers.get("www-authenticate"));
        await answer.response.discard();
        const hadChallenge = this.authorizer.knowsChallenge;
        this.authorizer.learn(challenge, origin);
        this.authorizer.forget(scope);
        if (challenge || !hadChallenge) answer = await attempt();
      }
      const { response } = answer;
      if (answer.url.origin !== origin && (response.status === 401 || response.status === 403)) {
        await response.discard();
        throw this.refusedElsewhere(answer.url, response.status, operation);
      }
      if (isRetryableStatus(response.status)) {
        const retryAfter = response.headers.get("retry-after");
        if (await this.retry.wait(
          tries,
          `${this.registry}: ${operation}`,
          `HTTP ${response.status}`,
          retryAfter
        )) {
          await response.discard();
          continue;
        }
      }
      return response;
    }
  }
  /**
   * An upload session's Location, resolved against the registry. Another origin is accepted (a storage
   * front whose URL carries the session; it gets no credentials); a step down to plain HTTP is not.
   */
  async toUploadUrl(location, operation) {
    const next = checkLocation(new URL(await this.resolveOrigin()), location);
    if ("url" in next) return next.url;
    throw new SignerError(
      "REGISTRY_PROTOCOL",
      `Registry ${this.registry}: ${operation}: the upload session's Location is not used: ${next.refused}. If the registry or a proxy in front of it is yours, have it hand out https upload URLs.`
    );
  }
  /**
   * Another origin the registry pointed to (a redirect, an upload Location) refused the request. It is a
   * failure of this request only: its challenge is not learnt, and no credential is offered to it.
   */
  refusedElsewhere(url, status, operation) {
    return new SignerError(
      "REGISTRY_AUTH",
      `Registry ${this.registry}: ${operation} went to ${url.origin}, another origin the registry pointed to (a redirect or an upload Location), which refused it (HTTP ${status}). The registry's credentials are never sent to another origin. Have the registry hand out download and upload URLs that carry their own authorisation, as GHCR and Docker Hub do.`
    );
  }
  async expect(response, statuses, operation) {
    if (statuses.includes(response.status)) return;
    const error2 = await toRegistryHttpError(operation, response);
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    error2.context = {
      ...await this.refusalHint(),
      ...retryAfterMs !== void 0 ? { retryAfterMs } : {}
    };
    throw error2;
  }
  /** The fix to name for a refusal when no credential was sent. */
  async refusalHint() {
    const sentCredential = await this.authorizer.credential() !== void 0;
    return sentCredential ? {} : { missingCredentialHint: this.options.missingCredentialHint };
  }
  async bounded(response, maxBytes, operation) {
    try {
      return await response.bytes(maxBytes, operation);
    } catch (err) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `Registry ${this.registry}: ${escapeUntrusted(describeCause(err))}.`,
        err
      );
    }
  }
  async authFailed(operation, err) {
    if (err instanceof SignerError) throw err;
    if (err instanceof RegistryHttpError) {
      err.context = await this.refusalHint();
      throw err;
    }
    throw new SignerError(
      "REGISTRY_AUTH",
      `Registry ${this.registry}: could not get a token for ${operation}: ${escapeUntrusted(describeCause(err))}.`,
      err
    );
  }
  resolveOrigin() {
    this.origin ??= this.ping();
    return this.origin;
  }
  /**
   * Finds the scheme and the auth challenge with one `GET /v2/`. Plain HTTP only with allowHttp, and only
   * when HTTPS fails, as cosign's --allow-http-registry does; both are asked at once, so a plain-HTTP
   * registry costs no wait for the HTTPS failure (the probe carries no credentials).
   */
  async ping() {
    const httpProbe = this.options.allowHttp ? this.probe(`http://${this.registry}`) : void 0;
    const probes = [this.probe(`https://${this.registry}`), ...httpProbe ? [httpProbe] : []];
    let lastError;
    for (const probe of probes) {
      const outcome = await probe;
      if (outcome.ok) {
        if (outcome.challenge !== void 0) this.authorizer.learn(outcome.challenge, outcome.origin);
        return outcome.origin;
      }
      lastError = outcome.error;
    }
    this.origin = void 0;
    const hint = this.options.allowHttp ? "Check the address and that the registry is running." : "If it serves plain HTTP, set 'allow-http-registry: true'; if its certificate is self-signed, add its CA to NODE_EXTRA_CA_CERTS or set 'allow-insecure-registry: true'.";
    throw new SignerError(
      "REGISTRY_UNAVAILABLE",
      `Registry ${this.registry} could not be reached over HTTPS${this.options.allowHttp ? " or HTTP" : ""}: ${escapeUntrusted(describeCause(lastError))}. ${hint}`,
      lastError
    );
  }
  async probe(origin) {
    try {
      const response = await this.http(new URL("/v2/", origin), {
        timeoutMs: this.retry.requestTimeoutMs
      });
      await response.discard();
      if (response.status !== 401) return { ok: true, origin };
      return { ok: true, origin, challenge: parseChallenge(response.headers.get("www-authenticate")) };
    } catch (error2) {
      return { ok: false, error: error2 };
    }
  }
};

// src/registry/client.ts
var RegistryClient = class {
  registry;
  transport;
  /** Learnt once per registry: false after the router answered that /referrers/ does not exist. */
  referrersApi;
  blobs;
  /** Per repository, its tags as last listed (listed again once stale); undefined when listing failed. */
  tagListings = /* @__PURE__ */ new Map();
  constructor(options) {
    this.registry = options.registry;
    this.transport = new RegistryTransport(options);
    this.blobs = new BlobUploads(this.transport);
  }
  /** Finds scheme and challenge now, so the connection is open when the first real request comes. */
  connect() {
    return this.transport.resolveOrigin().then(() => void 0);
  }
  /** The manifest, or undefined when the registry has none under that reference. */
  async getManifest(repository, reference) {
    const operation = `GET manifest ${repository}:${reference}`;
    const response = await this.transport.send({
      method: "GET",
      repository,
      access: "pull",
      path: `/manifests/${reference}`,
      operation,
      headers: { accept: MANIFEST_ACCEPT }
    });
    if (response.status === 404) {
      await response.discard();
      return void 0;
    }
    await this.transport.expect(response, [200], operation);
    const bytes = await this.transport.bounded(response, MAX_MANIFEST_BYTES, operation);
    const digest = sha256Digest(bytes);
    if (reference.startsWith("sha256:") && digest !== reference) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `Registry ${this.registry} returned content for ${repository}@${reference} whose digest is ${digest}. The registry or a proxy altered it; do not sign it.`
      );
    }
    const mediaType = readMediaType(bytes) ?? response.headers.get("content-type") ?? "";
    return { digest, mediaType, bytes };
  }
  /**
   * The first read of a tag this run, before anything of ours was written to it: answered from a recent
   * listing of the repository's tags when the tag is not there, so signing many manifests of one
   * repository does not ask for each absent `.sig` or referrers tag. Later reads use getManifest.
   */
  async findTagged(repository, tag) {
    let listing = this.tagListings.get(repository);
    if (!listing || !isFresh(listing.startedAt)) {
      listing = { startedAt: Date.now(), tags: listTags(this.transport, repository) };
      this.tagListings.set(repository, listing);
    }
    const tags = await listing.tags;
    if (tags && !tags.has(tag)) return void 0;
    return this.getManifest(repository, tag);
  }
  async putManifest(repository, reference, bytes, mediaType) {
    const operation = `PUT manifest ${repository}:${reference}`;
    const response = await this.transport.send({
      method: "PUT",
      repository,
      access: "pull,push",
      path: `/manifests/${reference}`,
      operation,
      headers: { "content-type": mediaType },
      body: bytes
    });
    await this.transport.expect(response, [200, 201], operation);
    await response.discard();
    const digest = sha256Digest(bytes);
    const stated = response.headers.get(HEADER_DOCKER_CONTENT_DIGEST);
    if (stated && stated !== digest) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `Registry ${this.registry} stored ${repository}:${reference} as ${stated}, but we sent ${digest}. The registry rewrote the manifest; cosign could not verify it.`
      );
    }
    const indexedSubject = response.headers.get(HEADER_OCI_SUBJECT);
    return indexedSubject ? { digest, indexedSubject } : { digest };
  }
  async deleteManifest(repository, digest) {
    const operation = `DELETE manifest ${repository}@${digest}`;
    const response = await this.transport.send({
      method: "DELETE",
      repository,
      access: "pull,push",
      path: `/manifests/${digest}`,
      operation
    });
    if (response.status === 405 || response.status === 400) {
      await response.discard();
      return false;
    }
    await this.transport.expect(response, [200, 202, 404], operation);
    await response.discard();
    return true;
  }
  /**
   * The referrers API's answer for a digest, or undefined when the registry has no referrers API
   * (distribution 2.8 and GHCR answer 404; a registry with the API answers 200 with an OCI index).
   * https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers
   */
  async getReferrers(repository, digest) {
    if (this.referrersApi === false) return void 0;
    const operation = `GET referrers ${repository}@${digest}`;
    const response = await this.transport.send({
      method: "GET",
      repository,
      access: "pull",
      path: `/referrers/${digest}`,
      operation,
      headers: { accept: OCI_INDEX }
    });
    const contentType = response.headers.get("content-type") ?? "";
    if (response.status === 401 || response.status === 403 || response.status >= 500)
      await this.transport.expect(response, [200], operation);
    if (response.status !== 200 || !contentType.startsWith(OCI_INDEX)) {
      if (response.status === 404 && !contentType.includes("json")) this.referrersApi = false;
      await response.discard();
      return void 0;
    }
    return this.transport.bounded(response, MAX_MANIFEST_BYTES, operation);
  }
  putBlob(repository, bytes, options = {}) {
    return this.blobs.put(repository, bytes, options);
  }
  async getBlob(repository, digest, maxBytes) {
    const operation = `GET blob ${repository}@${digest}`;
    const response = await this.transport.send({
      method: "GET",
      repository,
      access: "pull",
      path: `/blobs/${digest}`,
      operation
    });
    await this.transport.expect(response, [200], operation);
    const bytes = await this.transport.bounded(response, maxBytes, operation);
    if (sha256Digest(bytes) !== digest) {
      throw new SignerError(
        "REGISTRY_PROTOCOL",
        `Registry ${this.registry}: blob ${repository}@${digest} does not match its digest.`
      );
    }
    return bytes;
  }
};
function readMediaType(bytes) {
  try {
    const value = JSON.parse(bytes.toString("utf8")).mediaType;
    return typeof value === "string" ? value : void 0;
  } catch {
    return void 0;
  }
}

// src/registry/pool.ts
var REQUEST_TIMEOUT_MS = 6e4;
var RegistryPool = class {
  clients = /* @__PURE__ */ new Map();
  directClients = /* @__PURE__ */ new Map();
  config;
  environment;
  retry;
  constructor(config, environment) {
    this.config = config;
    this.environment = environment;
    this.retry = new RetryBudget({
      budgetMs: config.retryBudgetSeconds * 1e3,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      onRetry: environment.log
    });
  }
  client(registry) {
    let client = this.clients.get(registry);
    if (!client) {
      const bounded = new RegistryAccessBoundary(this.direct(registry));
      client = this.environment.wrap ? this.environment.wrap(bounded) : bounded;
      this.clients.set(registry, client);
    }
    return client;
  }
  /**
   * Opens the connections to these registries in the background; settles when each has answered or
   * failed (errors surface on the first real request), and never rejects.
   */
  warm(registries) {
    const probes = [...new Set(registries)].map(
      (registry) => this.direct(registry).connect().catch(() => void 0)
    );
    return Promise.all(probes).then(() => void 0);
  }
  direct(registry) {
    let client = this.directClients.get(registry);
    if (!client) {
      client = new RegistryClient({
        registry,
        allowHttp: this.config.allowHttp,
        allowInsecure: this.config.allowInsecure,
        credential: () => this.environment.credentials.lookup(registry),
        missingCredentialHint: this.environment.credentials.missingHint,
        maskSecret: this.environment.maskSecret,
        retry: this.retry,
        http: this.environment.http
      });
      this.directClients.set(registry, client);
    }
    return client;
  }
};

// src/registry/recording.ts
var RecordingRegistry = class {
  registry;
  reader;
  blobs = /* @__PURE__ */ new Map();
  manifests = /* @__PURE__ */ new Map();
  log;
  constructor(reader, log) {
    this.reader = reader;
    this.registry = reader.registry;
    this.log = log;
  }
  async getManifest(repository, reference) {
    return this.manifests.get(`${repository}:${reference}`) ?? this.reader.getManifest(repository, reference);
  }
  async findTagged(repository, tag) {
    return this.manifests.get(`${repository}:${tag}`) ?? this.reader.findTagged(repository, tag);
  }
  async getBlob(repository, digest, maxBytes) {
    return this.blobs.get(`${repository}@${digest}`) ?? this.reader.getBlob(repository, digest, maxBytes);
  }
  async getReferrers(repository, digest) {
    return this.reader.getReferrers(repository, digest);
  }
  async putBlob(repository, bytes) {
    const digest = sha256Digest(bytes);
    this.blobs.set(`${repository}@${digest}`, bytes);
    this.log.push({ kind: "blob", registry: this.registry, repository, reference: digest });
    return { digest, size: bytes.length };
  }
  async putManifest(repository, reference, bytes, mediaType) {
    const digest = sha256Digest(bytes);
    const manifest = { digest, mediaType, bytes };
    this.manifests.set(`${repository}:${reference}`, manifest);
    this.manifests.set(`${repository}:${digest}`, manifest);
    this.log.push({ kind: "manifest", registry: this.registry, repository, reference });
    return { digest };
  }
  async deleteManifest(repository, digest) {
    this.log.push({ kind: "delete", registry: this.registry, repository, reference: digest });
    return true;
  }
};

// src/session.ts
function openSession(config, mode, environment) {
  const recordedWrites = [];
  const registries = new RegistryPool(config.registry, {
    maskSecret: environment.maskSecret,
    credentials: mode.sendsCredentials ? createConfiguredCredentials(config.registry, {
      runCredentialHelper,
      githubToken: config.githubToken
    }) : createWithheldCredentials(mode.reason),
    log: environment.log,
    ...mode.dryRun ? { wrap: (client) => new RecordingRegistry(client, recordedWrites) } : {}
  });
  const reached = timed(
    "connect",
    () => registries.warm([
      ...config.subjects.images.map((image) => image.registry),
      ...config.subjects.tagsToResolve.map((tag) => tag.registry)
    ])
  );
  const githubToken = mode.sendsCredentials ? config.githubToken : "";
  return { registries, mode, recordedWrites, githubToken, reached };
}

// src/wiring.ts
var HEAD_START_MS = 250;
async function wireRun(given, context, hooks) {
  const releaseFiles = await findReleaseFiles(given, context);
  const mode = decideRunMode(given, context);
  const session = openSession(given, mode, { maskSecret: hooks.maskSecret, log: hooks.log });
  const privateKey = startReadingKey(given, mode);
  await settledWithin(session.reached, HEAD_START_MS);
  const loadStarted = sinceStart();
  const { createServices } = await import("./signing-services-WYUUDU2M.js");
  notePhase("load-signing", loadStarted);
  const wiringStarted = sinceStart();
  const { services, signer, config, files } = await createServices(
    given,
    context,
    {
      maskSecret: hooks.maskSecret,
      requestIdToken: hooks.requestIdToken,
      runnerCanIssueToken: context.canRequestIdToken,
      log: hooks.log,
      ...privateKey ? { privateKey } : {}
    },
    session
  );
  notePhase("wire", wiringStarted);
  return {
    config,
    mode,
    signer,
    services,
    releaseFiles,
    files,
    announcements: announcementsFor(mode, signer, config),
    closingLines: () => mode.dryRun ? [`${session.recordedWrites.length} registry write(s) kept back.`] : [],
    writeBundleFiles: async (outcomes) => mode.dryRun ? [] : writeBundleFiles(outcomes, context.tempDir)
  };
}
function findReleaseFiles(config, context) {
  const { files } = config;
  return collectReleaseFiles(
    {
      patterns: files.patterns,
      goreleaserPaths: files.goreleaserArtifacts ? selectGoreleaserFiles(
        files.goreleaserArtifacts,
        files.goreleaserFilters,
        "Input 'goreleaser-artifacts'"
      ) : []
    },
    context.workspace
  );
}
function announcementsFor(mode, signer, config) {
  const told = (mode.warnings ?? []).map((text) => ({ level: "warning", text }));
  if (mode.dryRun) {
    told.push({
      level: "notice",
      text: `Dry run (${mode.reason}): everything is checked and signed with a throwaway key, nothing is written or sent${mode.sendsCredentials ? "" : ", and no credentials are used"}.`
    });
    for (const text of mode.notes) told.push({ level: "notice", text });
    return told;
  }
  if (signer.mode === "key")
    told.push({ level: "info", text: `Public key that verifies these signatures:
${signer.publicKeyPem}` });
  else if (signer.mode === "keyless")
    told.push({
      level: "info",
      text: `Keyless signer: ${signer.certificateIdentity} (issuer ${signer.certificateIssuer})`
    });
  if (!config.tlog)
    told.push({ level: "warning", text: withoutLogWarning(signer.mode, config.tsaUrl !== void 0) });
  return told;
}
function withoutLogWarning(mode, timestamped) {
  const start = "tlog-upload is false: no transparency log entry was made.";
  if (timestamped)
    return `${start} Each signature carries a signed timestamp instead: verify with cosign verify --use-signed-timestamps --insecure-ignore-tlog=true (and a trusted root that lists the timestamp authority).`;
  if (mode === "keyless")
    return `${start} Nothing proves the signatures were made while the certificates were valid: cosign verify accepts them only with --insecure-ignore-tlog=true.`;
  return `${start} Verifiers must pass --insecure-ignore-tlog=true to cosign verify (and trust the key's holder for the signing time).`;
}
function startReadingKey(config, mode) {
  const { signing } = config;
  if (mode.dryRun || signing.mode !== "key" || signing.missingKey) return void 0;
  const reading = import("./cosign-key-IWLBYNDL.js").then(
    ({ readPrivateKey }) => readPrivateKey(signing.keyPem, signing.password)
  );
  reading.catch(() => void 0);
  return reading;
}
async function settledWithin(promise, ms) {
  let timer;
  await Promise.race([promise, new Promise((resolveWait) => timer = setTimeout(resolveWait, ms))]);
  clearTimeout(timer);
}

// src/main.ts
async function run(given, context, hooks) {
  notePhase("start-up", 0);
  const wired = await wireRun(given, context, { ...hooks, log: logged.info });
  announce(wired.announcements);
  const outcomes = await signImages(wired);
  const fileOutcomes = await signReleaseFiles(wired, context);
  const reportStarted = sinceStart();
  await writeReport(wired, context, hooks.sink, outcomes, fileOutcomes);
  failIfAnyFailed([...outcomes, ...fileOutcomes]);
  notePhase("report", reportStarted);
  if (context.timingsFile) appendPhaseTimings(context.timingsFile);
}
async function signImages(wired) {
  const { config, services, mode } = wired;
  const { subjects } = config;
  const resolved = await mapLimit(
    subjects.tagsToResolve,
    config.concurrency,
    (tag) => services.resolver.resolveTag(tag)
  );
  for (const image of resolved)
    logged.info(
      `resolved ${image.registry}/${image.repository}:${image.tag} to ${image.digest} (resolve-tags)`
    );
  const images = dedupeImages([...subjects.images, ...resolved]);
  for (const notice2 of subjects.notices) logged.notice(notice2);
  for (const skipped of subjects.skipped)
    logged.info(`skipped ${escapeUntrusted(skipped.name)}: ${escapeUntrusted(skipped.reason)}`);
  if (images.length === 0 && wired.releaseFiles.length > 0) return [];
  return logged.group(groupTitle(mode, images.length, "image(s)"), async () => {
    const outcomes = await signAll(images, services, { concurrency: config.concurrency });
    logImageOutcomes(outcomes);
    for (const line of wired.closingLines()) logged.info(line);
    return outcomes;
  });
}
async function signReleaseFiles(wired, context) {
  const { releaseFiles, files, config, mode } = wired;
  if (releaseFiles.length === 0) return [];
  return logged.group(groupTitle(mode, releaseFiles.length, "release file(s)"), async () => {
    const { signFiles } = await import("./sign-files-AIPENFOE.js");
    const outcomes = await signFiles(releaseFiles, files, {
      concurrency: Math.min(config.concurrency, 4),
      workspace: context.workspace
    });
    logFileOutcomes(outcomes);
    return outcomes;
  });
}
async function writeReport(wired, context, sink, outcomes, fileOutcomes) {
  const { config, mode, signer } = wired;
  const { skipped } = config.subjects;
  const bundlePaths = await wired.writeBundleFiles(outcomes);
  const entries = toReportEntries(outcomes, skipped, mode);
  const reportPath = writeReportFile(entries, context.tempDir);
  await sink.write(
    {
      ...toStepOutputs(entries, outcomes, signer, bundlePaths, mode, reportPath),
      "file-signatures": toFileSignaturesOutput(fileOutcomes)
    },
    renderSummary(outcomes, skipped, {
      publicRekor: config.tlog?.rekorUrl === DEFAULT_REKOR_URL,
      mode,
      reportPath,
      signer,
      transparency: config.tlog ? "tlog" : config.tsaUrl ? "tsa" : "none"
    }) + renderFilesSummary(fileOutcomes)
  );
}
function failIfAnyFailed(outcomes) {
  const failed = outcomes.filter((outcome) => outcome.status === "failed");
  if (failed.length === 0) return;
  logged.setFailed(
    `${failed.length} of ${outcomes.length} signature(s) failed: ${[...new Set(failed.map((o) => o.error?.code))].join(", ")}`
  );
}
async function failRun(err, sink) {
  const message = err instanceof SignerError ? err.message : `release-signer stopped on an unexpected error: ${escapeUntrusted(describeCause(err))}`;
  logged.setFailed(message);
  if (err instanceof SignerError && err.cause)
    logged.debug(`cause: ${escapeUntrusted(describeCause(err.cause))}`);
  await sink.write(toStoppedRunOutputs(), renderStoppedSummary(message));
}

export {
  readRunContext,
  require_dist,
  readConfig,
  run,
  failRun
};
