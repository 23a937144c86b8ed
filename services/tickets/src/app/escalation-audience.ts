import { areaServiceReachable } from '@fieldops/area-client';
import { AccountService, AreaService } from '@fieldops/contracts';
import type { TicketsContext } from '../config';
import type { TicketRow } from '../db/ticket.repository';
import type { EscalationAudience } from '../domain/sla';

/** The role an escalation audience is held by (the account service's built-in roles). */
const ROLE_OF: Record<EscalationAudience, string> = { 'team-lead': 'team_lead', 'city-manager': 'city_manager' };

/**
 * Who an escalation level tells: the managers assigned to the areas covering the ticket's point (area service),
 * those holding the audience's role (account service); without such a holder, the managers of the level-th nearest
 * area that has any. Read as this service, outside any transaction. Empty when the ticket has no point.
 */
export async function escalationAudience(
  ctx: TicketsContext,
  ticket: Pick<TicketRow, 'lat' | 'lng'>,
  audience: EscalationAudience,
  level: number,
): Promise<string[]> {
  if (ticket.lat === null || ticket.lng === null || !areaServiceReachable(ctx)) return [];
  const call = await ctx.asService();
  const { managers } = await ctx.rpc.client(AreaService).coveringReps({ point: { lat: ticket.lat, lng: ticket.lng } }, call);
  const ids = [...new Set(managers.map((m) => m.userId))];
  if (ids.length === 0) return [];
  const { users } = await ctx.rpc.client(AccountService).batchGetUsers({ ids }, call);
  const holders = users.filter((u) => u.status === 'active' && u.roleNames.includes(ROLE_OF[audience])).map((u) => u.id);
  if (holders.length > 0) return holders;
  const byArea = new Map<string, string[]>();
  for (const m of managers) byArea.set(m.areaId, [...(byArea.get(m.areaId) ?? []), m.userId]);
  const groups = [...byArea.values()];
  return groups[Math.min(level, groups.length) - 1] ?? [];
}
