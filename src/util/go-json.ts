/**
 * JSON encoded as Go's encoding/json does it, so our bytes equal cosign's: map keys sorted,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped. Struct fields keep the order the caller wrote them in,
 * so callers build objects in the Go struct's field order.
 */
export function toGoJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A Go map[string]string: keys in sorted order. */
export function toSortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
