import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService, AreaService } from '@fieldops/contracts';
import { type Access, asCaller } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import type { MemberRow } from '../db/member.repository';
import { type BeforeAfter, measureUplift, type Uplift } from '../domain/uplift';

type Figures = Map<string, { orders: number; gmvMinor: number }>;

export interface UpliftGroup {
  /** The area or rep id; null groups the merchants without one. */
  id: string | null;
  name: string | null;
  orders: Uplift;
  gmvMinor: Uplift;
}

/** Orders and GMV uplift of each group of members (by area, by owning rep): the same estimate, within the group. */
export function upliftByGroup(
  members: readonly MemberRow[],
  keyOf: (member: MemberRow) => string | null,
  before: Figures,
  after: Figures,
): Omit<UpliftGroup, 'name'>[] {
  const groups = new Map<string | null, MemberRow[]>();
  for (const member of members) {
    const key = keyOf(member);
    groups.set(key, [...(groups.get(key) ?? []), member]);
  }
  const of = (group: MemberRow[], key: 'orders' | 'gmvMinor', cohort: MemberRow['cohort']): BeforeAfter[] =>
    group
      .filter((m) => m.cohort === cohort)
      .map((m) => ({ before: before.get(m.merchant_id)?.[key] ?? 0, after: after.get(m.merchant_id)?.[key] ?? 0 }));
  return [...groups]
    .map(([id, group]) => ({
      id,
      orders: measureUplift(of(group, 'orders', 'treated'), of(group, 'orders', 'held-out')),
      gmvMinor: measureUplift(of(group, 'gmvMinor', 'treated'), of(group, 'gmvMinor', 'held-out')),
    }))
    .sort((a, b) => b.orders.treated.merchants + b.orders.heldOut.merchants - (a.orders.treated.merchants + a.orders.heldOut.merchants));
}

const notVisible = (error: unknown) =>
  error instanceof ConnectError &&
  (error.code === Code.NotFound || error.code === Code.InvalidArgument || error.code === Code.PermissionDenied);

/** Names of the areas and reps the caller may read (others stay unnamed rather than leak). */
export async function groupNames(ctx: MarketingContext, access: Access, areaIds: string[], ownerIds: string[]) {
  const as = asCaller(access.caller.token);
  const areas = new Map<string, string>();
  await Promise.all(
    areaIds.map(async (id) => {
      const answer = await ctx.rpc
        .client(AreaService)
        .getArea({ id }, as)
        .catch((error: unknown) => {
          if (notVisible(error)) return undefined;
          throw error;
        });
      if (answer?.area) areas.set(id, answer.area.name);
    }),
  );
  const owners = new Map<string, string>();
  if (ownerIds.length > 0) {
    const { users } = await ctx.rpc.client(AccountService).batchGetUsers({ ids: ownerIds }, as);
    for (const user of users) owners.set(user.id, user.name);
  }
  return { areas, owners };
}
