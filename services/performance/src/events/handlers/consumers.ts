import type { MerchantEventData } from '@fieldops/contracts';
import { merchantRepository } from '../../db/merchant.repository';
import { type AlsoDo, creditConsumer } from './credit.handler';

/** Field visits: checked out, flagged for review, reviewed. */
export const visitsConsumer = creditConsumer('performance.visits', [
  'checkin.visit.checked-out.v1',
  'checkin.visit.flagged.v1',
  'checkin.visit.reviewed.v1',
]);

/** Marketing campaigns' accepted enrollments. */
export const enrollmentsConsumer = creditConsumer('performance.enrollments', ['marketing.enrollment.decided.v1']);

/** Tickets: every change publishes the whole ticket, its state and SLA status included. */
export const ticketsConsumer = creditConsumer('performance.tickets', ['tickets.ticket.updated.v1']);

/** Leads as captured. */
export const leadsConsumer = creditConsumer('performance.leads', ['leads.lead.created.v1']);

const keepOwner: AlsoDo = async (event, trx, ctx) => {
  const merchant = event.data as MerchantEventData<'merchant.merchant.created.v1'>;
  await merchantRepository.save(
    trx,
    ctx.dialect,
    merchant.id,
    {
      ownerId: merchant.ownerId,
      orgUnitId: merchant.orgUnitId,
      agencyId: merchant.agencyId,
      areaId: merchant.areaId,
      country: merchant.country,
    },
    merchant.version,
  );
};

const keepTransferredOwner: AlsoDo = async (event, trx, ctx) => {
  const transfer = event.data as MerchantEventData<'merchant.merchant.owner-transferred.v1'>;
  const before = await merchantRepository.owner(trx, transfer.merchantId);
  if (!before) return;
  const owner = { ...before, ownerId: transfer.ownerId, orgUnitId: transfer.orgUnitId, agencyId: transfer.agencyId };
  await merchantRepository.save(trx, ctx.dialect, transfer.merchantId, owner, transfer.version);
};

/**
 * Merchants: conversions from leads (created with a lead id), activations, and the owner of each merchant, kept
 * in the same consumer so an activation is read after the owner events before it.
 */
export const merchantsConsumer = creditConsumer(
  'performance.merchants',
  [
    'merchant.merchant.created.v1',
    'merchant.merchant.updated.v1',
    'merchant.merchant.owner-transferred.v1',
    'merchant.merchant.status-changed.v1',
  ],
  {
    'merchant.merchant.created.v1': keepOwner,
    'merchant.merchant.updated.v1': keepOwner,
    'merchant.merchant.owner-transferred.v1': keepTransferredOwner,
  },
);
