import type { ConsumerDefinition } from '@fieldops/platform';
import type { MarketingDeps } from '../../config';
import { enrollmentRepository } from '../../db/enrollment.repository';
import type { MarketingDb } from '../../db/schema';

/** Check-ins at invited merchants: the funnel's "visited" step. */
export const visitsConsumer: ConsumerDefinition<MarketingDb, MarketingDeps> = {
  name: 'marketing.visits',
  handlers: {
    'checkin.visit.checked-in.v1': async (event, trx) => {
      const visit = event.data;
      if (visit.targetType !== 'merchant') return;
      await enrollmentRepository.markVisited(trx, visit.targetId, Date.parse(visit.checkedInAt));
    },
  },
};
