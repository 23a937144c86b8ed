import type { Principal } from '@fieldops/platform';
import { platformTables, requirePermission } from '@fieldops/platform';
import type { SearchContext } from '../config';
import { sourceRepository } from '../db/source.repository';

/** The sources search follows, as named in their event types. */
export const SOURCES = ['merchant', 'leads', 'poi', 'checkin', 'account', 'area'] as const;

const iso = (ms: number | null) => (ms === null || ms === 0 ? null : new Date(ms).toISOString());

/**
 * How current the read model is, per source: the newest event applied and when, the last event's lag (event →
 * searchable), and the backlog this replica knows of (events being applied now plus dead letters).
 */
export async function searchStatus(ctx: SearchContext, caller: Principal) {
  requirePermission(caller, 'search:read');
  const state = ctx.deps;
  // This replica's own counts are the freshest; the table covers sources it has not heard from since it started.
  const rows = new Map((await sourceRepository.all(ctx.db)).map((r) => [r.source, r]));
  for (const [source, stats] of state.sources) rows.set(source, stats);
  const dead = await sourceRepository.deadLettersBySource(platformTables(ctx.db));
  const now = ctx.clock.now();
  return {
    driver: state.holder.current.driver,
    documents: await state.holder.current.count(),
    rebuild: state.holder.rebuild ? { ...state.holder.rebuild, startedAt: new Date(state.holder.rebuild.startedAt).toISOString() } : null,
    sources: SOURCES.map((source) => {
      const row = rows.get(source);
      const lastEventAt = row ? Number(row.last_event_at) : null;
      return {
        source,
        lastEventAt: iso(lastEventAt),
        lastAppliedAt: iso(row ? Number(row.last_applied_at) : null),
        lastLagMs: row ? Number(row.last_lag_ms) : null,
        sinceLastEventMs: lastEventAt === null ? null : Math.max(0, now - lastEventAt),
        events: row ? Number(row.events) : 0,
        backlog: (state.inFlight.get(source) ?? 0) + (dead.get(source) ?? 0),
        deadLetters: dead.get(source) ?? 0,
      };
    }),
  };
}
