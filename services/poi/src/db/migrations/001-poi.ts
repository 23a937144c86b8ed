import type { ServiceMigration } from '@fieldops/platform';

export const poiSchema: ServiceMigration = {
  name: '001_poi',
  async up(db, t) {
    await db.schema
      .createTable('place')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('name_key', t.string, (c) => c.notNull())
      .addColumn('address', 'varchar(500)', (c) => c.notNull())
      .addColumn('category', 'varchar(16)', (c) => c.notNull())
      .addColumn('phone', 'varchar(32)')
      .addColumn('country', 'varchar(2)', (c) => c.notNull())
      .addColumn('lat', t.double, (c) => c.notNull())
      .addColumn('lng', t.double, (c) => c.notNull())
      .addColumn('h3_r7', 'varchar(16)', (c) => c.notNull())
      .addColumn('h3_r9', 'varchar(16)', (c) => c.notNull())
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('merged_into', t.id)
      .addColumn('area_id', t.id)
      .addColumn('version', t.integer, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    // Nearby searches in dense streets read fine cells: the index covers the filters and what the distance needs, so
    // they read index pages only until they know which rows they answer. Coarse cells serve sparse areas and boxes,
    // paged by id within a cell; a narrow index keeps bulk imports fast.
    await db.schema
      .createIndex('place_h3_r9')
      .on('place')
      .columns(['h3_r9', 'status', 'country', 'category', 'lat', 'lng', 'id'])
      .execute();
    await db.schema.createIndex('place_h3_r7').on('place').columns(['h3_r7', 'id']).execute();
    await db.schema.createIndex('place_phone').on('place').columns(['phone', 'country']).execute();
  },
};
