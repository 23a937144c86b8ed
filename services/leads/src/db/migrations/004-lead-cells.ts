import { placeCells } from '@fieldops/geo';
import type { ServiceMigration } from '@fieldops/platform';
import type { Kysely } from 'kysely';

interface LeadLocationTable {
  lead: { id: string; lat: number; lng: number; h3_r7: string | null; h3_r9: string | null };
}

/** Rows the backfill reads at a time. */
const PAGE = 1000;

/**
 * The H3 cells of each lead (DESIGN.md §5): nearby lookups (the duplicate check) read the few cells around a point
 * instead of a latitude band across the whole country. Existing leads get theirs computed here.
 */
export const leadCellsSchema: ServiceMigration = {
  name: '004_lead_cells',
  async up(db) {
    await db.schema.alterTable('lead').addColumn('h3_r7', 'varchar(16)').execute();
    await db.schema.alterTable('lead').addColumn('h3_r9', 'varchar(16)').execute();
    const leads = db as unknown as Kysely<LeadLocationTable>;
    let after = '';
    for (;;) {
      const page = await leads.selectFrom('lead').select(['id', 'lat', 'lng']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
      for (const row of page) {
        const cells = placeCells({ lat: Number(row.lat), lng: Number(row.lng) });
        await leads.updateTable('lead').set({ h3_r7: cells.r7, h3_r9: cells.r9 }).where('id', '=', row.id).execute();
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = last.id;
    }
    await db.schema.createIndex('lead_h3_r9').on('lead').columns(['h3_r9', 'country']).execute();
    await db.schema.createIndex('lead_h3_r7').on('lead').columns(['h3_r7', 'country']).execute();
  },
};
