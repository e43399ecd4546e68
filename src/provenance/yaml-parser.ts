// The YAML parser, loaded on demand through this module (only a run with a provenance policy needs it): yaml
// is CommonJS, and in the bundle a dynamic import() of CommonJS gives only its default export, where a
// static import gives the named ones.
export { YAMLParseError, parse } from 'yaml';
