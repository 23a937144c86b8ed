import { destinationPoint, distanceMeters, type LatLng } from '@fieldops/geo';
import { databaseUrlFor, openDatabase } from '@fieldops/platform';
import { databaseEngines, queryPlan, withScratchDatabase } from '@fieldops/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { leadRepository } from '../src/db/lead.repository';
import type { LeadsDb } from '../src/db/schema';
import { NEIGHBOURHOOD_M } from '../src/domain/lead-duplicate';
import { leadsService } from '../src/index';
import { aPublicLeadRow } from './leads-fixtures';

const POINT = { lat: 1.3, lng: 103.85 };
/** Leads along the point's latitude across the island: a band the (country, lat) index would read whole. */
const BAND = 3000;
const NEIGHBOURS = 12;

const leadAt = (point: LatLng, name: string) => aPublicLeadRow(name, { ...point, country: 'SG' }, 1);

describe.each(await databaseEngines())('the duplicate check reads its neighbours on $name', (engine) => {
  it('through the fine cells around the point, not the band of the country at its latitude', () =>
    withScratchDatabase(engine, 'leads', async (config) => {
      await leadsService.migrate({ config });
      const { db, dialect, close } = await openDatabase<LeadsDb>(databaseUrlFor(config, 'leads'), 'leads');
      try {
        // Within a metre or two of the point's latitude, one every 10 m over 30 km of longitude; none within 600 m of it.
        const band = Array.from({ length: BAND }, (_, i) =>
          leadAt({ lat: POINT.lat + ((i % 5) - 2) * 1e-5, lng: 103.65 + (i * 0.27) / BAND }, `Band ${i}`),
        ).filter((lead) => distanceMeters(lead, POINT) > 2 * NEIGHBOURHOOD_M);
        const neighbours = Array.from({ length: NEIGHBOURS }, (_, i) =>
          leadAt(destinationPoint(POINT, 20 + i * 20, i * 30), `Neighbour ${i}`),
        );
        const rows = [...band, ...neighbours];
        for (let i = 0; i < rows.length; i += 500)
          await db
            .insertInto('lead')
            .values(rows.slice(i, i + 500))
            .execute();
        if (dialect === 'mysql') await sql`analyze table lead`.execute(db);

        const query = { ...POINT, radiusM: NEIGHBOURHOOD_M, country: 'SG', phone: null };
        const found = await leadRepository.near(db, query);
        expect(found.map((lead) => lead.name).sort()).toEqual(neighbours.map((lead) => lead.name).sort());

        const plan = await queryPlan(db, dialect, leadRepository.nearQuery(db, query), { mysql: 'document' });
        if (dialect === 'sqlite') expect(plan).toContain('USING INDEX lead_h3_r9 (h3_r9=? AND country=?)');
        else expect(plan).toContain('"key": "lead_h3_r9"');
      } finally {
        await close();
      }
    }));
});
