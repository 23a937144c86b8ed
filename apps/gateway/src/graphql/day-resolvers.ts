import type { ResolverContext } from './bff-context';
import { me, visitsWhere } from './detail-resolvers';
import type { PlanStopView } from './entity-resolvers';
import type { LeadView, MerchantView } from './views';

const TARGETS = 100;
const LAST_VISITS = 5;

/** YYYY-MM-DD of an instant on the clock of a time zone. */
function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export const dayResolvers = {
  myDay: async (_root: unknown, args: { date?: string | null }, ctx: ResolverContext) => {
    const { user } = await me(ctx);
    const date = args.date ?? dayIn(ctx.countries.get(user.country).timezone, ctx.now);
    const [plan, merchants, leads, lastVisits] = await Promise.all([
      ctx.rest.find<{ stops?: PlanStopView[] }>(`/api/v1/plans/${encodeURIComponent(date)}`),
      ctx.rest.get<{ items: MerchantView[] }>(`/api/v1/merchants?ownerId=${user.id}&limit=${TARGETS}&coords=WGS84`),
      ctx.rest.get<{ items: LeadView[] }>(`/api/v1/leads?pool=mine&limit=${TARGETS}&coords=WGS84`),
      visitsWhere(ctx, { repId: user.id, limit: String(LAST_VISITS) }),
    ]);
    return { date, plan: plan?.stops ?? [], merchants: merchants.items, leads: leads.items, lastVisits };
  },

  team: async (_root: unknown, args: { date?: string | null }, ctx: ResolverContext) => {
    const { user } = await me(ctx);
    const date = args.date ?? dayIn(ctx.countries.get(user.country).timezone, ctx.now);
    const [users, roles, visits] = await Promise.all([
      ctx.rest.get<{ items: { id: string; name: string; email: string; country: string; orgUnitId: string; roleIds: string[] }[] }>(
        '/api/v1/users?limit=200',
      ),
      ctx.rest.get<{ items: { id: string; name: string }[] }>('/api/v1/roles?limit=200'),
      visitsWhere(ctx, { date, limit: '200' }),
    ]);
    const fieldRoles = new Set(roles.items.filter((role) => role.name === 'rep' || role.name === 'agency_rep').map((role) => role.id));
    return users.items
      .filter((member) => member.roleIds.some((roleId) => fieldRoles.has(roleId)))
      .map((member) => {
        const own = visits.filter((visit) => visit.repId === member.id);
        const latest = own.reduce<(typeof own)[number] | null>(
          (last, visit) => (!last || visit.checkedInAt > last.checkedInAt ? visit : last),
          null,
        );
        return { user: member, visits: own, lastCheckIn: latest };
      });
  },
};
