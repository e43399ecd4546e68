import type { PublishRecord, SignTarget } from './target.ts';

/** One storage format end to end: build what it signs, sign it, publish it. */
export interface FormatWriter {
  readonly format: PublishRecord['format'];
  write(target: SignTarget): Promise<PublishRecord>;
  /** Once every target is written: repair appends that concurrent writers dropped. */
  settle(): Promise<void>;
}
