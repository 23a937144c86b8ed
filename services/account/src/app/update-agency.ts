import { type Access, NotFoundError, PreconditionFailedError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { type AgencyRow, agencyRepository } from '../db/agency.repository';
import { agencyEvents } from '../events/published';
import { type AgencyView, toAgencyView } from './agency-view';

export interface UpdateAgencyInput {
  name?: string;
  status?: AgencyRow['status'];
}

/** Renames or (de)activates an agency the caller can see; one outside their country is not found. */
export async function updateAgency(
  ctx: AccountContext,
  { caller, scope }: Access,
  id: string,
  input: UpdateAgencyInput,
  ifMatch: (current: number) => number,
): Promise<AgencyView> {
  return ctx.transact(async (trx, events) => {
    const agency = await agencyRepository.findById(trx, id, scope);
    if (!agency) throw new NotFoundError('Agency');
    const expected = ifMatch(agency.version);
    const changes = { name: input.name?.trim() ?? agency.name, status: input.status ?? agency.status };
    if (changes.name === agency.name && changes.status === agency.status) return toAgencyView(agency);
    const updated: AgencyRow = { ...agency, ...changes, version: expected + 1, updated_at: ctx.clock.now() };
    if (!(await agencyRepository.update(trx, id, expected, { ...changes, updated_at: updated.updated_at }))) {
      throw new PreconditionFailedError();
    }
    await events.append(agencyEvents.updated(updated, caller.userId));
    return toAgencyView(updated);
  });
}
