/**
 * A URL as it may be shown in a message: origin and path. Its query and user info stay out, since they
 * can carry credentials (signed CDN URLs, upload session state, `user:password@`).
 */
export function toDisplayUrl(url: string | URL): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return JSON.stringify(String(url).slice(0, 100));
  }
}
