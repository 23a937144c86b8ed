import { type Access, ForbiddenError, UnprocessableError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { type AgencyRow, agencyRepository } from '../db/agency.repository';
import { agencyEvents } from '../events/published';
import { type AgencyView, toAgencyView } from './agency-view';

export interface CreateAgencyInput {
  name: string;
  country: string;
}

const countryProblem = (detail: string, message: string) => new UnprocessableError(detail, [{ field: '/body/country', message }]);

/** Signs up an external service provider in a country the caller manages. */
export async function createAgency(ctx: AccountContext, { caller, scope }: Access, input: CreateAgencyInput): Promise<AgencyView> {
  // Agency staff see only their own agency: another one would vanish from their view the moment it exists.
  if (scope.agencyId !== null) throw new ForbiddenError('Agency staff cannot sign up agencies.');
  if (!ctx.countries.isSupported(input.country)) {
    throw countryProblem(`FieldOps does not serve the country ${input.country}.`, 'is not a supported country');
  }
  if (scope.scope !== 'all' && input.country !== scope.country) {
    throw countryProblem(`You manage agencies in ${scope.country} only.`, `must be ${scope.country}, the country you manage`);
  }
  const now = ctx.clock.now();
  const agency: AgencyRow = {
    id: uuidv7(),
    name: input.name.trim(),
    country: input.country,
    status: 'active',
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.transact(async (trx, events) => {
    await agencyRepository.insert(trx, agency);
    await events.append(agencyEvents.created(agency, caller.userId));
  });
  return toAgencyView(agency);
}
