import { Code, ConnectError } from '@connectrpc/connect';
import { MerchantService } from '@fieldops/contracts';
import { type Access, asCaller, ConfigError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { leadRepository } from '../db/lead.repository';
import type { ImportReport, ImportRowReport } from './import-leads';

/** The duplicate ids (leads or merchants) a caller may read: only these are shown to them. */
export type ReadableDuplicates = ReadonlySet<string>;

/** A duplicate's id, with its type where it is known (a capture's candidates; a stored `duplicate_of` is an id alone). */
export type DuplicateRef = string | null | { id: string; type: 'lead' | 'merchant' };

/**
 * Which of the ids a lead names as its duplicate the caller may read. A duplicate is found across the whole country,
 * so it may be a lead or merchant outside the caller's scope: naming it would disclose that it exists. Leads are
 * checked against this service's rows in the caller's scope, the rest asked of the merchant service with the
 * caller's token (a duplicate known to be a merchant is asked of it straight away); a merchant service that cannot be
 * reached shows none (a read never fails for this).
 */
export async function readableDuplicates(
  ctx: LeadsContext,
  { caller, scope }: Access,
  refs: readonly DuplicateRef[],
): Promise<ReadableDuplicates> {
  const leads = new Set<string>();
  const merchants = new Set<string>();
  const untyped = new Set<string>();
  for (const ref of refs) {
    if (typeof ref === 'string') untyped.add(ref);
    else if (ref) (ref.type === 'lead' ? leads : merchants).add(ref.id);
  }
  const readable = new Set<string>();
  const leadIds = [...new Set([...leads, ...untyped])];
  if (leadIds.length > 0) for (const lead of await leadRepository.visibleMany(ctx.db, leadIds, scope)) readable.add(lead.id);
  // An id of unknown type that is no readable lead may still be a merchant the caller can read.
  for (const id of untyped) if (!readable.has(id)) merchants.add(id);
  if (merchants.size === 0) return readable;
  try {
    const answer = await ctx.rpc.client(MerchantService).batchGetMerchants({ ids: [...merchants] }, asCaller(caller.token));
    for (const merchant of answer.merchants) readable.add(merchant.id);
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof ConnectError)) throw error;
    if (!(error instanceof ConnectError && error.code === Code.PermissionDenied)) {
      ctx.log.warn({ err: error }, 'BatchGetMerchants failed; merchant duplicates are not shown');
    }
  }
  return readable;
}

/** The lead's `duplicateOf` as the caller may see it: null when they may not read it. */
export function shownDuplicateOf(duplicateOf: string | null, readable: ReadableDuplicates): string | null {
  return duplicateOf !== null && readable.has(duplicateOf) ? duplicateOf : null;
}

/**
 * An import's report as the importer may see it: a duplicate or merged-into record they may not read is not named
 * (nor, in the reasons, its name); that the row matched one is still said.
 */
export async function shownImportReport(ctx: LeadsContext, access: Access, report: ImportReport): Promise<ImportReport> {
  const merged = (row: ImportRowReport) => (row.status === 'merged' ? row.leadId : undefined);
  const readable = await readableDuplicates(
    ctx,
    access,
    report.rows.flatMap((row) => [row.duplicateOf ?? null, merged(row) ?? null]),
  );
  const hidden = (id: string | undefined): id is string => id !== undefined && !readable.has(id);
  const rows = report.rows.map((row) => {
    const hide = [row.duplicateOf, merged(row)].filter(hidden);
    if (hide.length === 0) return row;
    const { duplicateOf, leadId, ...rest } = row;
    return {
      ...rest,
      ...(duplicateOf !== undefined && !hidden(duplicateOf) ? { duplicateOf } : {}),
      ...(leadId !== undefined && !hide.includes(leadId) ? { leadId } : {}),
      reasons: row.reasons.map((reason) => (hide.some((id) => reason.includes(id)) ? 'duplicate of a record you cannot see' : reason)),
    };
  });
  return { ...report, rows };
}
