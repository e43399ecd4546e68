import { SignerError } from '../errors.ts';
import { isDigest, parseImageName, type ImageRef } from './reference.ts';
import { quoteUntrusted } from '../util/untrusted.ts';

/**
 * Images from docker/build-push-action's `metadata` output: `containerimage.digest` and the comma list
 * `image.name` (every name:tag the build pushed, all with that digest).
 */
export function parseBuildMetadata(json: string): ImageRef[] {
  const where = "Input 'build-metadata'";
  let metadata: unknown;
  try {
    metadata = JSON.parse(json);
  } catch {
    throw new SignerError(
      'INPUT_INVALID',
      `${where} is not JSON. Pass \${{ steps.<build>.outputs.metadata }}.`,
    );
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new SignerError(
      'INPUT_INVALID',
      `${where} is not a JSON object, as docker/build-push-action's metadata output is.`,
    );
  }
  const record = metadata as Record<string, unknown>;
  const digest = record['containerimage.digest'];
  const names = record['image.name'];
  if (typeof digest !== 'string' || !isDigest(digest)) {
    throw new SignerError(
      'INPUT_INVALID',
      `${where} has no containerimage.digest: the build did not push an image. Set push: true on the build step.`,
    );
  }
  if (typeof names !== 'string' || !names.trim()) {
    throw new SignerError('INPUT_INVALID', `${where} has no image.name: give the build step tags to push.`);
  }
  return names
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const parsed = parseImageName(name, `${where}, image.name ${quoteUntrusted(name)}`);
      return {
        registry: parsed.registry,
        repository: parsed.repository,
        digest,
        ...(parsed.tag ? { tag: parsed.tag } : {}),
      };
    });
}
