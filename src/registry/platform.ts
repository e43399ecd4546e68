import { SignerError } from '../errors.ts';
import { quoteUntrusted } from '../util/untrusted.ts';

// A platform as an index lists it: https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md
// (os and architecture required, variant optional; values from Go's GOOS/GOARCH and the spec's variants).
// Each part follows containerd's platform specifier grammar (containerd/platforms, specifierRe):
// letters, digits, `_`, `.` and `-`, and we keep it short.
const PLATFORM_PART = /^[A-Za-z0-9_.-]{1,64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPart(value: unknown): value is string {
  return typeof value === 'string' && PLATFORM_PART.test(value);
}

/** What an invalid platform said, for the message that refuses it. */
function describePlatform(platform: unknown): string {
  if (!isRecord(platform)) return JSON.stringify(platform) ?? String(platform);
  return [platform.os, platform.architecture, platform.variant]
    .filter((part) => part !== undefined)
    .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
    .join('/');
}

/**
 * `os/architecture[/variant]` of an index entry, or undefined when it names none. A platform outside the
 * grammar is refused, naming the index and the entry: no builder writes one, and whoever did chose the
 * text of our log and summary. `where` names the index.
 */
export function parsePlatform(platform: unknown, digest: string, where: string): string | undefined {
  if (platform === undefined) return undefined;
  const valid =
    isRecord(platform) &&
    isPart(platform.os) &&
    isPart(platform.architecture) &&
    (platform.variant === undefined || isPart(platform.variant));
  if (!valid) {
    throw new SignerError(
      'REGISTRY_PROTOCOL',
      `${where} lists ${digest} with a platform that is not os/architecture[/variant] of letters, digits, '.', '_' and '-' (${quoteUntrusted(describePlatform(platform))}). Not signed: check who pushed this index, and push it again from your build.`,
    );
  }
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}
