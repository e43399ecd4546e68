/**
 * Node cuts small Buffers out of a shared slab (Buffer.poolSize: 64 KiB on Node 24), and frees a slab only
 * once every slice of it is gone. A few hundred bytes kept to the end of the run (a signature payload for
 * settle(), a signature list for read-back) would keep a whole slab alive each: a large release kept
 * 16 MiB of slabs for 2,500 manifests. Bytes kept that long get memory of their own.
 */
export function toOwnedBuffer(text: string): Buffer {
  const owned = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  owned.write(text);
  return owned;
}

/** The chunks of a body, joined in memory of their own (see toOwnedBuffer). */
export function concatOwned(chunks: readonly Uint8Array[], length: number): Buffer {
  const owned = Buffer.allocUnsafeSlow(length);
  let offset = 0;
  for (const chunk of chunks) {
    owned.set(chunk, offset);
    offset += chunk.length;
  }
  return owned;
}
