import type { Kysely, Transaction } from 'kysely';
import type { DeliveryChannel } from '../channels/channel';
import type { NotificationDb } from './schema';

type Db = Kysely<NotificationDb> | Transaction<NotificationDb>;

/** `*` in the workflow column: the whole channel. */
export const ALL_WORKFLOWS = '*';

export interface PreferenceChoice {
  workflow: string;
  channel: DeliveryChannel;
  enabled: boolean;
}

export const preferenceRepository = {
  async ofUser(db: Db, userId: string): Promise<PreferenceChoice[]> {
    const rows = await db
      .selectFrom('notification_preference')
      .select(['workflow', 'channel', 'enabled'])
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => ({ workflow: r.workflow, channel: r.channel, enabled: Boolean(r.enabled) }));
  },

  /** The choices of each of `userIds` (none for a user who made none), read in slices of 500. */
  async ofUsers(db: Db, userIds: readonly string[]): Promise<Map<string, PreferenceChoice[]>> {
    const byUser = new Map<string, PreferenceChoice[]>();
    const ids = [...new Set(userIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('notification_preference')
        .select(['user_id', 'workflow', 'channel', 'enabled'])
        .where('user_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) {
        const choices = byUser.get(r.user_id) ?? [];
        choices.push({ workflow: r.workflow, channel: r.channel, enabled: Boolean(r.enabled) });
        byUser.set(r.user_id, choices);
      }
    }
    return byUser;
  },

  async save(trx: Transaction<NotificationDb>, userId: string, choices: PreferenceChoice[], now: number): Promise<void> {
    for (const choice of choices) {
      await trx
        .deleteFrom('notification_preference')
        .where('user_id', '=', userId)
        .where('workflow', '=', choice.workflow)
        .where('channel', '=', choice.channel)
        .execute();
      await trx
        .insertInto('notification_preference')
        .values({ user_id: userId, workflow: choice.workflow, channel: choice.channel, enabled: choice.enabled ? 1 : 0, updated_at: now })
        .execute();
    }
  },
};

/**
 * Whether a non-critical notice of `workflow` goes out on `channel`: the user's choice, else the country's default.
 * An opt-in workflow has no default: only the user's own choice turns a channel on.
 */
export function channelEnabled(
  choices: PreferenceChoice[],
  workflow: string,
  channel: DeliveryChannel,
  countryDefaults: readonly DeliveryChannel[],
  optIn = false,
): boolean {
  const whole = choices.find((c) => c.workflow === ALL_WORKFLOWS && c.channel === channel);
  if (whole && !whole.enabled) return false;
  const own = choices.find((c) => c.workflow === workflow && c.channel === channel);
  if (own) return own.enabled;
  if (optIn) return false;
  if (whole) return whole.enabled;
  return countryDefaults.includes(channel);
}

/** Whether the user turned on an opt-in workflow: one of its channels switched on by their own choice. */
export function optedIn(choices: PreferenceChoice[], workflow: string): boolean {
  return choices.some((c) => c.workflow === workflow && c.enabled);
}
