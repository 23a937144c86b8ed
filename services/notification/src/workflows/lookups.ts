import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService, AreaService, LeadsService, MerchantService } from '@fieldops/contracts';
import type { NotificationContext } from '../config';

/** A recipient as the account service knows them. */
export interface Recipient {
  userId: string;
  email: string;
  /** E.164, or '' when the user has none. */
  phone: string;
  locale: string;
  country: string;
}

/**
 * The reads workflows make through other services' RPC, as this service (no user asked): users, leads, merchants,
 * areas. A service that is not deployed answers nothing rather than failing the event.
 */
export interface Lookups {
  recipients(userIds: string[]): Promise<Recipient[]>;
  leadName(leadId: string): Promise<{ name: string; ownerId: string | null } | undefined>;
  merchantName(merchantId: string): Promise<string | undefined>;
  areaName(areaId: string): Promise<string | undefined>;
  /** The user's team leads: the leaders of their org unit, or of the nearest unit above with one (account). */
  teamLeads(userId: string): Promise<string[]>;
  /** The managers assigned to the area holding a point, nearest area first. */
  areaManagers(point: { lat: number; lng: number }): Promise<string[]>;
  /**
   * The active holders of a role (by name, e.g. 'country_manager') in an org unit or any unit below it (account; at
   * most 1,000). None when the unit is unknown.
   */
  usersWithRole(orgUnitId: string, roleName: string): Promise<string[]>;
}

/** BatchGetUsers' limit per call. */
const USERS_PER_CALL = 500;

function reachable(ctx: NotificationContext, service: string): boolean {
  return ctx.rpc.isLocal(service) || ctx.config.serviceUrls[service] !== undefined;
}

async function orUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.NotFound) return undefined;
    throw error;
  }
}

export function rpcLookups(ctx: NotificationContext): Lookups {
  const as = () => ctx.asService();
  return {
    async recipients(userIds) {
      const ids = [...new Set(userIds)];
      if (ids.length === 0) return [];
      const users = [];
      // The account service answers at most this many users per call: a wider audience is asked for in slices.
      for (let i = 0; i < ids.length; i += USERS_PER_CALL) {
        users.push(...(await ctx.rpc.client(AccountService).batchGetUsers({ ids: ids.slice(i, i + USERS_PER_CALL) }, await as())).users);
      }
      return users
        .filter((u) => u.status === 'active')
        .map((u) => ({ userId: u.id, email: u.email, phone: u.phone, locale: u.locale, country: u.country }));
    },
    async leadName(leadId) {
      if (!reachable(ctx, 'leads')) return undefined;
      const answer = await orUndefined(async () => ctx.rpc.client(LeadsService).getLead({ id: leadId }, await as()));
      return answer?.lead ? { name: answer.lead.name, ownerId: answer.lead.ownerId ?? null } : undefined;
    },
    async merchantName(merchantId) {
      if (!reachable(ctx, 'merchant')) return undefined;
      const answer = await orUndefined(async () => ctx.rpc.client(MerchantService).getMerchant({ id: merchantId }, await as()));
      return answer?.merchant ? answer.merchant.brandName || answer.merchant.legalName : undefined;
    },
    async areaName(areaId) {
      if (!reachable(ctx, 'area')) return undefined;
      const answer = await orUndefined(async () => ctx.rpc.client(AreaService).getArea({ id: areaId }, await as()));
      return answer?.area?.name;
    },
    async teamLeads(userId) {
      const answer = await orUndefined(async () => ctx.rpc.client(AccountService).getTeamLeads({ userId }, await as()));
      return answer?.teamLeads.filter((u) => u.status === 'active').map((u) => u.id) ?? [];
    },
    async areaManagers(point) {
      if (!reachable(ctx, 'area')) return [];
      const answer = await ctx.rpc.client(AreaService).coveringReps({ point }, await as());
      return answer.managers.map((m) => m.userId);
    },
    async usersWithRole(orgUnitId, roleName) {
      const answer = await orUndefined(async () => ctx.rpc.client(AccountService).listUsersWithRole({ orgUnitId, roleName }, await as()));
      if (answer?.truncated)
        ctx.log.warn({ orgUnitId, roleName }, 'more holders of the role than one call answers: the first 1,000 are told');
      return answer?.users.map((u) => u.id) ?? [];
    },
  };
}
