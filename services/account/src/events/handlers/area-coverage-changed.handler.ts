import type { AreaEventData } from '@fieldops/contracts';
import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import type { AccountDb } from '../../db/schema';
import { userAreaRepository } from '../../db/user-area.repository';

const coverageChanged: EventHandler<AccountDb> = async (event, trx) => {
  const { userId, areaIds, version } = event.data as AreaEventData<'area.coverage.changed.v1'>;
  await userAreaRepository.replace(trx, userId, areaIds, version);
};

/** Keeps `user_area` in step with the area service, so `ResolveScope` answers each user's `areaIds`. */
export const areaCoverageConsumer: ConsumerDefinition<AccountDb> = {
  name: 'account.area-coverage',
  handlers: { 'area.coverage.changed.v1': coverageChanged },
};
