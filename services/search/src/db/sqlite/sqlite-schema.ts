import type Database from 'better-sqlite3';

/**
 * The embedded index: one SQLite file per index generation. `doc` holds each document (filter columns, H3 cells
 * at res 7 and 9, the whole document as JSON); `doc_text` is a contentless FTS5 table over the terms of
 * text-terms.ts, keyed by `doc.seq`. The tokenizer only splits on spaces and punctuation: terms arrive pre-folded,
 * and combining marks (Thai vowels) stay inside their terms.
 */
/** Columns added after the first generation: an index file made before gets them when opened. */
const ADDED_COLUMNS: [name: string, type: string][] = [
  ['priority', 'text'],
  ['sla_status', 'text'],
  ['breach_at', 'integer'],
  ['opened_by', 'text'],
  ['open_ticket', 'integer'],
];

export function createSchema(database: Database.Database): void {
  database.exec(`
    create table if not exists doc (
      seq integer primary key,
      type text not null,
      id text not null,
      version integer not null,
      updated_at integer not null,
      country text not null,
      lat real not null,
      lng real not null,
      cell7 text not null,
      cell9 text not null,
      area_id text,
      owner_id text,
      org_unit_id text,
      agency_id text,
      status text,
      stage text,
      pool text,
      category text,
      body text not null
    );
    create unique index if not exists doc_key on doc(type, id);
    create index if not exists doc_cell7 on doc(cell7);
    create index if not exists doc_cell9 on doc(cell9);
    create index if not exists doc_owner on doc(owner_id);
    create index if not exists doc_area on doc(area_id);
    create index if not exists doc_recent on doc(updated_at, seq);
    create index if not exists doc_lat on doc(lat, lng);
    create virtual table if not exists doc_text using fts5(
      tw, tg, bw, bg, py,
      content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    );
  `);
  const present = new Set((database.pragma('table_info(doc)') as { name: string }[]).map((c) => c.name));
  for (const [name, type] of ADDED_COLUMNS) if (!present.has(name)) database.exec(`alter table doc add column ${name} ${type}`);
  // Breach order: the tickets queue reads its page off this index.
  database.exec('create index if not exists doc_breach on doc(breach_at, seq) where breach_at is not null');
}
