import type { ErrorCode } from '../errors.ts';
import type { GateDecision } from '../provenance/gate.ts';
import type { PublishRecord } from '../signatures/target.ts';
import type { SignTarget } from '../subjects/sign-target.ts';
import type { ImageRef } from '../subjects/reference.ts';

/** What happened to one manifest: every image (and each platform of an index) gets one. */
export interface TargetOutcome {
  /** The image as given in the inputs. */
  readonly subject: ImageRef;
  /** The manifest signed; absent when the image could not even be resolved. */
  readonly target?: SignTarget;
  /**
   * `planned`: a dry run made and checked it, and wrote nothing. `already-signed`: every format already
   * held a signature of this signer that verifies (a re-run): nothing was written.
   */
  readonly status: 'signed' | 'already-signed' | 'planned' | 'failed';
  readonly records: readonly PublishRecord[];
  readonly error?: { readonly code: ErrorCode; readonly message: string };
  /** What the provenance gate decided for the image (absent when it was never reached). */
  readonly provenance?: GateDecision;
}
