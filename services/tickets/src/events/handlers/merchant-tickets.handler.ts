import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import { assigneeForMerchant, merchantAsService, openForMerchant } from '../../app/open-for-merchant';
import type { TicketsContext } from '../../config';
import type { TicketsDb } from '../../db/schema';
import { hasTicketSetup, ticketSetupOf } from '../../domain/ticket-types';

const nothing = async () => {};

/**
 * Tickets the merchant lifecycle opens by itself: a merchant converted from a lead gets its country's onboarding
 * tasks; a suspended merchant gets a follow-up. Assignees (and the suspended merchant) are read before the
 * transaction; the inbox runs each event once, so each opens its tickets once.
 */
export const merchantTicketsConsumer: ConsumerDefinition<TicketsDb> = {
  name: 'tickets.merchant-lifecycle',
  handlers: {},
  prepared: {
    'merchant.merchant.created.v1': async (
      event,
      ctx: TicketsContext,
    ): Promise<EventHandler<TicketsDb, 'merchant.merchant.created.v1'>> => {
      const m = event.data;
      // A country without ticket types opens no tickets by itself (rather than dead-lettering its merchants' events).
      if (m.leadId === null || !hasTicketSetup(m.country)) return nothing;
      const assignee = await assigneeForMerchant(ctx, 'onboarding-task', m);
      return async (_event, trx, events) => {
        await openForMerchant(ctx, trx, events, m, 'onboarding-task', ticketSetupOf(m.country).onboardingTasks, assignee);
      };
    },
    'merchant.merchant.status-changed.v1': async (
      event,
      ctx: TicketsContext,
    ): Promise<EventHandler<TicketsDb, 'merchant.merchant.status-changed.v1'>> => {
      const change = event.data;
      if (change.to !== 'suspended' || change.from === 'suspended') return nothing;
      const merchant = await merchantAsService(ctx, change.merchantId);
      if (!merchant || !hasTicketSetup(merchant.country)) return nothing;
      const assignee = await assigneeForMerchant(ctx, 'merchant-follow-up', merchant);
      const follow = {
        title: 'Follow up the suspended merchant',
        fields: { trigger: 'suspended', reason: change.reason.slice(0, 1000) || undefined },
      };
      return async (_event, trx, events) => {
        await openForMerchant(ctx, trx, events, merchant, 'merchant-follow-up', [follow], assignee);
      };
    },
  },
};
