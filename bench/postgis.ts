import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The PostgreSQL server a benchmark may use: this machine's, as the superuser (it creates and drops a database). */
const SERVER_URL = 'postgresql://postgres@127.0.0.1:5432';
const CONNECT_TIMEOUT_MS = 3000;

/** A fresh database with PostGIS, made for one run and dropped after it. */
export interface PostgisDatabase {
  name: string;
  /** Connection string of the database. */
  url: string;
  client: pg.Client;
  /** Closes `client` and drops the database. */
  drop(): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  return client;
}

async function dropDatabase(name: string): Promise<void> {
  const admin = await connect(`${SERVER_URL}/postgres`);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Creates `fieldops_bench_<random>` with the PostGIS extension; answers why not when PostgreSQL does not answer
 * at 127.0.0.1:5432 or PostGIS is not installed there.
 */
export async function createPostgisDatabase(): Promise<PostgisDatabase | string> {
  let admin: pg.Client;
  try {
    admin = await connect(`${SERVER_URL}/postgres`);
  } catch (error) {
    return `PostgreSQL did not answer at 127.0.0.1:5432 (${messageOf(error)})`;
  }
  const name = `fieldops_bench_${randomBytes(4).toString('hex')}`;
  try {
    const available = await admin.query("SELECT default_version FROM pg_available_extensions WHERE name = 'postgis'");
    if (available.rowCount === 0) return 'PostGIS is not installed on the PostgreSQL at 127.0.0.1:5432 (postgresql-15-postgis-3)';
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    return `PostgreSQL at 127.0.0.1:5432 refused a benchmark database: ${messageOf(error)}`;
  } finally {
    await admin.end();
  }
  const url = `${SERVER_URL}/${name}`;
  let client: pg.Client | undefined;
  try {
    client = await connect(url);
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    await client?.end().catch(() => undefined);
    await dropDatabase(name);
    return `PostGIS could not be enabled in ${name}: ${messageOf(error)}`;
  }
  const opened = client;
  return {
    name,
    url,
    client: opened,
    async drop() {
      try {
        await opened.end();
      } finally {
        await dropDatabase(name);
      }
    },
  };
}

/** Streams text-format COPY lines (`a\tb\n`) into `table (columns)`; answers how many rows went in. */
export async function copyInto(client: pg.Client, table: string, columns: string[], lines: AsyncIterable<string>): Promise<number> {
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines), copy);
  return copy.rowCount;
}
