import { Code, ConnectError } from '@connectrpc/connect';
import { PoiService } from '@fieldops/contracts';
import { isServiceUnreachable, ServiceUnavailableError, UnprocessableError } from '@fieldops/platform';
import type { LeadsContext } from '../config';

type CallOptions = { headers: Record<string, string> };

const NOT_VISIBLE = new Set([Code.NotFound, Code.InvalidArgument, Code.PermissionDenied]);
/** Merges chain at most this deep; a longer chain (or a loop) is treated as not found. */
const MAX_MERGE_HOPS = 5;

async function placeAs(ctx: LeadsContext, id: string, callAs: CallOptions) {
  try {
    return (await ctx.rpc.client(PoiService).getPlace({ id }, callAs)).place ?? null;
  } catch (error) {
    if (error instanceof ConnectError && NOT_VISIBLE.has(error.code)) return null;
    if (isServiceUnreachable(error)) {
      throw new ServiceUnavailableError('The poi service cannot be reached to check the place; try again later.');
    }
    throw error;
  }
}

/**
 * A place the caller names (the merchant a lead converts into stands there), read from the poi service with the
 * caller's token so its scope applies: one they may not see, or of another country than the lead, is a 422 naming
 * `field`. Answers the id to keep: a merged place's survivor.
 */
export async function referencedPlaceId(
  ctx: LeadsContext,
  id: string,
  country: string,
  callAs: CallOptions,
  field: string,
): Promise<string> {
  let current = id;
  for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
    const place = await placeAs(ctx, current, callAs);
    if (!place) break;
    if (!place.mergedInto) {
      if (place.country === country) return place.id;
      throw new UnprocessableError('The place is in another country.', [
        { field, message: `is a place in ${place.country}; the lead is in ${country}` },
      ]);
    }
    current = place.mergedInto;
  }
  throw new UnprocessableError('The place was not found.', [{ field, message: 'is not a place you can see' }]);
}
