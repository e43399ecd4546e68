import { createHash } from 'node:crypto';

/** A sha256 digest, `sha256:<64 lowercase hex>`: the only algorithm made or accepted. */
export type Digest = `sha256:${string}`;

export function sha256Digest(bytes: Uint8Array): Digest {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
