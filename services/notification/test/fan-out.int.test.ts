import type { AccountDb } from '@fieldops/account';
import { buildEnvelope } from '@fieldops/platform';
import { eventually, hostEngines, MovableClock, serviceDb, type TestHost } from '@fieldops/testing';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationDb, startNotificationHost } from './notification-fixtures';

/** More recipients than one multi-row statement holds, so the event's rows go in over several statements. */
const RECIPIENTS = 1_000;

describe.each(await hostEngines())('one event fanned out to a thousand recipients on $name', (engines) => {
  let t: TestHost;
  const clock = new MovableClock(Date.UTC(2027, 2, 2, 2, 0));

  beforeAll(async () => {
    // Mail goes nowhere: the deliveries are only stored here, the delivery job finds no SMTP server and retries.
    t = await startNotificationHost(engines, clock, 'smtp://127.0.0.1:9');
  }, 180_000);
  afterAll(async () => t?.stop(), 120_000);

  /** `RECIPIENTS` reps made in the account service as copies of a demo rep (one password hash, the same role). */
  async function addReps(): Promise<string[]> {
    const db = serviceDb<AccountDb>(t, 'account');
    const model = await db.selectFrom('user').selectAll().where('email', '=', 'rep1.sg@fieldops.test').executeTakeFirstOrThrow();
    const { role_id } = await db.selectFrom('user_role').select('role_id').where('user_id', '=', model.id).executeTakeFirstOrThrow();
    const ids = Array.from({ length: RECIPIENTS }, () => uuidv7());
    const batch = 200;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < ids.length; i += batch) {
        const slice = ids.slice(i, i + batch);
        await trx
          .insertInto('user')
          .values(slice.map((id) => ({ ...model, id, email: `fan-out-${id}@fieldops.test`, phone: null, last_login_at: null })))
          .execute();
        await trx
          .insertInto('user_role')
          .values(slice.map((user_id) => ({ user_id, role_id })))
          .execute();
      }
    });
    return ids;
  }

  it('stores exactly one notice per recipient and one delivery per recipient and channel, and applying the event again adds nothing', async () => {
    const reps = await addReps();
    const at = new Date(clock.now()).toISOString();
    // The first rep is named twice: still one notice.
    const event = buildEnvelope(
      'tickets',
      {
        type: 'tickets.ticket.sla-warned.v1',
        subject: uuidv7(),
        country: 'SG',
        data: {
          ticketId: uuidv7(),
          key: 'fan-out',
          clock: 'resolution' as const,
          title: 'Fan-out ticket',
          priority: 'high' as const,
          assigneeId: null,
          dueAt: at,
          firedAt: at,
          notify: [...reps, reps[0] ?? ''],
        },
      },
      clock.now(),
    );
    await t.host.runtime.bus.publish([event]);

    const db = notificationDb(t);
    const perUser = async (table: 'notice' | 'delivery') =>
      db
        .selectFrom(table)
        .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>(sql`distinct user_id`).as('users')])
        .where('source_key', '=', event.id)
        .executeTakeFirstOrThrow();
    await eventually(async () => expect(Number((await perUser('notice')).rows)).toBe(RECIPIENTS), { timeoutMs: 60_000 });
    expect(Number((await perUser('notice')).users)).toBe(RECIPIENTS);
    const channels = await db
      .selectFrom('delivery')
      .select((eb) => ['channel', eb.fn.countAll<number>().as('rows'), eb.fn.count<number>(sql`distinct user_id`).as('users')])
      .where('source_key', '=', event.id)
      .groupBy('channel')
      .execute();
    // Singapore sends email by default: every recipient has one, and no channel has two rows for one user.
    for (const c of channels) expect(Number(c.rows)).toBe(Number(c.users));
    expect(Number(channels.find((c) => c.channel === 'email')?.rows)).toBe(RECIPIENTS);
    const deliveriesBefore = Number((await perUser('delivery')).rows);

    // The inbox forgets the event (as a restore from an older backup would): the handler runs again, and the unique
    // keys keep every row single.
    await db.deleteFrom('inbox').where('event_id', '=', event.id).execute();
    const notification = t.host.service('notification');
    expect(await notification?.replayDeadLetter(event, 'notification.workflows')).toBe('applied');
    expect(Number((await perUser('notice')).rows)).toBe(RECIPIENTS);
    expect(Number((await perUser('delivery')).rows)).toBe(deliveriesBefore);
  }, 180_000);
});
