import { type Access, UnprocessableError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { type OrgUnitRow, orgUnitRepository } from '../db/org-unit.repository';
import { childPath, type OrgUnitKind } from '../domain/org-unit';
import { orgUnitEvents } from '../events/published';
import { checkDepth, checkParentKind, parentInScope } from './org-unit-rules';
import { type OrgUnitView, toOrgUnitView } from './org-unit-view';

export interface CreateOrgUnitInput {
  name: string;
  kind: OrgUnitKind;
  parentId?: string | null;
  /** Required for a country root; a child takes its parent's. */
  country?: string;
}

const countryProblem = (detail: string, message: string) => new UnprocessableError(detail, [{ field: '/body/country', message }]);

/** The country of a new root: only a caller who sees every country may open one. */
function rootCountry(ctx: AccountContext, { scope }: Access, country: string | undefined): string {
  if (scope.scope !== 'all') {
    throw new UnprocessableError('Only someone who manages every country can add a country.', [
      { field: '/body/parentId', message: 'must be an org unit you manage' },
    ]);
  }
  if (!country) throw countryProblem('A country needs its country code.', 'is required for a country');
  if (!ctx.countries.isSupported(country))
    throw countryProblem(`FieldOps does not serve the country ${country}.`, 'is not a supported country');
  return country;
}

export async function createOrgUnit(ctx: AccountContext, access: Access, input: CreateOrgUnitInput): Promise<OrgUnitView> {
  const id = uuidv7();
  const now = ctx.clock.now();
  return ctx.transact(async (trx, events) => {
    // Read inside the transaction: the parent's path must be the one this insert commits against.
    const parent = input.parentId ? await parentInScope(trx, access.scope, input.parentId) : null;
    checkParentKind(input.kind, parent?.kind ?? null);
    if (parent && input.country !== undefined && input.country !== parent.country) {
      throw countryProblem(`A unit takes its parent's country (${parent.country}).`, `must be ${parent.country} or left out`);
    }
    const unit: OrgUnitRow = {
      id,
      parent_id: parent?.id ?? null,
      kind: input.kind,
      name: input.name.trim(),
      country: parent ? parent.country : rootCountry(ctx, access, input.country),
      path: childPath(parent?.path ?? null, id),
      version: 1,
      created_at: now,
      updated_at: now,
    };
    checkDepth(unit.path.length);
    await orgUnitRepository.insert(trx, unit);
    await events.append(orgUnitEvents.created(unit, access.caller.userId));
    return toOrgUnitView(unit);
  });
}
