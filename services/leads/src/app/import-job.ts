import { AccountService } from '@fieldops/contracts';
import { type ProgressReporter, UnprocessableError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { type ImportActor, type ImportReport, importLeads } from './import-leads';

/** Who a command-line import runs for: a user (the leads are theirs, within their limit) or a country's public pool. */
export type ImportFor = { userId: string } | { country: string };

/** The actor of an import run by this service itself (the CLI): as a user read through the account service, or the pool. */
async function actorFor(ctx: LeadsContext, who: ImportFor): Promise<ImportActor> {
  if ('country' in who) {
    return { actor: 'service:leads', country: who.country.toUpperCase(), agencyId: null, owner: null, callAs: ctx.asService };
  }
  const { user } = await ctx.rpc.client(AccountService).getUser({ id: who.userId }, await ctx.asService());
  if (user?.status !== 'active')
    throw new UnprocessableError('The user is not active.', [{ field: 'as', message: 'is not an active user' }]);
  const agencyId = user.agencyId ?? null;
  return {
    actor: user.id,
    country: user.country,
    agencyId,
    owner: { userId: user.id, orgUnitId: user.orgUnitId, agencyId },
    callAs: ctx.asService,
  };
}

/** The CSV import as this service runs it (for `fieldops leads import`), with progress. */
export async function runImport(ctx: LeadsContext, who: ImportFor, text: string, progress: ProgressReporter): Promise<ImportReport> {
  return importLeads(ctx, await actorFor(ctx, who), text, progress);
}
