/** Maps with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/**
 * Runs tasks handed in at any time with at most `limit` in flight, in the order they were handed in
 * (mapLimit, for work that arrives while earlier work runs).
 */
export function limiter(limit: number): <R>(task: () => Promise<R>) => Promise<R> {
  const queued: (() => void)[] = [];
  let running = 0;
  // A finished task hands its slot to the next queued one directly, so none can slip in between.
  const release = (): void => {
    const next = queued.shift();
    if (next) next();
    else running--;
  };
  return async <R>(task: () => Promise<R>): Promise<R> => {
    if (running >= Math.max(1, limit)) await new Promise<void>((start) => queued.push(start));
    else running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
