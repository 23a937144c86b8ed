import { boxAround, type LatLngBox, placeCells } from '@fieldops/geo';
import { databaseUrlFor, defineService, openDatabase } from '@fieldops/platform';
import { databaseEngines, queryPlan, withScratchDatabase } from '@fieldops/testing';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { locationColumns } from '../src/app/place-fields';
import { poiSchema } from '../src/db/migrations/001-poi';
import { placeRepository } from '../src/db/place.repository';
import type { PoiDb } from '../src/db/schema';
import { poiService } from '../src/index';

/** One dense street: enough places in one fine cell that an engine's planner weighs a range against a scan. */
const PLACES = 3000;
const STREET = { lat: 1.2834, lng: 103.8607 };
const CATEGORIES = ['restaurant', 'grocery', 'pharmacy'];
const NOW = Date.parse('2026-03-02T02:00:00Z');

/** A place as the 001 schema stored it, within about 150 m of the street's point; every tenth closed. */
function oldRow(i: number) {
  const point = { lat: STREET.lat + (((i * 7919) % 2000) - 1000) * 1.3e-6, lng: STREET.lng + (((i * 104_729) % 2000) - 1000) * 1.3e-6 };
  return {
    id: uuidv7(),
    name: `Shop ${i}`,
    name_key: `shop ${i}`,
    address: `${i} Market Street`,
    category: CATEGORIES[i % CATEGORIES.length] as string,
    phone: null,
    country: 'SG',
    ...locationColumns(point),
    source: 'import',
    status: i % 10 === 0 ? 'closed' : 'active',
    merged_into: null,
    area_id: null,
    version: 1,
    created_at: NOW,
    updated_at: NOW,
  };
}

function inBox(row: { lat: number; lng: number }, box: LatLngBox): boolean {
  return row.lat >= box.minLat && row.lat <= box.maxLat && row.lng >= box.minLng && row.lng <= box.maxLng;
}

describe.each(await databaseEngines())('a nearby read of a dense cell on $name', (engine) => {
  it('keeps its places, and reads only the latitude band of its box (a range on the fine-cell index)', () =>
    withScratchDatabase(engine, 'poi', async (config) => {
      // The poi database as the first migration left it, with places in it.
      await defineService<PoiDb>({ name: 'poi', migrations: [poiSchema] }).migrate({ config });
      const opened = await openDatabase<PoiDb>(databaseUrlFor(config, 'poi'), 'poi');
      const { db, dialect } = opened;
      try {
        const rows = Array.from({ length: PLACES }, (_, i) => oldRow(i));
        for (let i = 0; i < rows.length; i += 500)
          await db
            .insertInto('place')
            .values(rows.slice(i, i + 500) as never)
            .execute();

        await poiService.migrate({ config });
        if (dialect === 'mysql') await sql`analyze table place`.execute(db);

        const cell = placeCells(STREET).r9;
        const box = boxAround(STREET, 20);
        if (!box) throw new Error('no box around the street');
        // What the read answers is still every active place of the cell inside the box.
        const read = await placeRepository.locationsInCells(db, 9, [cell], { country: 'SG' }, undefined, { within: box });
        const expected = rows.filter((r) => r.h3_r9 === cell && r.status === 'active' && inBox(r, box)).map((r) => r.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(read.map((r) => r.id).sort()).toEqual(expected.sort());

        // After a read: SQLite's EXPLAIN does not reload a schema that another connection (the migration's) changed.
        const cellRead = placeRepository.locationsInCellsQuery(db, 9, [cell], { country: 'SG' }, undefined, { within: box });
        const plan = await queryPlan(db, dialect, cellRead, { mysql: 'document' });
        if (dialect === 'sqlite') {
          expect(plan).toContain('place_h3_r9_band (h3_r9=? AND lat>? AND lat<?)');
        } else {
          expect(plan).toContain('"key": "place_h3_r9_band"');
          expect(plan).toMatch(/"used_key_parts": \[\s*"h3_r9",\s*"lat"/);
        }
      } finally {
        await opened.close();
      }
    }));
});
