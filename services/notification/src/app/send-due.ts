import type { DeliveryOutcome, OutgoingMessage } from '../channels/channel';
import type { NotificationContext } from '../config';
import type { DeliveryTable } from '../db/schema';
import { afterAttempt } from '../domain/delivery-state';

const BATCH = 100;

/** Sends the deliveries that are due; answers how many were attempted. The host runs this on one replica at a time. */
export async function sendDue(ctx: NotificationContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('delivery')
    .selectAll()
    .where('state', 'in', ['queued', 'retrying'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(BATCH)
    .execute();
  for (const delivery of due) await attempt(ctx, delivery);
  return due.length;
}

/**
 * How long a claimed delivery is left to the replica sending it; one that has not recorded an outcome by then (it
 * stopped mid-send) is due again.
 */
const SENDING_MS = 10 * 60 * 1000;

/**
 * Takes a delivery for this replica by moving its next attempt on, if no other replica did since it was read: the job
 * runs on one replica at a time, but a replica that lost its lease mid-batch (stalled, or its clock jumped) is still
 * sending, and the one that took the lease reads the same due deliveries.
 */
async function claim(ctx: NotificationContext, delivery: DeliveryTable, now: number): Promise<boolean> {
  const claimed = await ctx.db
    .updateTable('delivery')
    .set({ next_attempt_at: now + SENDING_MS })
    .where('id', '=', delivery.id)
    .where('state', 'in', ['queued', 'retrying'])
    .where('next_attempt_at', '=', delivery.next_attempt_at)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

async function attempt(ctx: NotificationContext, delivery: DeliveryTable): Promise<void> {
  const now = ctx.clock.now();
  if (!(await claim(ctx, delivery, now))) return;
  const driver = ctx.deps.drivers[delivery.channel];
  if (!driver) {
    await finish(ctx, delivery, { state: 'suppressed', answer: `no ${delivery.channel} provider is configured`, driver: null, now });
    return;
  }
  const message: OutgoingMessage = {
    deliveryId: delivery.id,
    recipient: { userId: delivery.user_id, locale: delivery.locale, country: delivery.country },
    subject: delivery.subject,
    text: delivery.text,
    ...(delivery.html ? { html: delivery.html } : {}),
    ...(delivery.link ? { link: delivery.link } : {}),
  };
  const addresses = await addressesOf(ctx, delivery);
  if (addresses.length === 0) {
    await finish(ctx, delivery, {
      state: 'suppressed',
      answer: `the recipient has no ${delivery.channel} address`,
      driver: driver.name,
      now,
    });
    return;
  }
  const outcomes: DeliveryOutcome[] = [];
  for (const { address, subscriptionId } of addresses) {
    let outcome: DeliveryOutcome;
    try {
      outcome = await driver.send(message, address);
    } catch (error) {
      outcome = { status: 'retry', providerAnswer: error instanceof Error ? error.message : String(error) };
    }
    // An expired push subscription (404/410) is removed; the user's other devices still count.
    if (outcome.status === 'gone' && subscriptionId) {
      await ctx.db.deleteFrom('push_subscription').where('id', '=', subscriptionId).execute();
    }
    outcomes.push(outcome);
  }
  const outcome = combined(outcomes);
  const attempts = delivery.attempts + 1;
  const next = afterAttempt(outcome, attempts, now);
  await ctx.db
    .updateTable('delivery')
    .set({
      state: next.state,
      attempts,
      driver: driver.name,
      provider_answer: outcome.providerAnswer.slice(0, 1000),
      next_attempt_at: next.nextAttemptAt,
      updated_at: now,
      sent_at: next.state === 'sent' ? now : delivery.sent_at,
    })
    .where('id', '=', delivery.id)
    .execute();
  ctx.deps.deliveries.inc({ channel: delivery.channel, outcome: next.state, country: delivery.country });
  if (next.state === 'dead-lettered') {
    ctx.log.error({ deliveryId: delivery.id, channel: delivery.channel, answer: outcome.providerAnswer }, 'delivery dead-lettered');
  }
}

/** Sent when any address took it; else a retry if any may later; else the first answer. */
function combined(outcomes: DeliveryOutcome[]): DeliveryOutcome {
  return (
    outcomes.find((o) => o.status === 'sent') ??
    outcomes.find((o) => o.status === 'retry') ??
    outcomes[0] ?? { status: 'failed', providerAnswer: 'no address' }
  );
}

async function addressesOf(ctx: NotificationContext, delivery: DeliveryTable): Promise<{ address: string; subscriptionId?: string }[]> {
  if (delivery.channel !== 'push') return delivery.address ? [{ address: delivery.address }] : [];
  const subscriptions = await ctx.db.selectFrom('push_subscription').selectAll().where('user_id', '=', delivery.user_id).execute();
  return subscriptions.map((s) => ({
    address: JSON.stringify({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }),
    subscriptionId: s.id,
  }));
}

async function finish(
  ctx: NotificationContext,
  delivery: DeliveryTable,
  result: { state: 'suppressed'; answer: string; driver: string | null; now: number },
): Promise<void> {
  await ctx.db
    .updateTable('delivery')
    .set({ state: result.state, provider_answer: result.answer, driver: result.driver, next_attempt_at: null, updated_at: result.now })
    .where('id', '=', delivery.id)
    .execute();
  ctx.deps.deliveries.inc({ channel: delivery.channel, outcome: result.state, country: delivery.country });
}
