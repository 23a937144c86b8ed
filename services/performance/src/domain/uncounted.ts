/**
 * Why something a rep did credits nothing (yet): a visit waiting in the review queue, a visit a reviewer rejected, a
 * lead captured as a possible duplicate of one already known.
 */
export const UNCOUNTED_REASONS = ['awaiting-review', 'rejected', 'duplicate'] as const;
export type UncountedReason = (typeof UNCOUNTED_REASONS)[number];

export interface Uncounted {
  reason: UncountedReason;
  /** In words, as the source said it: the risk signals seen, the reviewer's reason; empty when there is none to tell. */
  detail: string;
}

/** The longest detail kept: a reviewer's reason or a visit's signals, cut rather than refused. */
export const DETAIL_LIMIT = 1000;

export function uncounted(reason: UncountedReason, detail = ''): Uncounted {
  return { reason, detail: detail.length > DETAIL_LIMIT ? `${detail.slice(0, DETAIL_LIMIT - 1)}…` : detail };
}
