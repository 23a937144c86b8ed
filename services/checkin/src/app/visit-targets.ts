import { Code, ConnectError } from '@connectrpc/connect';
import { LeadsService, MerchantService, PoiService, type VisitTargetType } from '@fieldops/contracts';
import { ConfigError, ServiceUnavailableError, type SetupContext } from '@fieldops/platform';
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
    if (error instanceof ConfigError || (error instanceof ConnectError && error.code === Code.Unavailable)) {
      throw new ServiceUnavailableError(`The ${what} service cannot be reached; try again later.`);
    }
    throw error;
  }
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
          const found = await lookUp('poi', () => ctx.rpc.client(PoiService).getPlace({ id }, callAs));
          const p = found?.place;
          if (!p) return null;
          return { type, id, name: p.name, lat: p.lat, lng: p.lng, areaId: p.areaId ?? null, country: p.country };
        }
      }
    },
  };
}
