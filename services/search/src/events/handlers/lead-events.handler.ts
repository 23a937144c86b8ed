import type { LeadConverted, LeadFollowedUp, LeadOwnershipChanged, LeadSnapshot, LeadStageChanged } from '@fieldops/contracts';
import type { ConsumerDefinition } from '@fieldops/platform';
import { enrichmentOf } from '../../app/enrich';
import { referenceRepository } from '../../db/reference.repository';
import type { SearchDb } from '../../db/schema';
import { leadDocument } from '../../domain/documents';
import { type IndexingHandler, tracked } from '../tracked';

const created: IndexingHandler = async (event, trx, ctx, { holder }) => {
  const lead = event.data as LeadSnapshot;
  const extra = await enrichmentOf(ctx, trx, { ownerId: lead.ownerId, areaId: lead.areaId });
  await holder.put([leadDocument(lead, Date.parse(event.time), extra)]);
};

/**
 * Claim, release, assignment, recycling: the owner decides the pool. A new owner brings their team and agency (as
 * the leads service stores them); an unowned lead keeps the team it had, like the leads service.
 */
const ownershipChanged: IndexingHandler = async (event, trx, _ctx, { holder }) => {
  const change = event.data as LeadOwnershipChanged;
  const at = Date.parse(event.time);
  const owner = await referenceRepository.user(trx, change.ownerId);
  const stored = await holder.current.get('lead', change.leadId);
  const phone = typeof stored?.details.phone === 'string' ? stored.details.phone : null;
  await holder.patch(
    'lead',
    change.leadId,
    {
      ownerId: change.ownerId,
      pool: change.ownerId === null ? 'public' : 'private',
      ownerName: owner?.name ?? null,
      ...(owner ? { orgUnitId: owner.org_unit_id, agencyId: owner.agency_id } : {}),
      phones: change.ownerId !== null && phone ? [phone] : [],
      details: { ...stored?.details, protectedUntil: change.protectedUntil },
      updatedAt: at,
    },
    change.version,
  );
};

const stageChanged: IndexingHandler = async (event, _trx, _ctx, { holder }) => {
  const change = event.data as LeadStageChanged;
  await holder.patch('lead', change.leadId, { stage: change.to, updatedAt: Date.parse(event.time) }, change.version);
};

const followedUp: IndexingHandler = async (event, _trx, _ctx, { holder }) => {
  const change = event.data as LeadFollowedUp;
  const stored = await holder.current.get('lead', change.leadId);
  const details = { ...stored?.details, nextFollowUpAt: change.nextFollowUpAt, protectedUntil: change.protectedUntil };
  await holder.patch('lead', change.leadId, { details, updatedAt: Date.parse(event.time) }, change.version);
};

/** The saga's end carries no version: it only ever moves forward, so it applies as it comes. */
const converted: IndexingHandler = async (event, _trx, _ctx, { holder }) => {
  const change = event.data as LeadConverted;
  const stored = await holder.current.get('lead', change.leadId);
  await holder.patch('lead', change.leadId, { status: 'converted', details: { ...stored?.details, merchantId: change.merchantId } }, null);
};

/** Leads: the creation snapshot, then partial changes applied only when newer than the stored version. */
export const leadEventsConsumer: ConsumerDefinition<SearchDb> = {
  name: 'search.leads',
  handlers: {
    'leads.lead.created.v1': tracked('leads', created),
    'leads.lead.claimed.v1': tracked('leads', ownershipChanged),
    'leads.lead.released.v1': tracked('leads', ownershipChanged),
    'leads.lead.assigned.v1': tracked('leads', ownershipChanged),
    'leads.lead.recycled.v1': tracked('leads', ownershipChanged),
    'leads.lead.stage-changed.v1': tracked('leads', stageChanged),
    'leads.lead.followed-up.v1': tracked('leads', followedUp),
    'leads.lead.converted.v1': tracked('leads', converted),
  },
};
