import { createHash } from 'node:crypto';
import type { Digest } from '../subjects/reference.ts';

export function sha256Digest(bytes: Uint8Array): Digest {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
