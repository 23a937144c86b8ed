import type { ResolverContext } from './bff-context';
import { me } from './detail-resolvers';
import type { LeadView, MerchantView, PlanStopView } from './views';
import { listVisits, newest } from './visit-source';

const TARGETS = 100;
/** A rep's open tickets: more than a day's work. */
const OPEN_TICKETS = 50;
const LAST_VISITS = 5;
/** A team's visits of one day: at most this many pages of 200. */
const TEAM_VISIT_PAGES = 5;

/** YYYY-MM-DD of an instant on the clock of a time zone. */
function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * When a ticket is due as the day's screen sees it: overdue once its SLA breach has passed, today when it breaches
 * on that day of the country's calendar, later after it, none without a running SLA clock.
 */
export function dueOf(breachAt: string | null, date: string, timeZone: string, now: Date): 'overdue' | 'today' | 'later' | 'none' {
  if (!breachAt) return 'none';
  const at = new Date(breachAt);
  if (at.getTime() <= now.getTime()) return 'overdue';
  return dayIn(timeZone, at) <= date ? 'today' : 'later';
}

export const dayResolvers = {
  myDay: async (_root: unknown, args: { date?: string | null }, ctx: ResolverContext) => {
    const { user } = await me(ctx);
    const { timezone } = ctx.countries.get(user.country);
    const date = args.date ?? dayIn(timezone, ctx.now);
    const [plan, merchants, leads, visits, tickets] = await Promise.all([
      // 404: no plan for that day.
      ctx.rest.find<{ stops: PlanStopView[] }>(`/api/v1/plans/${encodeURIComponent(date)}?coords=WGS84`),
      ctx.rest.get<{ items: MerchantView[] }>(`/api/v1/merchants?ownerId=${user.id}&limit=${TARGETS}&coords=WGS84`),
      ctx.rest.get<{ items: LeadView[] }>(`/api/v1/leads?pool=mine&limit=${TARGETS}&coords=WGS84`),
      listVisits(ctx, { repId: user.id, date }),
      ctx.rest.get<{ items: { slaBreachAt: string | null }[] }>(
        `/api/v1/tickets?state=open&assigneeId=${user.id}&sort=breach&limit=${OPEN_TICKETS}`,
      ),
    ]);
    const visited = new Set(visits.map((visit) => `${visit.targetType}:${visit.targetId}`));
    const stops = (plan?.stops ?? []).map((stop, index) => ({
      ...stop,
      sequence: index + 1,
      visited: visited.has(`${stop.targetType}:${stop.targetId}`),
    }));
    return {
      date,
      plan: stops,
      merchants: merchants.items,
      leads: leads.items,
      lastVisits: newest(visits, LAST_VISITS),
      tickets: tickets.items.map((ticket) => ({ ticket, due: dueOf(ticket.slaBreachAt, date, timezone, ctx.now) })),
    };
  },

  team: async (_root: unknown, args: { date?: string | null }, ctx: ResolverContext) => {
    const { user } = await me(ctx);
    const date = args.date ?? dayIn(ctx.countries.get(user.country).timezone, ctx.now);
    const [users, roles, visits] = await Promise.all([
      ctx.rest.get<{ items: { id: string; name: string; email: string; country: string; orgUnitId: string; roleIds: string[] }[] }>(
        '/api/v1/users?limit=200',
      ),
      ctx.rest.get<{ items: { id: string; name: string }[] }>('/api/v1/roles?limit=200'),
      listVisits(ctx, { date }, TEAM_VISIT_PAGES),
    ]);
    const fieldRoles = new Set(roles.items.filter((role) => role.name === 'rep' || role.name === 'agency_rep').map((role) => role.id));
    return users.items
      .filter((member) => member.roleIds.some((roleId) => fieldRoles.has(roleId)))
      .map((member) => {
        const own = visits.filter((visit) => visit.repId === member.id);
        // Oldest first: the last is the latest check-in.
        return { user: member, visits: own, lastCheckIn: own[own.length - 1] ?? null };
      });
  },
};
