// GitHub's limits on what a step reports: an output holds at most 1 MB, a job summary at most 1 MiB
// per step (docs.github.com: "Defining outputs for jobs", "Adding a job summary"). Beyond them the
// runner drops the output or the summary; we stop short of them, with room for the runner's framing.

/** Largest value we give one step output, in UTF-8 bytes. */
export const MAX_OUTPUT_BYTES = 1_000_000 - 16 * 1024;
/** Largest job summary we write, in UTF-8 bytes. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;

export interface Fitted {
  readonly text: string;
  /** How many of the items are in `text`; fewer than given when they did not fit. */
  readonly shown: number;
}

/** As many items as fit in `maxBytes` once joined by `separator` and wrapped in `open`…`close`, in order. */
export function fitItems(
  items: readonly string[],
  maxBytes: number,
  { open = '', separator = '\n', close = '' }: { open?: string; separator?: string; close?: string } = {},
): Fitted {
  let bytes = Buffer.byteLength(open) + Buffer.byteLength(close);
  let shown = 0;
  for (const item of items) {
    const added = Buffer.byteLength(item) + (shown > 0 ? Buffer.byteLength(separator) : 0);
    if (bytes + added > maxBytes) break;
    bytes += added;
    shown += 1;
  }
  return { text: `${open}${items.slice(0, shown).join(separator)}${close}`, shown };
}

/** A JSON array of as many of `entries` as fit in `maxBytes`. */
export function fitJsonArray(entries: readonly unknown[], maxBytes: number): Fitted {
  return fitItems(
    entries.map((entry) => JSON.stringify(entry)),
    maxBytes,
    { open: '[', separator: ',', close: ']' },
  );
}
