import { describe, expect, it } from 'vitest';
import { judgeDuplicate } from '../src/domain/lead-duplicate';
import {
  assign,
  claim,
  claimLimitFor,
  DAY_MS,
  followUp,
  isExpired,
  needsRecycleWarning,
  type PoolPolicy,
  type PoolState,
  recycle,
  release,
} from '../src/domain/lead-pool';
import { canMoveStage } from '../src/domain/lead-stage';
import { NeighbourhoodGrid } from '../src/domain/neighbourhood-grid';

const policy: PoolPolicy = { claimLimit: 3, protectionDays: 15, protectionMaxDays: 45, warningDays: 3, cooldownDays: 7 };
const T0 = Date.UTC(2026, 0, 5);
const publicLead: PoolState = { ownerId: null, stage: 'new', claimedAt: null, protectedUntil: null, warnedFor: null };
const rep = { userId: 'rep-1', held: 0, lostAt: null };

function claimed(at = T0): PoolState {
  const d = claim(publicLead, rep, policy, at);
  if (!d.ok) throw new Error(d.message);
  return { ...publicLead, ownerId: d.ownerId, claimedAt: d.claimedAt, protectedUntil: d.protectedUntil };
}

describe('the pool state machine', () => {
  it('a claim protects the lead for D days', () => {
    expect(claim(publicLead, rep, policy, T0)).toMatchObject({
      ok: true,
      ownerId: 'rep-1',
      pool: 'private',
      protectedUntil: T0 + 15 * DAY_MS,
    });
  });

  it('a held lead cannot be claimed by another rep nor again by its holder', () => {
    expect(claim(claimed(), { ...rep, userId: 'rep-2' }, policy, T0)).toMatchObject({ ok: false, code: 'taken' });
    expect(claim(claimed(), rep, policy, T0)).toMatchObject({ ok: false, code: 'already-yours' });
  });

  it('a rep at the limit cannot claim another lead', () => {
    expect(claim(publicLead, { ...rep, held: 3 }, policy, T0)).toMatchObject({ ok: false, code: 'limit' });
  });

  it('a rep who lost a lead waits C days before re-claiming it', () => {
    expect(claim(publicLead, { ...rep, lostAt: T0 }, policy, T0 + 6 * DAY_MS)).toMatchObject({ ok: false, code: 'cooldown' });
    expect(claim(publicLead, { ...rep, lostAt: T0 }, policy, T0 + 7 * DAY_MS)).toMatchObject({ ok: true });
  });

  it('only the holder releases', () => {
    expect(release(claimed(), 'rep-2')).toMatchObject({ ok: false, code: 'not-yours' });
    expect(release(claimed(), 'rep-1')).toMatchObject({ ok: true, ownerId: null, pool: 'public' });
  });

  it('a follow-up extends protection by D days but never past the hard maximum', () => {
    const lead = claimed();
    expect(followUp(lead, 'rep-1', policy, T0 + 10 * DAY_MS)).toMatchObject({ ok: true, protectedUntil: T0 + 25 * DAY_MS });
    expect(followUp(lead, 'rep-1', policy, T0 + 40 * DAY_MS)).toMatchObject({ ok: true, protectedUntil: T0 + 45 * DAY_MS });
    expect(followUp(lead, 'rep-2', policy, T0)).toMatchObject({ ok: false, code: 'not-yours' });
  });

  it('an expired lead is recycled to the public pool, a protected one is not', () => {
    const lead = claimed();
    expect(isExpired(lead, T0 + 15 * DAY_MS - 1)).toBe(false);
    expect(recycle(lead, T0 + 15 * DAY_MS - 1)).toMatchObject({ ok: false });
    expect(recycle(lead, T0 + 15 * DAY_MS)).toMatchObject({ ok: true, ownerId: null, pool: 'public' });
  });

  it('the recycle warning is due W days before expiry, once per protection period', () => {
    const lead = claimed();
    expect(needsRecycleWarning(lead, policy, T0 + 11 * DAY_MS)).toBe(false);
    expect(needsRecycleWarning(lead, policy, T0 + 12 * DAY_MS)).toBe(true);
    expect(needsRecycleWarning({ ...lead, warnedFor: lead.protectedUntil }, policy, T0 + 13 * DAY_MS)).toBe(false);
  });

  it('a manager assigns within the rep’s limit, also away from another rep', () => {
    expect(assign(claimed(), { userId: 'rep-2', held: 0, lostAt: null }, policy, T0)).toMatchObject({ ok: true, ownerId: 'rep-2' });
    expect(assign(publicLead, { userId: 'rep-2', held: 3, lostAt: null }, policy, T0)).toMatchObject({ ok: false, code: 'limit' });
  });
});

describe('stages', () => {
  it('move forward or to lost, never to converted by hand', () => {
    expect(canMoveStage('new', 'qualified')).toBe(true);
    expect(canMoveStage('qualified', 'contacted')).toBe(false);
    expect(canMoveStage('negotiating', 'lost')).toBe(true);
    expect(canMoveStage('won', 'converted')).toBe(false);
    expect(canMoveStage('lost', 'new')).toBe(true);
  });
});

describe('neighbourhood grid', () => {
  const east = (lat: number, metres: number) => ({ lat, lng: 10 + metres / (111_320 * Math.cos((lat * Math.PI) / 180)) });
  it('finds every item within the radius at any latitude, and the same phone anywhere', () => {
    for (const lat of [1.3, -23.5, 31.2, 60]) {
      const grid = new NeighbourhoodGrid<string>(300);
      grid.add(east(lat, 290), null, 'east');
      grid.add({ lat: lat + 290 / 111_320, lng: 10 }, null, 'north');
      grid.add(east(lat, 5000), '+6590000000', 'far, same phone');
      grid.add(east(lat, 5000), null, 'far');
      expect(grid.candidates({ lat, lng: 10 }, '+6590000000').sort(), String(lat)).toEqual(['east', 'far, same phone', 'north']);
      expect(grid.candidates({ lat, lng: 10 }, null).sort()).toEqual(['east', 'north']);
    }
  });
});

describe('claim limit by role', () => {
  it('is the country’s limit unless a role of the holder has its own; the largest of those wins', () => {
    const byRole = { team_lead: 200, trainee: 20 };
    expect(claimLimitFor(100, byRole, ['rep'])).toBe(100);
    expect(claimLimitFor(100, byRole, ['rep', 'team_lead'])).toBe(200);
    expect(claimLimitFor(100, byRole, ['trainee'])).toBe(20);
    expect(claimLimitFor(100, byRole, ['trainee', 'team_lead'])).toBe(200);
    expect(claimLimitFor(100, {}, [])).toBe(100);
  });
});

describe('duplicate judgement', () => {
  it('the same name at the same spot is strong; the same phone with another name nearby is weak', () => {
    expect(judgeDuplicate({ nameSimilarity: 1, samePhone: false, distance: 10 })?.strength).toBe('strong');
    expect(judgeDuplicate({ nameSimilarity: 0.2, samePhone: true, distance: 10 })?.strength).toBe('weak');
    expect(judgeDuplicate({ nameSimilarity: 0.2, samePhone: false, distance: 10 })).toBeUndefined();
  });
});
