import type { Kysely } from 'kysely';
import type { Dialect } from './column-types';
import { type PlatformTables, platformTables } from './platform-tables';
import { insertIfAbsent } from './portable';

/**
 * A named lease in the service's database so that work meant to run once (the relay, a scheduled job) runs in
 * one replica at a time. Whoever holds it renews it; when the holder dies it expires and another takes over.
 */
export async function tryAcquireLease<DB extends PlatformTables>(
  serviceDb: Kysely<DB>,
  dialect: Dialect,
  name: string,
  holder: string,
  ttlMs: number,
  now: number,
): Promise<boolean> {
  const db = platformTables(serviceDb);
  const renewed = await db
    .updateTable('lease')
    .set({ holder, expires_at: now + ttlMs })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', now)]))
    .executeTakeFirst();
  if (Number(renewed.numUpdatedRows) > 0) return true;
  return insertIfAbsent(db, dialect, 'lease', { name, holder, expires_at: now + ttlMs });
}

export async function releaseLease<DB extends PlatformTables>(serviceDb: Kysely<DB>, name: string, holder: string): Promise<void> {
  const db = platformTables(serviceDb);
  await db.deleteFrom('lease').where('name', '=', name).where('holder', '=', holder).execute();
}
