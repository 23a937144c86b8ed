import { describe, expect, it } from 'vitest';
import { enrollmentLimit } from '../src/domain/budget';
import { moveCampaign } from '../src/domain/campaign-state';
import { splitAdded, splitHoldout } from '../src/domain/holdout';
import { signInvitation, verifyInvitation } from '../src/domain/invitation-link';
import { PAGE_TEXT } from '../src/domain/merchant-page-text';
import { matchesHitFilters } from '../src/domain/segment-filters';
import { TERMS_LOCALES, termsIn, termsLocale } from '../src/domain/terms';
import { measureUplift, normalQuantile, tQuantile, welchInterval } from '../src/domain/uplift';

/** A reproducible stream of numbers in [0, 1) (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const members = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    merchantId: `m${String(i).padStart(4, '0')}`,
    areaId: `area${i % 4}`,
    tier: ['A', 'B', 'C'][i % 3] ?? 'A',
  }));

describe('the campaign state machine', () => {
  it('goes draft → scheduled → running → ended and cancels before the end', () => {
    expect(moveCampaign('draft', 'scheduled')).toEqual({ ok: true, status: 'scheduled' });
    expect(moveCampaign('scheduled', 'running')).toEqual({ ok: true, status: 'running' });
    expect(moveCampaign('running', 'ended')).toEqual({ ok: true, status: 'ended' });
    expect(moveCampaign('running', 'cancelled').ok).toBe(true);
  });

  it('refuses a move naming from, to and what is allowed', () => {
    expect(moveCampaign('draft', 'ended')).toMatchObject({ ok: false, from: 'draft', to: 'ended', allowed: ['scheduled', 'cancelled'] });
    expect(moveCampaign('ended', 'running')).toMatchObject({ ok: false, allowed: [] });
    expect(moveCampaign('cancelled', 'draft').ok).toBe(false);
  });
});

describe('the budget limit', () => {
  it('is the cap, or what the budget pays for when that is less', () => {
    expect(enrollmentLimit({ budgetMinor: 100_000, costMinor: 5_000, cap: 50 })).toBe(20);
    expect(enrollmentLimit({ budgetMinor: 100_000, costMinor: 1_000, cap: 50 })).toBe(50);
    expect(enrollmentLimit({ budgetMinor: 0, costMinor: 0, cap: 7 })).toBe(7);
  });
});

describe('the holdout split', () => {
  it('holds out round(N × share), every stratum within one of its quota', () => {
    const split = splitHoldout(members(1000), 0.1, 'seed-1');
    expect(split.heldOut.size).toBe(100);
    for (const s of split.strata) expect(Math.abs(s.heldOut - s.members * 0.1)).toBeLessThan(1);
    expect(split.strata.length).toBe(12);
  });

  it('is the same for the same seed and another for another seed', () => {
    const a = splitHoldout(members(300), 0.1, 'seed-a');
    const again = splitHoldout([...members(300)].reverse(), 0.1, 'seed-a');
    const b = splitHoldout(members(300), 0.1, 'seed-b');
    expect([...again.heldOut].sort()).toEqual([...a.heldOut].sort());
    expect([...b.heldOut].sort()).not.toEqual([...a.heldOut].sort());
  });

  it('holds out nobody at share 0 and refuses a share of 1', () => {
    expect(splitHoldout(members(50), 0, 's').heldOut.size).toBe(0);
    expect(() => splitHoldout(members(50), 1, 's')).toThrow(RangeError);
  });
});

describe('the invitation link', () => {
  const secret = 'secret';
  it('opens its enrollment until it expires', () => {
    const token = signInvitation('e1', 2_000, secret);
    expect(verifyInvitation(token, 1_999, secret)).toEqual({ ok: true, enrollmentId: 'e1' });
    expect(verifyInvitation(token, 2_000, secret)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token changed in any part or signed with another secret', () => {
    const token = signInvitation('e1', 2_000, secret);
    expect(verifyInvitation(token.replace('e1', 'e2'), 1_000, secret).ok).toBe(false);
    expect(verifyInvitation(signInvitation('e1', 9_000, 'other'), 1_000, secret).ok).toBe(false);
    const [id, , mac] = token.split('.');
    expect(verifyInvitation(`${id}.${(9_000).toString(36)}.${mac}`, 1_000, secret)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('segment filters read off a hit', () => {
  const lastVisit = Date.parse('2026-03-01T00:00:00Z');
  it('filter by tier and by the last verified visit; never visited counts as before any date', () => {
    expect(matchesHitFilters({ tier: 'A', lastVerifiedVisitAt: null }, { tiers: ['A'] })).toBe(true);
    expect(matchesHitFilters({ tier: 'B', lastVerifiedVisitAt: null }, { tiers: ['A'] })).toBe(false);
    expect(matchesHitFilters({ tier: 'A', lastVerifiedVisitAt: lastVisit }, { lastVisitBefore: '2026-04-01T00:00:00Z' })).toBe(true);
    expect(matchesHitFilters({ tier: 'A', lastVerifiedVisitAt: lastVisit }, { lastVisitBefore: '2026-02-01T00:00:00Z' })).toBe(false);
    expect(matchesHitFilters({ tier: 'A', lastVerifiedVisitAt: null }, { lastVisitBefore: '2026-02-01T00:00:00Z' })).toBe(true);
    expect(matchesHitFilters({ tier: 'A', lastVerifiedVisitAt: null }, { lastVisitAfter: '2026-02-01T00:00:00Z' })).toBe(false);
  });
});

describe('terms in the merchant’s language', () => {
  it('picks the exact locale, then the language, then English', () => {
    const terms = { en: 'Terms', 'zh-CN': '条款', 'pt-BR': 'Termos' };
    expect(termsIn(terms, 'zh-CN')).toBe('条款');
    expect(termsIn(terms, 'pt-PT')).toBe('Termos');
    expect(termsIn(terms, 'id-ID')).toBe('Terms');
    expect(termsIn({ ...terms, id: 'Syarat' }, 'id-ID')).toBe('Syarat');
  });

  it('the merchant page speaks English, Simplified Chinese, Brazilian Portuguese and Indonesian', () => {
    expect([...TERMS_LOCALES].sort()).toEqual(['en', 'id', 'pt-BR', 'zh-CN']);
    expect(termsLocale('id-ID')).toBe('id');
    expect(PAGE_TEXT.id.accept).toBe('Terima');
    for (const locale of TERMS_LOCALES) expect(Object.keys(PAGE_TEXT[locale]).sort()).toEqual(Object.keys(PAGE_TEXT.en).sort());
  });
});

describe('merchants joining a running campaign', () => {
  it('are held out so that the whole membership keeps the share, stratified, from the campaign seed', () => {
    const all = members(120);
    const launch = splitHoldout(all.slice(0, 100), 0.1, 'seed');
    expect(launch.heldOut.size).toBe(10);
    const added = splitAdded(all.slice(100), { members: 100, heldOut: 10 }, 0.1, 'seed');
    expect(added.heldOut.size).toBe(2);
    expect(added.strata.reduce((sum, s) => sum + s.heldOut, 0)).toBe(2);
    expect(splitAdded(all.slice(100), { members: 100, heldOut: 10 }, 0.1, 'seed').heldOut).toEqual(added.heldOut);
  });

  it('one at a time, they are held out as the share comes due rather than never', () => {
    let state = { members: 0, heldOut: 0 };
    for (const m of members(40)) {
      const split = splitAdded([m], state, 0.25, 'seed');
      state = { members: state.members + 1, heldOut: state.heldOut + split.heldOut.size };
    }
    expect(state.heldOut).toBe(10);
  });

  it('hold out none when the membership already holds out its share or more', () => {
    expect(splitAdded(members(5), { members: 10, heldOut: 8 }, 0.2, 'seed').heldOut.size).toBe(0);
  });
});

describe('uplift with its interval', () => {
  it('quantiles match the tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228, 2);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042, 2);
  });

  it('Welch’s interval of identical samples is the difference itself; of noisy ones it widens', () => {
    expect(welchInterval([1, 1, 1], [0, 0, 0])).toEqual({ estimate: 1, low: 1, high: 1 });
    const w = welchInterval([1, 2, 3, 4], [0, 0.5, 1, 1.5]);
    expect(w.low).toBeLessThan(w.estimate);
    expect(w.high).toBeGreaterThan(w.estimate);
  });

  it('finds a planted +15% among noisy merchants: the interval holds it and excludes no effect', () => {
    const next = random(42);
    const noise = () => 1 + (next() - 0.5) * 0.2;
    const merchant = (effect: number) => {
      const base = 50 + next() * 150;
      // Both groups grow 5% (season); the treated ones 15% on top of it.
      return { before: Math.round(base * noise()), after: Math.round(base * 1.05 * effect * noise()) };
    };
    const treated = Array.from({ length: 400 }, () => merchant(1.15));
    const heldOut = Array.from({ length: 100 }, () => merchant(1));
    const uplift = measureUplift(treated, heldOut);
    const relative = uplift.relative ?? { estimate: 0, low: 0, high: 0 };
    expect(relative.low).toBeLessThan(0.15);
    expect(relative.high).toBeGreaterThan(0.15);
    expect(relative.low).toBeGreaterThan(0);
    expect(uplift.treated.merchants).toBe(400);
  });

  it('says nothing about a group of fewer than two merchants', () => {
    expect(measureUplift([{ before: 1, after: 2 }], [{ before: 1, after: 1 }]).relative).toBeNull();
  });
});
