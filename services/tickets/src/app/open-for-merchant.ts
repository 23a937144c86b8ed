import { Code, ConnectError } from '@connectrpc/connect';
import { MerchantService } from '@fieldops/contracts';
import type { EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { TicketsContext } from '../config';
import type { TicketsDb } from '../db/schema';
import { type TicketTypeName, ticketTypeOf } from '../domain/ticket-types';
import { SERVICE_ACTOR } from '../events/published';
import { openTicket } from './open-ticket';
import type { Assignee } from './references';
import { assigneeByRule } from './rule-assignment';

/** What a ticket opened by the system takes from its merchant. */
export interface MerchantAnchor {
  id: string;
  country: string;
  lat: number;
  lng: number;
  areaId: string | null;
  ownerId: string | null;
  orgUnitId: string | null;
  agencyId: string | null;
}

/** A merchant read as this service (a consumer has no user to act for); undefined when it does not exist. */
export async function merchantAsService(ctx: TicketsContext, id: string): Promise<MerchantAnchor | undefined> {
  try {
    const { merchant } = await ctx.rpc.client(MerchantService).getMerchant({ id }, await ctx.asService());
    if (!merchant) return undefined;
    const { country, lat, lng } = merchant;
    const orNull = (v: string | undefined) => v ?? null;
    return {
      id,
      country,
      lat,
      lng,
      areaId: orNull(merchant.areaId),
      ownerId: orNull(merchant.ownerId),
      orgUnitId: orNull(merchant.orgUnitId),
      agencyId: orNull(merchant.agencyId),
    };
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.NotFound) return undefined;
    throw error;
  }
}

/** Who a system-opened ticket goes to: by the type's rule, else the merchant's own rep. Read before the transaction. */
export async function assigneeForMerchant(ctx: TicketsContext, type: TicketTypeName, merchant: MerchantAnchor): Promise<Assignee | null> {
  const byRule = await assigneeByRule(ctx, ticketTypeOf(merchant.country, type).assignment, merchant, merchant.country);
  if (byRule) return byRule;
  if (merchant.ownerId === null || merchant.orgUnitId === null) return null;
  return { id: merchant.ownerId, orgUnitId: merchant.orgUnitId, agencyId: merchant.agencyId };
}

/** Opens tickets of `type` on a merchant, in the consumer's transaction, as this service. */
export async function openForMerchant(
  ctx: TicketsContext,
  trx: Transaction<TicketsDb>,
  events: EventWriter,
  merchant: MerchantAnchor,
  type: TicketTypeName,
  tickets: readonly { title: string; fields: Record<string, unknown> }[],
  assignee: Assignee | null,
): Promise<void> {
  const now = ctx.clock.now();
  const definition = ticketTypeOf(merchant.country, type);
  for (const ticket of tickets) {
    await openTicket(
      ctx,
      trx,
      events,
      {
        country: merchant.country,
        type: definition,
        title: ticket.title,
        description: '',
        priority: undefined,
        fields: ticket.fields,
        merchantId: merchant.id,
        leadId: null,
        placeId: null,
        visitId: null,
        areaId: merchant.areaId,
        point: { lat: merchant.lat, lng: merchant.lng },
        orgUnitId: merchant.orgUnitId,
        agencyId: merchant.agencyId,
        assignee,
        createdBy: SERVICE_ACTOR,
      },
      now,
    );
  }
}
