import type { ResolverContext } from './bff-context';
import {
  areaView,
  type LeadView,
  leadFromRpc,
  type MerchantView,
  merchantFromRpc,
  type PlanStopView,
  placeView,
  userView,
  type VisitView,
} from './views';

type Ctx = ResolverContext;

async function userOf(id: string | null, { loaders }: Ctx) {
  if (!id) return null;
  const user = await loaders.users.load(id);
  return user ? userView(user) : null;
}

async function areaOf(id: string | null, { loaders }: Ctx) {
  if (!id) return null;
  const area = await loaders.areas.load(id);
  return area ? areaView(area) : null;
}

export interface HistoryEntryView {
  id: string;
  type: string;
  time: string;
  actor: string | null;
  data: unknown;
}

/** Links between records: each goes through the request's loaders, so a list of N items costs one batch per kind. */
export const entityResolvers = {
  Merchant: {
    owner: (merchant: MerchantView, _args: unknown, ctx: Ctx) => userOf(merchant.ownerId, ctx),
    area: (merchant: MerchantView, _args: unknown, ctx: Ctx) => areaOf(merchant.areaId, ctx),
    place: async (merchant: MerchantView, _args: unknown, { loaders }: Ctx) => {
      if (!merchant.placeId) return null;
      const place = await loaders.places.load(merchant.placeId);
      return place ? placeView(place) : null;
    },
  },
  Lead: {
    owner: (lead: LeadView, _args: unknown, ctx: Ctx) => userOf(lead.ownerId, ctx),
    area: (lead: LeadView, _args: unknown, ctx: Ctx) => areaOf(lead.areaId, ctx),
  },
  PoolState: {
    owner: (state: { ownerId: string | null }, _args: unknown, ctx: Ctx) => userOf(state.ownerId, ctx),
  },
  Visit: {
    rep: (visit: VisitView, _args: unknown, ctx: Ctx) => userOf(visit.repId, ctx),
  },
  HistoryEntry: {
    actor: (entry: HistoryEntryView, _args: unknown, ctx: Ctx) => userOf(entry.actor, ctx),
    data: (entry: HistoryEntryView) => JSON.stringify(entry.data ?? null),
  },
  PlanStop: {
    merchant: async (stop: PlanStopView, _args: unknown, { loaders }: Ctx) => {
      if (stop.targetType !== 'merchant') return null;
      const merchant = await loaders.merchants.load(stop.targetId);
      return merchant ? merchantFromRpc(merchant) : null;
    },
    lead: async (stop: PlanStopView, _args: unknown, { loaders }: Ctx) => {
      if (stop.targetType !== 'lead') return null;
      const lead = await loaders.leads.load(stop.targetId);
      return lead ? leadFromRpc(lead) : null;
    },
  },
};
