import type { EventType } from '@fieldops/contracts';
import type { ConsumerDefinition, EventHandler, PreparedHandlers } from '@fieldops/platform';
import { type PreparedNotice, storeNotices } from '../app/notify';
import type { NotificationContext, NotificationDeps } from '../config';
import type { NoticeTable, NotificationDb } from '../db/schema';
import { rpcLookups } from '../workflows/lookups';
import type { AnyWorkflow } from '../workflows/workflow';

/**
 * One consumer for every workflow: per event, each workflow it triggers finds its recipients through RPC first
 * (outside the transaction), then the notices and deliveries are written in the consumer's transaction, and the
 * new notices announced to live streams after it commits.
 */
export function notifyConsumer(workflows: readonly AnyWorkflow[]): ConsumerDefinition<NotificationDb, NotificationDeps> {
  const byTrigger = new Map<EventType, AnyWorkflow[]>();
  for (const w of workflows) byTrigger.set(w.trigger, [...(byTrigger.get(w.trigger) ?? []), w]);

  const prepared: Record<string, unknown> = {};
  for (const [trigger, triggered] of byTrigger) {
    prepared[trigger] = async (
      event: Parameters<AnyWorkflow['audience']>[0],
      ctx: NotificationContext,
    ): Promise<EventHandler<NotificationDb, EventType, NotificationDeps>> => {
      const lookups = rpcLookups(ctx);
      const notices: PreparedNotice[] = [];
      for (const workflow of triggered) {
        const audience = await workflow.audience(event, lookups);
        if (!audience || audience.userIds.length + (audience.contacts?.length ?? 0) === 0) continue;
        const recipients = [...(await lookups.recipients(audience.userIds)), ...(audience.contacts ?? [])];
        notices.push({ workflow, recipients, facts: audience.facts, link: audience.link });
      }
      return async (_event, trx, events) => {
        const stored: NoticeTable[] = [];
        for (const notice of notices) stored.push(...(await storeNotices(ctx, trx, event.id, notice)));
        // Announced only once committed: a stream must never show a notice its inbox cannot yet read.
        if (stored.length > 0) events.afterCommit(() => ctx.deps.live.announce(stored));
      };
    };
  }
  return {
    name: 'notification.workflows',
    handlers: {},
    // Built from the workflow list, so typed per event only through each workflow's own declaration.
    prepared: prepared as PreparedHandlers<NotificationDb, NotificationDeps>,
  };
}
