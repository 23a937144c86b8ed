import { uncounted } from '../domain/uncounted';
import { defineMetric } from './metric';

/** New leads a rep captured: created with an owner, and not matched to another lead as a duplicate. */
export const leadsCaptured = defineMetric({
  name: 'leads-captured',
  description: 'New leads captured by a rep, duplicates excluded',
  counts: {
    'leads.lead.created.v1': (event) => {
      const lead = event.data;
      if (lead.ownerId === null) return undefined;
      return {
        sourceType: 'lead',
        sourceId: lead.id,
        version: lead.version,
        credit: lead.duplicateOf === null ? 1 : 0,
        occurredAt: Date.parse(event.time),
        attribution: {
          userId: lead.ownerId,
          orgUnitId: lead.orgUnitId,
          agencyId: lead.agencyId,
          areaId: lead.areaId,
          country: lead.country,
        },
        // The match is not named: it may be a lead or merchant the rep may not read.
        ...(lead.duplicateOf === null ? {} : { uncounted: uncounted('duplicate') }),
      };
    },
  },
});
