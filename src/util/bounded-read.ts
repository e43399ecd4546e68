/** Reads a response body, refusing more than `maxBytes` (untrusted peers can send anything). */
export async function readBounded(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`${what} is ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  if (!response.body) return Buffer.alloc(0);
  // A declared length within the limit is enforced by the HTTP client, so the body can be read whole.
  if (response.headers.has('content-length')) return Buffer.from(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new Error(`${what} is more than the ${maxBytes} bytes allowed`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Bodies up to this size are read to the end rather than cancelled, so the connection stays open for reuse. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

/** Discards a response body that is of no interest (an error's, an upload's answer). */
export async function discardBody(response: Response): Promise<void> {
  if (!response.body) return;
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) <= DRAIN_LIMIT_BYTES) {
    await response.arrayBuffer().catch(() => undefined);
    return;
  }
  await response.body.cancel().catch(() => undefined);
}
