import type { AccountEventData } from '@fieldops/contracts';
import type { ConsumerDefinition, EventEnvelope as Envelope } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { PerformanceContext } from '../../config';
import { orgUnitRepository } from '../../db/org-unit.repository';
import type { PerformanceDb } from '../../db/schema';

type OrgUnitEvent = Envelope<AccountEventData<'account.org-unit.created.v1'>>;

async function keep(event: OrgUnitEvent, trx: Transaction<PerformanceDb>, ctx: PerformanceContext): Promise<void> {
  const unit = event.data;
  await orgUnitRepository.save(trx, ctx.dialect, { id: unit.id, parent_id: unit.parentId, country: unit.country, version: unit.version });
}

/**
 * The org tree as the account service publishes it: which country a team is in and which teams are under it. A
 * deleted unit stays, since facts credited while reps were in it still count.
 */
export const orgUnitsConsumer: ConsumerDefinition<PerformanceDb> = {
  name: 'performance.org-units',
  handlers: {
    'account.org-unit.created.v1': (event, trx, _events, ctx) => keep(event, trx, ctx),
    'account.org-unit.updated.v1': (event, trx, _events, ctx) => keep(event, trx, ctx),
    'account.org-unit.moved.v1': (event, trx, _events, ctx) => keep(event, trx, ctx),
  },
};
