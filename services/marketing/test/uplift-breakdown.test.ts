import { describe, expect, it } from 'vitest';
import { upliftByGroup } from '../src/app/uplift-breakdown';
import type { MemberRow } from '../src/db/member.repository';

function member(id: string, cohort: MemberRow['cohort'], area: string | null, owner: string | null): MemberRow {
  return {
    campaign_id: 'c',
    merchant_id: id,
    cohort,
    stratum: `${area}|B`,
    merchant_name: id,
    country: 'SG',
    area_id: area,
    tier: 'B',
    owner_id: owner,
    org_unit_id: null,
    agency_id: null,
    lat: 1.3,
    lng: 103.8,
  };
}

describe('uplift per group', () => {
  // East: treated merchants doubled their orders, held-out ones stayed flat. West: nobody changed.
  const members = [
    member('e1', 'treated', 'east', 'ana'),
    member('e2', 'treated', 'east', 'ana'),
    member('e3', 'held-out', 'east', 'ben'),
    member('e4', 'held-out', 'east', 'ben'),
    member('w1', 'treated', 'west', 'ana'),
    member('w2', 'treated', 'west', 'ben'),
    member('w3', 'held-out', 'west', 'ben'),
    member('w4', 'held-out', 'west', null),
    member('x1', 'treated', null, null),
  ];
  const before = new Map(members.map((m) => [m.merchant_id, { orders: 10, gmvMinor: 1000 }]));
  const after = new Map(
    members.map((m) => [m.merchant_id, { orders: m.merchant_id.startsWith('e') && m.cohort === 'treated' ? 21 : 10, gmvMinor: 1000 }]),
  );

  it('estimates each area on its own merchants: the treated area shows its effect, the other none', () => {
    const byArea = upliftByGroup(members, (m) => m.area_id, before, after);
    const east = byArea.find((g) => g.id === 'east');
    const west = byArea.find((g) => g.id === 'west');
    expect(east?.orders.relative?.estimate).toBeCloseTo(1, 5);
    expect(east?.orders.treated).toEqual({ merchants: 2, before: 20, after: 42 });
    expect(west?.orders.relative).toEqual({ estimate: 0, low: 0, high: 0 });
  });

  it('a group without two merchants on each side has no estimate, and every member is in exactly one group', () => {
    const byRep = upliftByGroup(members, (m) => m.owner_id, before, after);
    expect(byRep.reduce((s, g) => s + g.orders.treated.merchants + g.orders.heldOut.merchants, 0)).toBe(members.length);
    const unowned = byRep.find((g) => g.id === null);
    expect(unowned?.orders.relative).toBeNull();
    expect(unowned?.orders.absolute).toBeNull();
    // Largest groups first.
    expect(byRep.map((g) => g.id)).toEqual(['ben', 'ana', null]);
  });
});
