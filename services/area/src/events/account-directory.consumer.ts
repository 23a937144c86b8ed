import type { ConsumerDefinition, EventHandler } from '@fieldops/platform';
import type { AreaDeps } from '../config';
import { knownOrgUnitRepository, knownUserRepository } from '../db/known-user.repository';
import type { AreaDb } from '../db/schema';

type UserEvent = 'account.user.created.v1' | 'account.user.updated.v1' | 'account.user.disabled.v1';
type OrgUnitEvent = 'account.org-unit.created.v1' | 'account.org-unit.updated.v1' | 'account.org-unit.moved.v1';

const saveUser: EventHandler<AreaDb, UserEvent, AreaDeps> = async (event, trx) => {
  const user = event.data;
  await knownUserRepository.save(trx, {
    id: user.id,
    email: user.email,
    name: user.name,
    country: user.country,
    status: user.status,
    version: user.version,
  });
};

const saveOrgUnit: EventHandler<AreaDb, OrgUnitEvent, AreaDeps> = async (event, trx) => {
  const unit = event.data;
  await knownOrgUnitRepository.save(trx, {
    id: unit.id,
    parent_id: unit.parentId,
    kind: unit.kind,
    name: unit.name,
    country: unit.country,
    version: unit.version,
  });
};

const removeOrgUnit: EventHandler<AreaDb, 'account.org-unit.deleted.v1', AreaDeps> = async (event, trx) => {
  await knownOrgUnitRepository.remove(trx, event.data.id);
};

/**
 * What this service knows of the account service's people and org units, from its events: names and emails for
 * assignment lists and "who covers this point", org units to link areas to, and the demo seed's pending links.
 * (The catalogue validates the data before a handler sees it.)
 */
export const accountDirectoryConsumer: ConsumerDefinition<AreaDb, AreaDeps> = {
  name: 'area.account-directory',
  handlers: {
    'account.user.created.v1': saveUser,
    'account.user.updated.v1': saveUser,
    'account.user.disabled.v1': saveUser,
    'account.org-unit.created.v1': saveOrgUnit,
    'account.org-unit.updated.v1': saveOrgUnit,
    'account.org-unit.moved.v1': saveOrgUnit,
    'account.org-unit.deleted.v1': removeOrgUnit,
  },
};
