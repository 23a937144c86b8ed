import type { ResolverContext } from './bff-context';
import { campaignsOf } from './campaign-resolvers';
import type { HistoryEntryView } from './entity-resolvers';
import { openTicketsOf } from './ticket-resolvers';
import { leadFromRpc, merchantFromRpc } from './views';
import { listVisits, newest } from './visit-source';

const RECENT_VISITS = 10;
/** Visits of a target are listed oldest first; this many pages of 200 are read to find the newest. */
const TARGET_VISIT_PAGES = 5;
const HISTORY_ENTRIES = 50;

interface Me {
  user: { id: string; name: string; email: string; country: string; orgUnitId: string };
  permissions: string[];
}

export function me(ctx: ResolverContext): Promise<Me> {
  return ctx.rest.get<Me>('/api/v1/me');
}

export const detailResolvers = {
  viewer: async (_root: unknown, _args: unknown, ctx: ResolverContext) => {
    const { user, permissions } = await me(ctx);
    const policy = ctx.countries.get(user.country);
    return {
      user,
      permissions,
      country: {
        code: policy.code,
        name: policy.name,
        currency: policy.currency,
        timeZone: policy.timezone,
        locale: policy.locale,
        checkinRadiusMeters: policy.checkinRadiusMeters,
        checkinOutOfRange: policy.checkinOutOfRange,
        mapCentreLat: policy.mapCentre.lat,
        mapCentreLng: policy.mapCentre.lng,
      },
    };
  },

  merchantDetail: async (_root: unknown, { id }: { id: string }, ctx: ResolverContext) => {
    const merchant = await ctx.loaders.merchants.load(id);
    if (!merchant) return null;
    const [recentVisits, history, openTickets, campaigns] = await Promise.all([
      listVisits(ctx, { targetType: 'merchant', targetId: id }, TARGET_VISIT_PAGES).then((visits) => newest(visits, RECENT_VISITS)),
      ctx.rest.get<{ items: HistoryEntryView[] }>(`/api/v1/merchants/${encodeURIComponent(id)}/history`),
      openTicketsOf(id, ctx),
      campaignsOf(id, ctx),
    ]);
    return {
      merchant: merchantFromRpc(merchant),
      recentVisits,
      history: history.items.slice(-HISTORY_ENTRIES).reverse(),
      openTickets,
      campaigns,
    };
  },

  leadDetail: async (_root: unknown, { id }: { id: string }, ctx: ResolverContext) => {
    const found = await ctx.loaders.leads.load(id);
    if (!found) return null;
    const lead = leadFromRpc(found);
    const duplicate = lead.duplicateOf ? await ctx.loaders.leads.load(lead.duplicateOf) : undefined;
    return {
      lead,
      pool: { pool: lead.pool, ownerId: lead.ownerId, protectedUntil: lead.protectedUntil, claimable: lead.pool === 'public' },
      duplicateCandidates: duplicate ? [leadFromRpc(duplicate)] : [],
    };
  },
};
