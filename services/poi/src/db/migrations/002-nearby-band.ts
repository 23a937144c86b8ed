import type { ServiceMigration } from '@fieldops/platform';

/**
 * The fine-cell index ordered so that a nearby search's box narrows the read: the latitude follows the cell, as a
 * range. With the filters before it (as in 001), a search without a category or by a caller of every country could
 * use no range and read every place of each cell it touched (thousands in a dense street) to keep those in the box;
 * now it reads the box's band of the cell. The filters are still in the index, checked without reading the row.
 */
export const nearbyBandSchema: ServiceMigration = {
  name: '002_poi_nearby_band',
  async up(db, t) {
    // MySQL names the table of an index, SQLite may not.
    const old = db.schema.dropIndex('place_h3_r9');
    await (t.dialect === 'mysql' ? old.on('place') : old).execute();
    await db.schema
      .createIndex('place_h3_r9_band')
      .on('place')
      .columns(['h3_r9', 'lat', 'lng', 'status', 'country', 'category', 'id'])
      .execute();
  },
};
