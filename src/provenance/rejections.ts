import type { CheckFailure } from './policy.ts';

/** Why one statement, or one source, did not let an image pass. */
export interface Rejection {
  readonly failure: CheckFailure;
  /** The manifest digest it is about. */
  readonly digest: string;
  /** The source that found the statement or could not be read; absent for "none found". */
  readonly source?: string;
}

/** The check a source fails when it, or an entry in it, cannot be read. */
export const SOURCE_UNREADABLE = 'source-unreadable';

/** Others listed after the most specific rejection, at most: the message stays one readable line. */
const MAX_OTHERS = 4;
const MAX_OTHER_CHARS = 200;

/**
 * How much a rejection tells, most first. A statement whose signature verified and that failed a check
 * says exactly what is wrong; one whose signature did not verify could have been pushed by anyone; an
 * unreadable source or entry says nothing about the image; a statement of another kind (an SBOM) is not
 * provenance at all; "none found" is what is left.
 */
function specificity(rejection: Rejection): number {
  switch (rejection.failure.check) {
    case 'signature':
    case 'signed':
      return 1;
    case SOURCE_UNREADABLE:
      return 2;
    case 'statement-type':
    case 'predicate-type':
      return 3;
    case 'present':
      return 4;
    default:
      return 0;
  }
}

/** One short line for the list of other rejections. */
export function renderRejection(rejection: Rejection): string {
  const { failure, source } = rejection;
  const text =
    failure.check === SOURCE_UNREADABLE
      ? `${source ?? 'a source'} provenance unreadable: ${failure.found}`
      : `${source ? `${source} provenance, ` : ''}'${failure.check}': expected ${failure.expected}, found ${failure.found}`;
  return text.length > MAX_OTHER_CHARS ? `${text.slice(0, MAX_OTHER_CHARS - 1)}…` : text;
}

export interface RankedRejections {
  /** The rejection the verdict names. */
  readonly first: Rejection;
  /** The others, briefly, most specific first, without repeats. */
  readonly others: readonly string[];
}

/** Puts the most specific rejection first (the earliest found among equals) and lists the others. */
export function rankRejections(rejections: readonly Rejection[]): RankedRejections | undefined {
  const ranked = [...rejections].sort((a, b) => specificity(a) - specificity(b));
  const [first, ...rest] = ranked;
  if (!first) return undefined;
  const shown = renderRejection(first);
  const others = [...new Set(rest.map(renderRejection))].filter((line) => line !== shown);
  const more = others.length - MAX_OTHERS;
  return {
    first,
    others: more > 0 ? [...others.slice(0, MAX_OTHERS), `${more} more`] : others,
  };
}
