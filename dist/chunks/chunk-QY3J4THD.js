import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/util/concurrency.ts
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
function limiter(limit) {
  const queued = [];
  let running = 0;
  const release = () => {
    const next = queued.shift();
    if (next) next();
    else running--;
  };
  return async (task) => {
    if (running >= Math.max(1, limit)) await new Promise((start) => queued.push(start));
    else running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

export {
  mapLimit,
  limiter
};
