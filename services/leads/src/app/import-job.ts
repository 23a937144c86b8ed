import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { type ProgressReporter, UnprocessableError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { type ImportActor, type ImportReport, importLeads } from './import-leads';

/**
 * Who a command-line import runs for: a user by id or email (the leads are theirs, within their limit) or a country's
 * public pool.
 */
export type ImportFor = { userId: string } | { email: string } | { country: string };

async function userOf(ctx: LeadsContext, who: { userId: string } | { email: string }) {
  const accounts = ctx.rpc.client(AccountService);
  const call = await ctx.asService();
  try {
    const found =
      'email' in who ? await accounts.findUserByEmail({ email: who.email }, call) : await accounts.getUser({ id: who.userId }, call);
    return found.user;
  } catch (error) {
    if (!(error instanceof ConnectError && error.code === Code.NotFound)) throw error;
    throw new UnprocessableError('There is no such user.', [{ field: 'as', message: 'is not a known user id or email' }]);
  }
}

/** The actor of an import run by this service itself (the CLI): as a user read through the account service, or the pool. */
async function actorFor(ctx: LeadsContext, who: ImportFor): Promise<ImportActor> {
  if ('country' in who) {
    return { actor: 'service:leads', country: who.country.toUpperCase(), agencyId: null, owner: null, callAs: ctx.asService };
  }
  const user = await userOf(ctx, who);
  if (user?.status !== 'active')
    throw new UnprocessableError('The user is not active.', [{ field: 'as', message: 'is not an active user' }]);
  const agencyId = user.agencyId ?? null;
  return {
    actor: user.id,
    country: user.country,
    agencyId,
    owner: { userId: user.id, orgUnitId: user.orgUnitId, agencyId, roles: user.roleNames },
    callAs: ctx.asService,
  };
}

/** The CSV import as this service runs it (for `fieldops leads import`), with progress. */
export async function runImport(ctx: LeadsContext, who: ImportFor, text: string, progress: ProgressReporter): Promise<ImportReport> {
  return importLeads(ctx, await actorFor(ctx, who), text, progress);
}
