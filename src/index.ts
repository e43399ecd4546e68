// The runner's entry. The signing key's derivation starts first, on the thread pool, while the rest of
// the action loads (a static import would load everything before any of it runs).
import { startKeyForRun } from './early-key.ts';

startKeyForRun(process.env);
await import('./action.ts');
