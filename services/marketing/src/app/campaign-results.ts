import { localDateTime } from '@fieldops/countries';
import { type Access, asCaller } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { enrollmentRepository } from '../db/enrollment.repository';
import { memberRepository } from '../db/member.repository';
import { type BeforeAfter, measureUplift } from '../domain/uplift';
import { limitOf } from './campaign-view';
import { figuresBetween } from './segment';
import { groupNames, upliftByGroup } from './uplift-breakdown';
import { visibleCampaign } from './visible-campaign';

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD calendar day moved by whole days. */
const addCalendarDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Equal windows of local days either side of the launch: after = launch day … yesterday (or the last day). */
export function upliftWindows(launchedAt: number, endsAt: number, now: number, timezone: string) {
  const launchDay = localDateTime(launchedAt, timezone).date;
  const lastDay = localDateTime(Math.min(now - DAY_MS, endsAt), timezone).date;
  if (lastDay < launchDay) return undefined;
  const days = Math.round((Date.parse(lastDay) - Date.parse(launchDay)) / DAY_MS) + 1;
  return {
    days,
    before: { from: addCalendarDays(launchDay, -days), to: addCalendarDays(launchDay, -1) },
    after: { from: launchDay, to: lastDay },
  };
}

/**
 * A campaign's results: the funnel (segment → invited → visited → accepted), cost against budget, and the uplift of
 * treated over held-out merchants on the performance service's orders and GMV, before vs after the launch.
 */
export async function campaignResults(ctx: MarketingContext, access: Access, id: string) {
  const campaign = await visibleCampaign(ctx, access, id);
  const members = await memberRepository.ofCampaign(ctx.db, id);
  const enrollments = await enrollmentRepository.ofCampaign(ctx.db, id);
  const count = (state: string) => enrollments.filter((e) => e.state === state).length;
  const funnel = {
    segment: members.length,
    heldOut: members.filter((m) => m.cohort === 'held-out').length,
    invited: enrollments.length,
    visited: enrollments.filter((e) => e.visited_at !== null || e.channel === 'on-site').length,
    accepted: count('accepted'),
    declined: count('declined'),
    expired: count('expired'),
  };
  const cost = {
    currency: campaign.currency,
    budgetMinor: campaign.budget_minor,
    spentMinor: enrollments.reduce((sum, e) => sum + e.cost_minor, 0),
    limit: limitOf(campaign),
    accepted: campaign.accepted,
  };
  const windows =
    campaign.launched_at === null
      ? undefined
      : upliftWindows(campaign.launched_at, campaign.ends_at, ctx.clock.now(), ctx.countries.get(campaign.country).timezone);
  if (!windows) return { campaignId: id, funnel, cost, uplift: null };

  const ids = members.map((m) => m.merchant_id);
  const [before, after] = await Promise.all([
    figuresBetween(ctx, asCaller(access.caller.token), ids, windows.before.from, windows.before.to),
    figuresBetween(ctx, asCaller(access.caller.token), ids, windows.after.from, windows.after.to),
  ]);
  const of = (key: 'orders' | 'gmvMinor', cohort: 'treated' | 'held-out'): BeforeAfter[] =>
    members
      .filter((m) => m.cohort === cohort)
      .map((m) => ({ before: before.get(m.merchant_id)?.[key] ?? 0, after: after.get(m.merchant_id)?.[key] ?? 0 }));
  const byArea = upliftByGroup(members, (m) => m.area_id, before, after);
  const byRep = upliftByGroup(members, (m) => m.owner_id, before, after);
  const present = (ids: (string | null)[]) => ids.filter((x): x is string => x !== null);
  const names = await groupNames(ctx, access, present(byArea.map((g) => g.id)), present(byRep.map((g) => g.id)));
  return {
    campaignId: id,
    funnel,
    cost,
    uplift: {
      windows,
      orders: measureUplift(of('orders', 'treated'), of('orders', 'held-out')),
      gmvMinor: measureUplift(of('gmvMinor', 'treated'), of('gmvMinor', 'held-out')),
      byArea: byArea.map((g) => ({ ...g, name: g.id === null ? null : (names.areas.get(g.id) ?? null) })),
      byRep: byRep.map((g) => ({ ...g, name: g.id === null ? null : (names.owners.get(g.id) ?? null) })),
    },
  };
}
