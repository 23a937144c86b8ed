import type { AreaIndex } from './area-index';

export interface Move {
  kind: string;
  id: string;
  /** The area that holds the record now, and the one that would after the change (null: none). */
  from: string | null;
  to: string | null;
}

/** Resolves each record against the index as it is and as it would be; those whose answer differs move. */
export function movesOf(kind: string, records: { id: string; lat: number; lng: number }[], before: AreaIndex, after: AreaIndex): Move[] {
  const moves: Move[] = [];
  for (const record of records) {
    const from = before.resolve(record)?.areaId ?? null;
    const to = after.resolve(record)?.areaId ?? null;
    if (from !== to) moves.push({ kind, id: record.id, from, to });
  }
  return moves;
}
