import type { BuildOptions } from 'esbuild';

/** esbuild options for dist/ (scripts/bundle-options.mjs). */
export declare const BUNDLE_OPTIONS: BuildOptions;
