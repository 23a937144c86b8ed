import { defineMetric } from './metric';

/**
 * Merchants signed up for marketing campaigns: an accepted enrollment, credited to the merchant's owner at launch
 * (a decline or expiry credits nothing). The enrollment is the source, so one merchant in two campaigns counts twice.
 */
export const campaignEnrollments = defineMetric({
  name: 'campaign-enrollments',
  description: 'Merchants who accepted a marketing campaign',
  counts: {
    'marketing.enrollment.decided.v1': (event) => {
      const enrollment = event.data;
      if (enrollment.ownerId === null) return undefined;
      return {
        sourceType: 'enrollment',
        sourceId: enrollment.enrollmentId,
        version: enrollment.version,
        credit: enrollment.state === 'accepted' ? 1 : 0,
        occurredAt: Date.parse(event.time),
        attribution: {
          userId: enrollment.ownerId,
          orgUnitId: enrollment.orgUnitId,
          agencyId: enrollment.agencyId,
          areaId: enrollment.areaId,
          country: enrollment.country,
        },
      };
    },
  },
});
