/** Reads a response body, refusing more than `maxBytes` (untrusted peers can send anything). */
export async function readBounded(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`${what} is ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  if (!response.body) return Buffer.alloc(0);
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
