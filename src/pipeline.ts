import { SignerError, describeCause } from './errors.ts';
import type { TargetOutcome } from './report/outcome.ts';
import type { FormatWriter } from './signatures/legacy-format.ts';
import type { SignTarget } from './signatures/target.ts';
import type { ImageRef } from './subjects/reference.ts';
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

function toFailure(err: unknown): { code: SignerError['code']; message: string } {
  if (err instanceof SignerError) return { code: err.code, message: err.message };
  return { code: 'SIGN_FAILED', message: `Unexpected error: ${describeCause(err)}` };
}

async function signTarget(subject: ImageRef, target: SignTarget, services: Services): Promise<TargetOutcome> {
  try {
    const records = [];
    for (const writer of services.writers) records.push(await writer.write(target));
    return { subject, target, status: 'signed', records };
  } catch (err) {
    return { subject, target, status: 'failed', records: [], error: toFailure(err) };
  }
}

/** Runs every image through resolve → sign → publish; one failure never stops the others. */
export async function signAll(
  images: readonly ImageRef[],
  services: Services,
  limits: PipelineLimits,
): Promise<TargetOutcome[]> {
  const perImage = await mapLimit(images, limits.concurrency, async (subject): Promise<TargetOutcome[]> => {
    let targets: SignTarget[];
    try {
      targets = await services.resolver.resolve(subject);
    } catch (err) {
      return [{ subject, status: 'failed', records: [], error: toFailure(err) }];
    }
    return mapLimit(targets, limits.concurrency, (target) => signTarget(subject, target, services));
  });
  return perImage.flat();
}
