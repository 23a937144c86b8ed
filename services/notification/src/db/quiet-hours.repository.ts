import type { Kysely, Transaction } from 'kysely';
import type { QuietHours } from '../domain/quiet-hours';
import type { NotificationDb } from './schema';

type Db = Kysely<NotificationDb> | Transaction<NotificationDb>;

/** What a user set over their country's defaults: null where they keep the default. */
export interface QuietHoursOverride {
  window: QuietHours | null;
  timeZone: string | null;
}

export const NO_OVERRIDE: QuietHoursOverride = { window: null, timeZone: null };

function overrideOf(row: { quiet_start: string | null; quiet_end: string | null; time_zone: string | null }): QuietHoursOverride {
  const window = row.quiet_start !== null && row.quiet_end !== null ? { start: row.quiet_start, end: row.quiet_end } : null;
  return { window, timeZone: row.time_zone };
}

export const quietHoursRepository = {
  async ofUser(db: Db, userId: string): Promise<QuietHoursOverride> {
    const row = await db
      .selectFrom('notification_quiet_hours')
      .select(['quiet_start', 'quiet_end', 'time_zone'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? overrideOf(row) : NO_OVERRIDE;
  },

  /** The overrides of those of `userIds` who set one, read in slices of 500. */
  async ofUsers(db: Db, userIds: readonly string[]): Promise<Map<string, QuietHoursOverride>> {
    const byUser = new Map<string, QuietHoursOverride>();
    const ids = [...new Set(userIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('notification_quiet_hours')
        .select(['user_id', 'quiet_start', 'quiet_end', 'time_zone'])
        .where('user_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of rows) byUser.set(row.user_id, overrideOf(row));
    }
    return byUser;
  },

  async save(trx: Transaction<NotificationDb>, userId: string, override: QuietHoursOverride, now: number): Promise<void> {
    await trx.deleteFrom('notification_quiet_hours').where('user_id', '=', userId).execute();
    if (override.window === null && override.timeZone === null) return;
    await trx
      .insertInto('notification_quiet_hours')
      .values({
        user_id: userId,
        quiet_start: override.window?.start ?? null,
        quiet_end: override.window?.end ?? null,
        time_zone: override.timeZone,
        updated_at: now,
      })
      .execute();
  },
};
