import { Code, ConnectError } from '@connectrpc/connect';
import { LeadsService, MerchantService, PoiService, type VisitTargetType } from '@fieldops/contracts';
import { isServiceUnreachable, ServiceUnavailableError, type SetupContext } from '@fieldops/platform';
import type { CheckinDb } from '../db/schema';

/** Where a visit happens, as the service that owns the target shows it to the caller (WGS-84). */
export interface VisitTarget {
  type: VisitTargetType;
  id: string;
  name: string;
  lat: number;
  lng: number;
  areaId: string | null;
  country: string;
}

export type CallOptions = { headers: Record<string, string> };

/**
 * The port to the services that own visit targets. Called with the CALLER's token: a target outside the caller's data
 * scope is not found, so a rep cannot check in at (or plan) a merchant, lead or place they may not see.
 */
export interface VisitTargets {
  targetOf(type: VisitTargetType, id: string, callAs: CallOptions): Promise<VisitTarget | null>;
}

const NOT_VISIBLE = new Set([Code.NotFound, Code.InvalidArgument, Code.PermissionDenied]);

/** Answers null for a target the caller cannot see; a target service that cannot be reached is a 503 (retry later). */
async function lookUp<T>(what: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConnectError && NOT_VISIBLE.has(error.code)) return null;
    if (isServiceUnreachable(error)) {
      throw new ServiceUnavailableError(`The ${what} service cannot be reached; try again later.`);
    }
    throw error;
  }
}

/** Merges chain at most this deep; a longer chain (or a loop) is treated as not found. */
const MAX_MERGE_HOPS = 5;

/** A place as the caller sees it, or the place it was merged into: a visit is made at the place that still exists. */
async function survivingPlace(ctx: SetupContext<CheckinDb>, id: string, callAs: CallOptions) {
  let current = id;
  for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
    const found = await lookUp('poi', () => ctx.rpc.client(PoiService).getPlace({ id: current }, callAs));
    const place = found?.place;
    if (!place?.mergedInto) return place ?? null;
    current = place.mergedInto;
  }
  return null;
}

/** The real adapter: MerchantService.GetMerchant, LeadsService.GetLead, PoiService.GetPlace. */
export function rpcVisitTargets(ctx: SetupContext<CheckinDb>): VisitTargets {
  return {
    async targetOf(type, id, callAs) {
      switch (type) {
        case 'merchant': {
          const found = await lookUp('merchant', () => ctx.rpc.client(MerchantService).getMerchant({ id }, callAs));
          const m = found?.merchant;
          if (!m) return null;
          return { type, id, name: m.brandName || m.legalName, lat: m.lat, lng: m.lng, areaId: m.areaId ?? null, country: m.country };
        }
        case 'lead': {
          const found = await lookUp('leads', () => ctx.rpc.client(LeadsService).getLead({ id }, callAs));
          const l = found?.lead;
          if (!l) return null;
          return { type, id, name: l.name, lat: l.lat, lng: l.lng, areaId: l.areaId ?? null, country: l.country };
        }
        case 'place': {
          const p = await survivingPlace(ctx, id, callAs);
          if (!p) return null;
          return { type, id: p.id, name: p.name, lat: p.lat, lng: p.lng, areaId: p.areaId ?? null, country: p.country };
        }
      }
    },
  };
}
