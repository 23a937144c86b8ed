import { placeCells } from '@fieldops/geo';
import { migrateToLatest, openDatabase } from '@fieldops/platform';
import { databaseEngines } from '@fieldops/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { leadsSchema } from '../src/db/migrations/001-leads';
import { followUpVisitSchema } from '../src/db/migrations/003-follow-up-visit';
import { leadCellsSchema } from '../src/db/migrations/004-lead-cells';
import type { LeadsDb } from '../src/db/schema';

const engines = await databaseEngines();

describe.each(engines)('lead migrations on $name', (database) => {
  it('the H3 cell migration computes the cells of the leads stored before it', async () => {
    const place = database.create();
    const opened = await openDatabase<unknown>(place.url, 'leads');
    try {
      const migrate = (migrations: (typeof leadsSchema)[]) =>
        migrateToLatest(opened.db, opened.dialect, [{ table: 'leads_test_migration', migrations }]);
      await migrate([leadsSchema]);
      const points = Array.from({ length: 1201 }, (_, i) => ({ lat: 1.2 + i * 0.0001, lng: 103.8 + (i % 7) * 0.01 }));
      const rows = points.map((point, i) => ({
        id: `0190000${String(i).padStart(5, '0')}`,
        name: `Old lead ${i}`,
        name_key: `old lead ${i}`,
        address: '',
        category: 'grocery',
        ...point,
        country: 'SG',
        pool: 'public',
        stage: 'new',
        conversion_status: 'none',
        version: 1,
        created_at: 1,
        updated_at: 1,
      }));
      const old = opened.db as unknown as Kysely<{ lead: (typeof rows)[number] }>;
      for (let start = 0; start < rows.length; start += 200)
        await old
          .insertInto('lead')
          .values(rows.slice(start, start + 200))
          .execute();
      expect(await migrate([leadsSchema, followUpVisitSchema, leadCellsSchema])).toEqual(['003_lead_follow_up_visit', '004_lead_cells']);
      const stored = await (opened.db as unknown as Kysely<LeadsDb>)
        .selectFrom('lead')
        .select(['id', 'lat', 'lng', 'h3_r7', 'h3_r9'])
        .orderBy('id')
        .execute();
      expect(stored).toHaveLength(points.length);
      for (const row of stored) {
        const cells = placeCells({ lat: Number(row.lat), lng: Number(row.lng) });
        expect(row, row.id).toMatchObject({ h3_r7: cells.r7, h3_r9: cells.r9 });
      }
    } finally {
      await opened.close();
      await place.cleanup(['leads']);
    }
  });
});
