import type { ConsumerDefinition } from '@fieldops/platform';
import { followUpFromVisit } from '../../app/follow-up-from-visit';
import type { LeadsDb } from '../../db/schema';

/** A visit recorded at check-out extends the protection of the lead it was at (see followUpFromVisit). */
export const visitCheckedOutConsumer: ConsumerDefinition<LeadsDb> = {
  name: 'leads.visits',
  handlers: {
    'checkin.visit.checked-out.v1': async (event, trx, events, ctx) => {
      await followUpFromVisit(ctx, trx, events, event.data);
    },
  },
};
