import fs from 'node:fs';
import { distanceMeters } from '@fieldops/geo';
import { SQLITE_MMAP_BYTES, StablePlanSqliteDialect } from '@fieldops/platform';
import Database from 'better-sqlite3';
import { type Kysely, Kysely as KyselyClass, type RawBuilder, sql } from 'kysely';
import { pointInShape } from '../../domain/area-shape';
import type { DocumentPatch, DocumentType, SearchDocument } from '../../domain/search-document';
import type { AreaShape, SearchHit, SearchQuery, SearchResult, Sort } from '../../domain/search-query';
import type { Visibility } from '../../domain/visibility';
import type { SearchIndex, WriteOptions } from '../search-index';
import { type DocumentRow, documentRow } from './document-row';
import { DocumentRowThread } from './document-row-thread';
import { type CompiledSearch, FACET_COLUMNS, searchSql, type TokenShare } from './sqlite-query';
import { createSchema, finishBuilding } from './sqlite-schema';

interface DocRow {
  seq: number;
  version: number;
  body: string;
}

interface HitRow {
  seq: number;
  body: string;
  score: number;
  distance: number | null;
  updated_at: number;
  breach: number;
}

/** The breach key of a document without a running clock: after every one that has one. */
const NO_BREACH = Number.MAX_SAFE_INTEGER;

/** How long a scope token's share of the index is kept before it is counted again. */
const TOKEN_SHARE_TTL_MS = 5 * 60_000;

/**
 * How many of a text query's matches relevance ranks: the newest this many the caller may see. A word of most names
 * in a city ("ร้าน", "ال") matches a hundred thousand documents, and scoring each costs about two microseconds;
 * ranking a bounded set of them keeps such a query as fast as a rare one (search engines stop early the same way).
 */
const RANKED_MATCHES = 4000;

/**
 * How many of a text query's matches its facets and total count: the newest this many the caller may see. Past it
 * they are counted over those (`exhaustive: false`: each count a lower bound), as Elasticsearch counts hits up to
 * 10,000 unless told otherwise: counting a common word's hundred thousand matches whole takes 100–200 ms here.
 */
const COUNTED_MATCHES = 10_000;

export interface SqliteIndexOptions {
  /** Opened for a rebuild to fill: without the query indexes until `finishBuilding`. */
  building?: boolean;
  /** How many of a text query's matches relevance ranks (RANKED_MATCHES). */
  rankedMatches?: number;
  /** How many of a text query's matches facets and total count (COUNTED_MATCHES). */
  countedMatches?: number;
}

/** How many of a rebuild's documents the row thread hands back at a time: the main thread waits only for the first. */
const ROW_CHUNK = 25;

/** The first circle a nearest-first search looks in, and how much larger each next one is. */
const NEAREST_FIRST_RADIUS_M = 50;
const NEAREST_FIRST_GROWTH = 4;

const ORDER: Record<Sort, RawBuilder<unknown>> = {
  relevance: sql`score asc, d.seq asc`,
  distance: sql`distance asc, d.seq asc`,
  recency: sql`d.updated_at desc, d.seq desc`,
  breach: sql`breach asc, d.seq asc`,
};

function afterSql(sort: Sort, after: unknown[] | undefined): RawBuilder<unknown> {
  if (!after) return sql`1 = 1`;
  const [value, seq] = after;
  if (sort === 'relevance') return sql`(score > ${value} or (score = ${value} and d.seq > ${seq}))`;
  if (sort === 'distance') return sql`(distance > ${value} or (distance = ${value} and d.seq > ${seq}))`;
  if (sort === 'breach') return sql`(breach > ${value} or (breach = ${value} and d.seq > ${seq}))`;
  return sql`(d.updated_at < ${value} or (d.updated_at = ${value} and d.seq < ${seq}))`;
}

/**
 * The window of a text query's matches that ranking and counting read: its newest `limit`, which the text table hands
 * over newest first, so no other match is read or sorted. A query without text has no window.
 */
function newestMatches(compiled: CompiledSearch, limit: number): RawBuilder<unknown> {
  return compiled.text ? sql`order by doc_text.rowid desc limit ${limit}` : sql``;
}

const keyOf: Record<Sort, (row: HitRow) => unknown[]> = {
  relevance: (row) => [row.score, row.seq],
  distance: (row) => [row.distance, row.seq],
  recency: (row) => [row.updated_at, row.seq],
  breach: (row) => [row.breach, row.seq],
};

/**
 * The embedded driver: better-sqlite3 on a file of its own (so the service's database may be MySQL), statements
 * built with Kysely's `sql` (the platform's scopeFilter is reused as is) and run synchronously: one write is one
 * statement batch, never interleaved with another. Only a rebuild's batch waits between its statements, for the row
 * thread (`putWithRowThread`).
 */
export class SqliteSearchIndex implements SearchIndex {
  readonly driver = 'sqlite';
  private readonly database: Database.Database;
  private readonly compiler: Kysely<unknown>;
  private shape: AreaShape | undefined;
  /** Whether the text table has the scope tokens (an index file made before them does not). */
  private readonly scopeTokens: boolean;
  private readonly tokenShares = new Map<string, { share: number; at: number }>();
  /** What the query needs of the scope tokens (see sqlite-query.ts); null without them. */
  private readonly shareOf: TokenShare | null;

  private readonly rankedMatches: number;
  private readonly countedMatches: number;
  /** While a rebuild fills this index: the thread that works out its documents' rows (DocumentRowThread). */
  private rowThread: DocumentRowThread | null;
  /** The rebuild's batch being written, after which the next one starts. */
  private lastBatch: Promise<void> = Promise.resolve();
  /** Whether the open transaction holds writes for `commitHeld` (see `writing`). */
  private holding = false;
  /** Whether SQLite ended that transaction before `commitHeld`: its writes must be made again. */
  private heldLost = false;

  constructor(
    private readonly file: string,
    { building = false, rankedMatches = RANKED_MATCHES, countedMatches = COUNTED_MATCHES }: SqliteIndexOptions = {},
  ) {
    this.rankedMatches = rankedMatches;
    this.countedMatches = countedMatches;
    this.database = new Database(file);
    if (building) {
      // A generation being built serves nobody and is thrown away if its rebuild fails or its process dies: it is
      // filled without a journal on disk or waits for the disk, and made durable once, at its end (finishBuilding).
      this.database.pragma('journal_mode = MEMORY');
      this.database.pragma('synchronous = OFF');
    } else {
      this.database.pragma('journal_mode = WAL');
      this.database.pragma('synchronous = NORMAL');
    }
    // Pages read from the OS cache in place (see the platform's SQLite driver): matches joined to their documents.
    this.database.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
    ({ scopeTokens: this.scopeTokens } = createSchema(this.database, { building }));
    this.shareOf = this.scopeTokens ? (token) => this.tokenShare(token) : null;
    this.database.function('geo_distance', { deterministic: true }, (lat1, lng1, lat2, lng2) =>
      distanceMeters({ lat: Number(lat1), lng: Number(lng1) }, { lat: Number(lat2), lng: Number(lng2) }),
    );
    this.database.function('in_shape', (lat, lng) => (this.shape && pointInShape(this.shape, Number(lat), Number(lng)) ? 1 : 0));
    this.compiler = new KyselyClass<unknown>({ dialect: new StablePlanSqliteDialect(this.database) });
    this.rowThread = building ? new DocumentRowThread() : null;
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Statements are prepared once per distinct SQL text (writes always reuse theirs). */
  private statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.database.prepare(text);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(text, statement);
    }
    return statement;
  }

  private all<T>(query: RawBuilder<unknown>): T[] {
    const compiled = query.compile(this.compiler);
    return this.statement(compiled.sql).all(...(compiled.parameters as unknown[])) as T[];
  }

  /**
   * Stores a document unless the index holds it at its version or a later one. It is inserted first, as most writes
   * (every one of a rebuild) are of a document the index does not hold: one statement instead of a lookup and an insert.
   */
  private store(doc: SearchDocument, row = documentRow(doc), body = JSON.stringify(doc)): void {
    const inserted = this.statement(
      `insert into doc (type, id, version, updated_at, country, lat, lng, cell7, cell9, area_id, owner_id, org_unit_id, agency_id,
         status, stage, pool, category, priority, sla_status, breach_at, opened_by, open_ticket, body)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (type, id) do nothing`,
    ).run(doc.type, doc.id, ...row.columns, body);
    if (inserted.changes === 1) {
      this.writeText(Number(inserted.lastInsertRowid), row);
      return;
    }
    const existing = this.row(doc.type, doc.id);
    if (existing && existing.version < doc.version) this.replace(existing.seq, doc, row, body);
  }

  /** Rewrites the document held at `seq` (its text too). */
  private replace(seq: number, doc: SearchDocument, row = documentRow(doc), body = JSON.stringify(doc)): void {
    this.statement('delete from doc_text where rowid = ?').run(seq);
    this.statement(
      `update doc set version = ?, updated_at = ?, country = ?, lat = ?, lng = ?, cell7 = ?, cell9 = ?, area_id = ?, owner_id = ?,
         org_unit_id = ?, agency_id = ?, status = ?, stage = ?, pool = ?, category = ?, priority = ?, sla_status = ?, breach_at = ?,
         opened_by = ?, open_ticket = ?, body = ? where seq = ?`,
    ).run(...row.columns, body, seq);
    this.writeText(seq, row);
  }

  private writeText(seq: number, row: DocumentRow): void {
    // An index file made before the scope tokens has no `sc` column (the row's last).
    this.statement(
      this.scopeTokens
        ? 'insert into doc_text (rowid, tw, tg, bw, bg, py, sc) values (?, ?, ?, ?, ?, ?, ?)'
        : 'insert into doc_text (rowid, tw, tg, bw, bg, py) values (?, ?, ?, ?, ?, ?)',
    ).run(seq, ...(this.scopeTokens ? row.text : row.text.slice(0, -1)));
  }

  private row(type: DocumentType, id: string): DocRow | undefined {
    return this.statement('select seq, version, body from doc where type = ? and id = ?').get(type, id) as DocRow | undefined;
  }

  /**
   * How much of the index a scope token matches, counted from the text table's vocabulary (a read of the token's
   * list: tens of milliseconds for a million documents) at most every few minutes.
   */
  private tokenShare(token: string): number {
    const known = this.tokenShares.get(token);
    if (known && Date.now() - known.at < TOKEN_SHARE_TTL_MS) return known.share;
    const matched = this.statement('select doc from doc_terms where term = ?').get(token) as { doc: number } | undefined;
    const documents = this.statement('select max(seq) as n from doc').get() as { n: number | null };
    const share = (matched?.doc ?? 0) / Math.max(1, documents.n ?? 0);
    this.tokenShares.set(token, { share, at: Date.now() });
    return share;
  }

  async put(docs: SearchDocument[], options: WriteOptions = {}): Promise<void> {
    const thread = this.rowThread;
    if (!thread) {
      this.writing(() => {
        for (const doc of docs) this.store(doc);
      }, options);
      return;
    }
    const put = this.lastBatch.then(() => this.putWithRowThread(docs, thread));
    this.lastBatch = put.catch(() => undefined);
    return put;
  }

  /**
   * A rebuild's batch, its rows worked out on the row thread a chunk at a time while the main thread writes the
   * chunks before. The batch is one transaction held across those waits, so it commits once (one text segment), as
   * it did without the thread; a generation being built is made durable only when finished anyway. Batches run one
   * after another; a write that comes meanwhile (a live event's patch) nests in the batch's transaction.
   */
  private async putWithRowThread(docs: SearchDocument[], thread: DocumentRowThread): Promise<void> {
    // Each chunk is handed over as soon as it is in JSON: the thread starts while the rest are turned into it.
    const chunks: { docs: SearchDocument[]; bodies: string[]; rows: Promise<DocumentRow[]> }[] = [];
    for (let from = 0; from < docs.length; from += ROW_CHUNK) {
      const part = docs.slice(from, from + ROW_CHUNK);
      const bodies = part.map((doc) => JSON.stringify(doc));
      chunks.push({ docs: part, bodies, rows: thread.rows(bodies) });
    }
    this.commitHeldWrites();
    this.statement('begin immediate').run();
    try {
      for (const chunk of chunks) {
        const rows = await chunk.rows;
        for (const [i, doc] of chunk.docs.entries()) this.store(doc, rows[i], chunk.bodies[i]);
      }
      this.statement('commit').run();
    } catch (error) {
      if (this.database.inTransaction) this.statement('rollback').run();
      throw error;
    }
  }

  async patch(
    type: DocumentType,
    id: string,
    changes: DocumentPatch,
    version: number | null,
    options: WriteOptions = {},
  ): Promise<boolean> {
    return this.writing(() => {
      const existing = this.row(type, id);
      if (!existing || (version !== null && existing.version >= version)) return false;
      const doc = JSON.parse(existing.body) as SearchDocument;
      this.replace(existing.seq, { ...doc, ...changes, version: version ?? doc.version });
      return true;
    }, options);
  }

  async get(type: DocumentType, id: string): Promise<SearchDocument | undefined> {
    const existing = this.row(type, id);
    return existing ? (JSON.parse(existing.body) as SearchDocument) : undefined;
  }

  /**
   * A write in a transaction that takes the file's write lock as it begins. Every replica of the search service writes
   * the same index file: a transaction that began by reading and then wrote (SQLite's default, deferred) failed at once
   * with "database is locked" whenever another process had committed in between, without waiting for its turn.
   * A held write opens that transaction and leaves it open for `commitHeld`; a write while one is open (held, or a
   * rebuild's batch) joins it in a savepoint of its own, so a failing write undoes only itself; a write that is not held
   * commits what was held with it.
   */
  private writing<T>(work: () => T, { held = false }: WriteOptions = {}): T {
    if (!this.database.inTransaction) {
      // SQLite ended the held transaction itself (a full disk, an I/O error): what it held is gone.
      if (this.holding) this.heldLost = true;
      if (!held) return this.database.transaction(work).immediate();
      this.statement('begin immediate').run();
      this.holding = true;
    }
    const result = this.database.transaction(work)();
    if (!held) this.commitHeldWrites();
    return result;
  }

  async commitHeld(): Promise<void> {
    this.commitHeldWrites();
  }

  /** Commits what is held; throws when SQLite rolled it back meanwhile, so the events that wrote it are applied again. */
  private commitHeldWrites(): void {
    if (!this.holding) return;
    const lost = this.heldLost || !this.database.inTransaction;
    this.holding = false;
    this.heldLost = false;
    if (lost) {
      if (this.database.inTransaction) this.statement('rollback').run();
      throw new Error('the search index rolled back the writes it held (see the log for the failure before)');
    }
    this.statement('commit').run();
  }

  /** Rewrites the documents `where` selects, read under the write lock so that no other writer's change is lost. */
  private rewrite(
    where: 'owner_id' | 'area_id',
    value: string,
    change: (doc: SearchDocument) => SearchDocument,
    options: WriteOptions,
  ): void {
    this.writing(() => {
      const rows = this.statement(`select seq, version, body from doc where ${where} = ?`).all(value) as DocRow[];
      for (const row of rows) this.replace(row.seq, change(JSON.parse(row.body) as SearchDocument));
    }, options);
  }

  async renameOwner(ownerId: string, ownerName: string, options: WriteOptions = {}): Promise<void> {
    this.rewrite('owner_id', ownerId, (doc) => ({ ...doc, ownerName }), options);
  }

  async setAreaPaths(paths: Map<string, string>, options: WriteOptions = {}): Promise<void> {
    for (const [areaId, areaPath] of paths) this.rewrite('area_id', areaId, (doc) => ({ ...doc, areaPath }), options);
  }

  async search(query: SearchQuery, visibility: Visibility): Promise<SearchResult> {
    const compiled = searchSql(query, visibility, this.shareOf);
    this.shape = query.shape;
    try {
      const rows = this.pageOfHits(query, visibility, compiled);
      const hits: SearchHit[] = rows.slice(0, query.limit).map((row) => ({
        doc: JSON.parse(row.body) as SearchDocument,
        score: query.sort === 'relevance' ? -row.score : undefined,
        distance: row.distance ?? undefined,
        key: keyOf[query.sort](row),
      }));
      const page = { hits, more: rows.length > query.limit };
      if (query.facets.length > 0) return { ...page, ...this.facetsAndTotal(query, compiled) };
      if (!query.withTotal) return { ...page, facets: {} };
      const [counted] = this.all<{ n: number }>(
        sql`select count(*) as n from (select 1 from ${compiled.from} where ${compiled.where} ${this.countedWindow(compiled)})`,
      );
      const total = counted?.n ?? 0;
      return compiled.text && total > this.countedMatches
        ? { ...page, facets: {}, total: this.countedMatches, exhaustive: false }
        : { ...page, facets: {}, total, exhaustive: true };
    } finally {
      this.shape = undefined;
    }
  }

  /**
   * The page's rows sorted without their bodies, which are read for the page alone: a common word matches a third of
   * the documents, and sorting them with their JSON copies every body into the sorter.
   */
  private hitRows(query: SearchQuery, compiled: CompiledSearch): HitRow[] {
    const window = query.sort === 'relevance' ? newestMatches(compiled, this.rankedMatches) : sql``;
    const rows = this.all<Omit<HitRow, 'body'>>(
      sql`select * from (select d.seq, d.updated_at, ${compiled.score} as score, ${compiled.distance} as distance,
        coalesce(d.breach_at, ${NO_BREACH}) as breach from ${compiled.from} where ${compiled.where} ${window}) d
        where ${afterSql(query.sort, query.after)} order by ${ORDER[query.sort]} limit ${query.limit + 1}`,
    );
    if (rows.length === 0) return [];
    const bodies = new Map(
      this.all<{ seq: number; body: string }>(sql`select seq, body from doc where seq in (${sql.join(rows.map((r) => r.seq))})`).map(
        (r) => [r.seq, r.body],
      ),
    );
    // Another process's write may remove a document between the two reads (each reads its own snapshot).
    return rows.flatMap((row) => {
      const body = bodies.get(row.seq);
      return body === undefined ? [] : [{ ...row, body }];
    });
  }

  /** What a text query's counts read: its newest matches, one more than it counts (to know whether more match). */
  private countedWindow(compiled: CompiledSearch): RawBuilder<unknown> {
    return newestMatches(compiled, this.countedMatches + 1);
  }

  /**
   * Every facet's counts (the 100 commonest values each) and the total, in one pass over the matches rather than one
   * query per facet: each pass repeats the text match and the filters.
   */
  private facetsAndTotal(query: SearchQuery, compiled: CompiledSearch): Pick<SearchResult, 'facets' | 'total' | 'exhaustive'> {
    const columns = query.facets.map((facet) => sql.ref(FACET_COLUMNS[facet]));
    const statement =
      sql`select ${sql.join(columns)} from ${compiled.from} where ${compiled.where} ${this.countedWindow(compiled)}`.compile(this.compiler);
    const tallies = query.facets.map((facet) => ({ facet, counts: new Map<string, number>() }));
    let total = 0;
    let exhaustive = true;
    for (const row of this.statement(statement.sql)
      .raw(true)
      .iterate(...(statement.parameters as unknown[])) as IterableIterator<(string | null)[]>) {
      if (compiled.text && total === this.countedMatches) {
        exhaustive = false;
        break;
      }
      total++;
      tallies.forEach(({ counts }, i) => {
        const value = row[i];
        if (value != null) counts.set(value, (counts.get(value) ?? 0) + 1);
      });
    }
    const commonest = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, 100);
    const facets: SearchResult['facets'] = Object.fromEntries(
      tallies.map(({ facet, counts }) => [facet, Object.fromEntries(commonest(counts))]),
    );
    return query.withTotal ? { facets, total, exhaustive } : { facets, exhaustive };
  }

  /**
   * A page of hits. One nearest first around its own point is looked for within small circles first: a page found
   * within a circle is the page of the whole one (everything outside is farther), and in a dense city the nearest
   * twenty lie within metres, while the whole circle holds a hundred thousand documents to measure and sort.
   */
  private pageOfHits(query: SearchQuery, visibility: Visibility, compiled: CompiledSearch): HitRow[] {
    const { near, origin } = query;
    if (query.sort === 'distance' && near && origin && origin.lat === near.point.lat && origin.lng === near.point.lng) {
      // A page after a cursor starts beyond the cursor's distance.
      const from = query.after ? Number(query.after[0]) : 0;
      for (let radius = from + NEAREST_FIRST_RADIUS_M; radius < near.radius; radius *= NEAREST_FIRST_GROWTH) {
        const rows = this.hitRows(query, searchSql({ ...query, near: { point: near.point, radius } }, visibility, this.shareOf));
        if (rows.length > query.limit) return rows;
      }
    }
    return this.hitRows(query, compiled);
  }

  async finishBuilding(): Promise<void> {
    await this.lastBatch;
    await this.stopRowThread();
    finishBuilding(this.database);
  }

  private async stopRowThread(): Promise<void> {
    const thread = this.rowThread;
    this.rowThread = null;
    await thread?.close();
  }

  async scan(type: DocumentType, afterId: string, limit: number): Promise<SearchDocument[]> {
    const rows = this.database.prepare('select body from doc where type = ? and id > ? order by id limit ?').all(type, afterId, limit) as {
      body: string;
    }[];
    return rows.map((r) => JSON.parse(r.body) as SearchDocument);
  }

  async count(type?: DocumentType): Promise<number> {
    const row = type
      ? this.database.prepare('select count(*) as n from doc where type = ?').get(type)
      : this.database.prepare('select count(*) as n from doc').get();
    return (row as { n: number }).n;
  }

  async close(): Promise<void> {
    await this.lastBatch;
    try {
      this.commitHeldWrites();
    } catch {
      // Lost writes of events not marked applied yet: they are applied again at the next start.
    }
    await this.stopRowThread();
    if (this.database.open) this.database.close();
  }

  async destroy(): Promise<void> {
    await this.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${this.file}${suffix}`, { force: true });
  }
}
