import { SignerError, describeCause } from './errors.ts';
import type { TargetOutcome } from './report/outcome.ts';
import type { FormatWriter } from './signatures/format-writer.ts';
import type { PublishRecord, SignTarget } from './signatures/target.ts';
import { toDigestRef, type ImageRef } from './subjects/reference.ts';
import { mapLimit } from './util/concurrency.ts';

export interface TargetResolver {
  resolve(image: ImageRef): Promise<SignTarget[]>;
}

export interface Services {
  readonly resolver: TargetResolver;
  readonly writers: readonly FormatWriter[];
}

export interface PipelineLimits {
  readonly concurrency: number;
}

type Failure = NonNullable<TargetOutcome['error']>;

function toFailure(err: unknown): Failure {
  if (err instanceof SignerError) return { code: err.code, message: err.message };
  return { code: 'SIGN_FAILED', message: `Unexpected error: ${describeCause(err)}` };
}

async function writeAllFormats(target: SignTarget, services: Services): Promise<PublishRecord[] | Failure> {
  try {
    const records: PublishRecord[] = [];
    for (const writer of services.writers) records.push(await writer.write(target));
    return records;
  } catch (err) {
    return toFailure(err);
  }
}

/**
 * Runs every image through resolve → sign → publish; one failure never stops the others. A manifest
 * reached twice (an index and one of its platforms both listed) is signed once and reported for each.
 */
export async function signAll(
  images: readonly ImageRef[],
  services: Services,
  limits: PipelineLimits,
): Promise<TargetOutcome[]> {
  const resolved = await mapLimit(images, limits.concurrency, async (subject) => {
    try {
      return { subject, targets: await services.resolver.resolve(subject) };
    } catch (err) {
      return { subject, failure: toFailure(err) };
    }
  });

  const unique = new Map<string, SignTarget>();
  for (const entry of resolved)
    for (const target of entry.targets ?? []) unique.set(toDigestRef(target.image), target);
  const results = new Map<string, PublishRecord[] | Failure>();
  await mapLimit([...unique.entries()], limits.concurrency, async ([key, target]) => {
    results.set(key, await writeAllFormats(target, services));
  });

  return resolved.flatMap((entry): TargetOutcome[] => {
    if (!entry.targets)
      return [{ subject: entry.subject, status: 'failed', records: [], error: entry.failure }];
    return entry.targets.map((target): TargetOutcome => {
      const result = results.get(toDigestRef(target.image)) ?? {
        code: 'SIGN_FAILED',
        message: 'not attempted',
      };
      return Array.isArray(result)
        ? { subject: entry.subject, target, status: 'signed', records: result }
        : { subject: entry.subject, target, status: 'failed', records: [], error: result };
    });
  });
}
