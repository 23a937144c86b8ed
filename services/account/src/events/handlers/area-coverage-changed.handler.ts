import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import type { AccountDeps } from '../../config';
import type { AccountDb } from '../../db/schema';
import { userAreaRepository } from '../../db/user-area.repository';

const coverageChanged: EventHandler<AccountDb, 'area.coverage.changed.v1', AccountDeps> = async (event, trx) => {
  const { userId, areaIds, version } = event.data;
  await userAreaRepository.replace(trx, userId, areaIds, version);
};

/** Keeps `user_area` in step with the area service, so `ResolveScope` answers each user's `areaIds`. */
export const areaCoverageConsumer: ConsumerDefinition<AccountDb, AccountDeps> = {
  name: 'account.area-coverage',
  handlers: { 'area.coverage.changed.v1': coverageChanged },
};
