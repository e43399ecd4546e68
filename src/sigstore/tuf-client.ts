// @sigstore/tuf, loaded on demand through this module: it is CommonJS, and in the bundle a dynamic
// import() of CommonJS gives only its default export, where a static import gives the named ones.
export { initTUF } from '@sigstore/tuf';
