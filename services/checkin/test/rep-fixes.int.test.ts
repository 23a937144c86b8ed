import { databaseUrlFor, openDatabase } from '@fieldops/platform';
import { databaseEngines, queryPlan, withScratchDatabase } from '@fieldops/testing';
import { type Insertable, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { CheckinDb } from '../src/db/schema';
import { fixesAroundQuery, visitRepository } from '../src/db/visit.repository';
import { checkinService } from '../src/index';

/** Enough visits that an engine's planner weighs the index against the table. */
const VISITS = 2000;
const REPS = ['rep-a', 'rep-b', 'rep-c', 'rep-d'];
const START = Date.parse('2026-03-02T00:00:00Z');

/** Visits of four reps interleaved in time (as a team's day is written), each with its own fix. */
function visit(i: number): Insertable<CheckinDb['visit']> {
  const at = START + i * 60_000;
  return {
    id: uuidv7(),
    rep_id: REPS[i % REPS.length] ?? 'rep-a',
    org_unit_id: null,
    agency_id: null,
    country: 'SG',
    area_id: null,
    target_type: 'merchant',
    target_id: uuidv7(),
    target_name: `Shop ${i}`,
    target_lat: 1.3,
    target_lng: 103.85,
    lat: 1.3 + i * 1e-5,
    lng: 103.85 - i * 1e-5,
    accuracy_m: 5 + (i % 17),
    distance_m: 10,
    mock_location: 0,
    offline: 0,
    checked_in_at: at,
    device_checked_in_at: at,
    received_at: at,
    check_in_fingerprint: 'f'.repeat(64),
    notes: '',
    answers: '{}',
    photo_ids: '[]',
    risk_score: 0,
    risk_signals: JSON.stringify([{ code: 'none', detail: 'x'.repeat(200) }]),
    verification: 'open',
    version: 1,
    created_at: at,
    updated_at: at,
  };
}

describe.each(await databaseEngines())('a rep’s latest fixes on $name', (engine) => {
  it('are read from the index alone: the newest up to the time asked, and the first after it', () =>
    withScratchDatabase(engine, 'checkin', async (config) => {
      await checkinService.migrate({ config });
      const { db, dialect, close } = await openDatabase<CheckinDb>(databaseUrlFor(config, 'checkin'), 'checkin');
      try {
        const rows = Array.from({ length: VISITS }, (_, i) => visit(i));
        for (let i = 0; i < rows.length; i += 250)
          await db
            .insertInto('visit')
            .values(rows.slice(i, i + 250))
            .execute();
        if (dialect === 'mysql') await sql`analyze table visit`.execute(db);

        const at = START + 1234 * 60_000;
        const plan = await queryPlan(db, dialect, fixesAroundQuery(db, 'rep-c', at, 5));
        const occurrences = (text: string) => plan.split(text).length - 1;
        // Both halves (the fixes up to the time, the first after it) read the covering index, neither sorts.
        if (dialect === 'sqlite') {
          expect(occurrences('USING COVERING INDEX visit_rep_fixes'), plan).toBe(2);
          expect(plan).not.toContain('TEMP B-TREE');
        } else {
          expect(occurrences('"key":"visit_rep_fixes"'), plan).toBe(2);
          expect(occurrences('Using index'), plan).toBeGreaterThanOrEqual(2);
          expect(plan).not.toContain('filesort');
        }

        const fixOf = (r: { lat: unknown; lng: unknown; accuracy_m: unknown; checked_in_at: unknown }) => ({
          lat: Number(r.lat),
          lng: Number(r.lng),
          accuracy_m: Number(r.accuracy_m),
          checked_in_at: Number(r.checked_in_at),
        });
        const reps = rows.filter((r) => r.rep_id === 'rep-c').sort((a, b) => Number(a.checked_in_at) - Number(b.checked_in_at));
        const upTo = reps.filter((r) => Number(r.checked_in_at) <= at);
        const got = await visitRepository.fixesAround(db, 'rep-c', at, 5);
        expect(got.upTo).toEqual(upTo.slice(-5).reverse().map(fixOf));
        const next = reps[upTo.length];
        expect(next).toBeDefined();
        expect(got.after).toEqual(next && fixOf(next));
        // At the rep's last fix there is none after.
        const last = reps.at(-1)?.checked_in_at;
        expect((await visitRepository.fixesAround(db, 'rep-c', Number(last), 5)).after).toBeUndefined();
      } finally {
        await close();
      }
    }));
});
