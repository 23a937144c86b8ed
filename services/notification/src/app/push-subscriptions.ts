import { NotFoundError, UnprocessableError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { NotificationContext } from '../config';
import type { PushSubscriptionTable } from '../db/schema';
import { pushEndpointProblem } from '../domain/push-endpoint';

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export function toSubscriptionView(row: PushSubscriptionTable) {
  return { id: row.id, endpoint: row.endpoint, createdAt: new Date(row.created_at).toISOString() };
}

/** Stores a browser's push subscription for the caller; the same endpoint again replaces the keys (and the owner). */
export async function subscribe(ctx: NotificationContext, userId: string, input: PushSubscriptionInput): Promise<PushSubscriptionTable> {
  const problem = pushEndpointProblem(input.endpoint, ctx.deps.pushHosts);
  if (problem) throw new UnprocessableError('The push endpoint is not accepted.', [{ field: '/body/endpoint', message: problem }]);
  return ctx.transact(async (trx) => {
    await trx.deleteFrom('push_subscription').where('endpoint', '=', input.endpoint).execute();
    const row: PushSubscriptionTable = {
      id: uuidv7(),
      user_id: userId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      created_at: ctx.clock.now(),
    };
    await trx.insertInto('push_subscription').values(row).execute();
    return row;
  });
}

/** Removes one of the caller's subscriptions; another user's answers 404. */
export async function unsubscribe(ctx: NotificationContext, userId: string, id: string): Promise<void> {
  const result = await ctx.db.deleteFrom('push_subscription').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new NotFoundError('Push subscription');
}
