import { Code, ConnectError } from '@connectrpc/connect';
import { FileService, PoiService } from '@fieldops/contracts';
import { type FieldProblem, isServiceUnreachable, ServiceUnavailableError, UnprocessableError } from '@fieldops/platform';
import type { MerchantContext } from '../config';

type CallAs = () => Promise<{ headers: Record<string, string> }>;

/** What a merchant points at, as the client sent it; absent fields are not checked. */
export interface MerchantReferences {
  /** The merchant's country: a referenced place must be in it. */
  country: string;
  placeId?: string | null | undefined;
  documents?: readonly string[] | undefined;
  /** Documents the merchant lists already (checked when they were added, and readable through it since). */
  linkedDocuments?: readonly string[];
}

const NOT_VISIBLE = new Set([Code.NotFound, Code.InvalidArgument, Code.PermissionDenied]);
/** Merges chain at most this deep; a longer chain (or a loop) is treated as not found. */
const MAX_MERGE_HOPS = 5;

/** Null when the caller may not see it; a service that cannot be reached is a 503 (nothing is written). */
async function lookUp<T>(what: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConnectError && NOT_VISIBLE.has(error.code)) return null;
    if (isServiceUnreachable(error)) {
      throw new ServiceUnavailableError(`The ${what} service cannot be reached to check the merchant; try again later.`);
    }
    throw error;
  }
}

async function documentProblems(ctx: MerchantContext, refs: MerchantReferences, callAs: CallAs): Promise<FieldProblem[]> {
  const linked = new Set(refs.linkedDocuments ?? []);
  const added = [...new Set((refs.documents ?? []).filter((id) => !linked.has(id)))];
  if (added.length === 0) return [];
  const found = await lookUp('file', async () => ctx.rpc.client(FileService).batchGetFiles({ ids: added }, await callAs()));
  const readable = new Set((found?.files ?? []).map((f) => f.id));
  return (refs.documents ?? []).flatMap((id, i) =>
    linked.has(id) || readable.has(id) ? [] : [{ field: `/body/documents/${i}`, message: 'is not a file you can read' }],
  );
}

/** The place as the caller sees it, following merges to the place that stays; null when not visible. */
async function survivingPlace(ctx: MerchantContext, id: string, callAs: CallAs) {
  let current = id;
  for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
    const found = await lookUp('poi', async () => ctx.rpc.client(PoiService).getPlace({ id: current }, await callAs()));
    const place = found?.place;
    if (!place?.mergedInto) return place ?? null;
    current = place.mergedInto;
  }
  return null;
}

/**
 * Checks what a merchant refers to through the services that own it, with the CALLER's token, so each applies the
 * caller's scope: listing a file makes it readable to whoever may read the merchant, so only files the caller may read
 * are taken; a place must be one the caller may see, in the merchant's country. All problems come in one 422, naming
 * each field. Answers the place id to store (a merged place's survivor).
 */
export async function checkMerchantReferences(
  ctx: MerchantContext,
  refs: MerchantReferences,
  callAs: CallAs,
): Promise<{ placeId: string | null | undefined }> {
  const problems = await documentProblems(ctx, refs, callAs);
  let placeId = refs.placeId;
  if (refs.placeId) {
    const place = await survivingPlace(ctx, refs.placeId, callAs);
    if (!place) problems.push({ field: '/body/placeId', message: 'is not a place you can see' });
    else if (place.country !== refs.country) {
      problems.push({ field: '/body/placeId', message: `is a place in ${place.country}; the merchant is in ${refs.country}` });
    } else placeId = place.id;
  }
  if (problems.length > 0) throw new UnprocessableError('The merchant refers to records you cannot use.', problems);
  return { placeId };
}
