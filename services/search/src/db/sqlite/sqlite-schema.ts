import type Database from 'better-sqlite3';

/**
 * The embedded index: one SQLite file per index generation. `doc` holds each document (filter columns, H3 cells
 * at res 7 and 9, the whole document as JSON); `doc_text` is a contentless FTS5 table over the terms of
 * text-terms.ts, keyed by `doc.seq`, and the document's scope tokens (`sc`: its type and country, see
 * `scopeTokens`). The tokenizer only splits on spaces and punctuation: terms arrive pre-folded, and combining marks
 * (Thai vowels) stay inside their terms.
 */
/** Columns added after the first generation: an index file made before gets them when opened. */
const ADDED_COLUMNS: [name: string, type: string][] = [
  ['priority', 'text'],
  ['sla_status', 'text'],
  ['breach_at', 'integer'],
  ['opened_by', 'text'],
  ['open_ticket', 'integer'],
];

/** The scope tokens of a document: the text match narrows to a type and a country before any document is read. */
export function scopeTokens(type: string, country: string): string {
  return `${typeToken(type)} ${countryToken(country)}`;
}
export const typeToken = (type: string) => `t${type.replace(/[^a-z]/gi, '')}`.toLowerCase();
export const countryToken = (country: string) => `c${country}`.toLowerCase();

/**
 * The indexes only queries read: a rebuild fills a new index without them and makes them at its end
 * (`createQueryIndexes`), as sorting a million keys once costs a fraction of keeping six B-trees in order on each
 * insert. The key `doc_key` stays: every write looks its document up by it.
 */
const QUERY_INDEXES = `
  create index if not exists doc_cell7 on doc(cell7);
  create index if not exists doc_cell9 on doc(cell9);
  create index if not exists doc_owner on doc(owner_id);
  create index if not exists doc_area on doc(area_id);
  create index if not exists doc_recent on doc(updated_at, seq);
  create index if not exists doc_lat on doc(lat, lng);
  -- Breach order: the tickets queue reads its page off this index.
  create index if not exists doc_breach on doc(breach_at, seq) where breach_at is not null;
`;

/**
 * How many segments of a level the text table gathers before merging them: FTS5's `automerge` (4 by default, as
 * queries read every segment) and `crisismerge` (16 by default: past it a commit merges at once, whatever automerge
 * says). A rebuild writes with both at 64, which rewrites its text far less often, and ends with one merge of all.
 */
const SERVING_MERGES = { automerge: 4, crisismerge: 16 };
const BUILDING_MERGES = { automerge: 64, crisismerge: 64 };

/** FTS5 takes its settings as literals, not parameters. */
function setMerges(database: Database.Database, merges: typeof SERVING_MERGES): void {
  for (const [setting, segments] of Object.entries(merges))
    database.exec(`insert into doc_text(doc_text, rank) values ('${setting}', ${Math.trunc(segments)})`);
}

function createQueryIndexes(database: Database.Database): void {
  database.exec(QUERY_INDEXES);
}

/**
 * Makes a rebuilt index ready to serve: its query indexes, its text table merged into one segment (what a query reads
 * fastest) and merging as a serving index does; then durable (its last commit waits for the disk, which holds every
 * page written before it) and journaled as a serving index is.
 */
export function finishBuilding(database: Database.Database): void {
  database.pragma('synchronous = FULL');
  database
    .transaction(() => {
      createQueryIndexes(database);
      database.exec("insert into doc_text(doc_text) values ('optimize')");
      setMerges(database, SERVING_MERGES);
    })
    .immediate();
  // Outside a transaction: the journal mode cannot change within one.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
}

/**
 * Creates what is missing, the query indexes too unless the index is being built; answers whether the text table has
 * the scope tokens column. An index file made before it existed keeps its text table (FTS5 tables take no new
 * columns) and answers as before: a rebuild makes a new one.
 */
export function createSchema(database: Database.Database, { building }: { building: boolean }): { scopeTokens: boolean } {
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
    create virtual table if not exists doc_text using fts5(
      tw, tg, bw, bg, py, sc,
      content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    );
  `);
  const present = new Set((database.pragma('table_info(doc)') as { name: string }[]).map((c) => c.name));
  for (const [name, type] of ADDED_COLUMNS) if (!present.has(name)) database.exec(`alter table doc add column ${name} ${type}`);
  if (building) setMerges(database, BUILDING_MERGES);
  else createQueryIndexes(database);
  // How many documents each term matches: how much of the index a scope token would leave in.
  database.exec("create virtual table if not exists doc_terms using fts5vocab(doc_text, 'row')");
  const textColumns = (database.pragma('table_info(doc_text)') as { name: string }[]).map((c) => c.name);
  return { scopeTokens: textColumns.includes('sc') };
}
