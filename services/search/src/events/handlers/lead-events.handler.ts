import { enrichmentOf } from '../../app/enrich';
import { referenceRepository } from '../../db/reference.repository';
import { leadDocument } from '../../domain/documents';
import { type IndexingHandler, type SearchConsumer, tracked } from '../tracked';

const created: IndexingHandler<'leads.lead.created.v1'> = async (event, trx, ctx, { holder }) => {
  const lead = event.data;
  const extra = await enrichmentOf(ctx, trx, { ownerId: lead.ownerId, areaId: lead.areaId });
  await holder.put([leadDocument(lead, Date.parse(event.time), extra)]);
};

/**
 * Claim, release, assignment, recycling: the owner decides the pool. A new owner brings their team and agency (as
 * the leads service stores them); an unowned lead keeps the team it had, like the leads service.
 */
const ownershipChanged: IndexingHandler<
  'leads.lead.claimed.v1' | 'leads.lead.released.v1' | 'leads.lead.assigned.v1' | 'leads.lead.recycled.v1'
> = async (event, trx, _ctx, { holder }) => {
  const change = event.data;
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

const stageChanged: IndexingHandler<'leads.lead.stage-changed.v1'> = async (event, _trx, _ctx, { holder }) => {
  const change = event.data;
  await holder.patch('lead', change.leadId, { stage: change.to, updatedAt: Date.parse(event.time) }, change.version);
};

const followedUp: IndexingHandler<'leads.lead.followed-up.v1'> = async (event, _trx, _ctx, { holder }) => {
  const change = event.data;
  const stored = await holder.current.get('lead', change.leadId);
  const details = { ...stored?.details, nextFollowUpAt: change.nextFollowUpAt, protectedUntil: change.protectedUntil };
  await holder.patch('lead', change.leadId, { details, updatedAt: Date.parse(event.time) }, change.version);
};

/** The saga's end carries no version: it only ever moves forward, so it applies as it comes. */
const converted: IndexingHandler<'leads.lead.converted.v1'> = async (event, _trx, _ctx, { holder }) => {
  const change = event.data;
  const stored = await holder.current.get('lead', change.leadId);
  await holder.patch('lead', change.leadId, { status: 'converted', details: { ...stored?.details, merchantId: change.merchantId } }, null);
};

/** Leads: the creation snapshot, then partial changes applied only when newer than the stored version. */
export const leadEventsConsumer: SearchConsumer = {
  name: 'search.leads',
  // Its transactions write the inbox and, once a second, the source's counters; the index writes are versioned, so a
  // failed batch applied again one by one ends the same. A backlog (after a broker outage) commits in batches.
  batch: true,
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
