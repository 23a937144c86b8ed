import { isCataloguedEventType } from '@fieldops/contracts';
import { getDefaultCountryRegistry } from '@fieldops/countries';
import { describe, expect, it } from 'vitest';
import { render } from '../src/app/render';
import { WORKFLOWS } from '../src/workflows';
import type { Lookups } from '../src/workflows/lookups';
import { periodClosing } from '../src/workflows/performance';

/** Facts every template of the starting workflows can render from. */
const FACTS = {
  leadName: 'Ah Hock Minimart',
  until: Date.UTC(2027, 0, 8, 4, 0),
  target: 'Ah Hock Minimart',
  score: 72,
  approved: false,
  reason: 'photo does not show the store',
  name: 'Ah Hock Minimart',
  reasons: 'invalid business id',
  areaName: 'Tanjong Pagar',
  role: 'primary',
  title: 'POS terminal broken',
  clock: 'resolution',
  dueAt: Date.UTC(2027, 0, 8, 4, 0),
  level: 1,
  month: '2026-11',
  currency: 'SGD',
  totalMinor: 760_050,
  minorUnits: 2,
  metric: 'verified-visits',
  period: '2026-11',
  value: 12,
  goal: 10,
  campaignName: 'Breakfast subsidy',
  merchantName: 'Roti Bakery',
  terms: 'We pay S$100 towards your breakfast menu.',
  link: '/m/campaigns/token',
  expiresAt: Date.UTC(2027, 0, 8, 4, 0),
  date: '2026-11-20',
  attainment: [{ metric: 'verified-visits', period: '2026-11', value: 12, target: 40 }],
  lastMoment: Date.UTC(2026, 10, 30, 15, 59, 59, 999),
  daysLeft: 3,
};

/** Lookups that know only who holds which role in which unit; any other read is a mistake in the workflow. */
function rolesOnly(holders: Record<string, Record<string, string[]>>): Lookups {
  const unexpected = () => {
    throw new Error('this workflow reads only role holders');
  };
  return {
    recipients: unexpected,
    leadName: unexpected,
    merchantName: unexpected,
    areaName: unexpected,
    teamLeads: unexpected,
    areaManagers: unexpected,
    usersWithRole: async (orgUnitId, roleName) => holders[orgUnitId]?.[roleName] ?? [],
  };
}

describe('the workflows', () => {
  const countries = getDefaultCountryRegistry();

  it('each has a unique name, a catalogued trigger, and at least one channel', () => {
    expect(new Set(WORKFLOWS.map((w) => w.name)).size).toBe(WORKFLOWS.length);
    for (const w of WORKFLOWS) {
      expect(isCataloguedEventType(w.trigger), w.name).toBe(true);
      expect(w.channels.length, w.name).toBeGreaterThan(0);
    }
  });

  it('an opt-in workflow is never critical: critical notices ignore preferences, so it could not be left off', () => {
    for (const w of WORKFLOWS.filter((x) => x.optIn)) expect(w.severity, w.name).not.toBe('critical');
  });

  it.each(WORKFLOWS.map((w) => [w.name, w] as const))('%s reads complete in English and Simplified Chinese', (_name, w) => {
    expect(w.templates['zh-CN'], 'a zh-CN template').toBeDefined();
    const en = render(w.templates, FACTS, { locale: 'en-SG', country: 'SG' }, countries);
    const zh = render(w.templates, FACTS, { locale: 'zh-CN', country: 'CN' }, countries);
    for (const text of [en.title, en.body, zh.title, zh.body]) {
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).not.toContain('undefined');
    }
    expect(zh.title).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.title).not.toBe(en.title);
  });

  it('a statement’s money reads in the recipient’s language, from minor units', () => {
    const ready = WORKFLOWS.find((w) => w.name === 'statement-ready');
    if (!ready) throw new Error('no statement-ready workflow');
    expect(render(ready.templates, FACTS, { locale: 'en-SG', country: 'SG' }, countries).body).toContain('7,600.50');
    expect(
      render(
        ready.templates,
        { ...FACTS, currency: 'IDR', totalMinor: 1_500_000, minorUnits: 0 },
        { locale: 'en', country: 'ID' },
        countries,
      ).body,
    ).toContain('1,500,000');
  });

  it('dates read in the recipient’s language and country timezone', () => {
    const warning = WORKFLOWS.find((w) => w.name === 'lead-recycle-warning');
    if (!warning) throw new Error('no lead-recycle-warning workflow');
    // 04:00 UTC on 8 January: the 8th in Singapore, still the 8th in São Paulo (01:00).
    expect(render(warning.templates, FACTS, { locale: 'zh-CN', country: 'CN' }, countries).title).toContain('2027年1月8日');
    expect(render(warning.templates, FACTS, { locale: 'pt-BR', country: 'BR' }, countries).title).toContain('8 de jan');
    expect(render(warning.templates, FACTS, { locale: 'en-SG', country: 'SG' }, countries).title).toContain('8 Jan 2027');
  });

  it('a closing period is told to the country managers of the country’s top units, once each, and to no one else', async () => {
    const lookups = rolesOnly({
      'ou-sg': { country_manager: ['cm-1', 'cm-2'], team_lead: ['tl-1'] },
      'ou-sg-2': { country_manager: ['cm-2'] },
    });
    const data = {
      periodId: 'SG-2026-11',
      country: 'SG',
      month: '2026-11',
      endsAt: '2026-11-30T16:00:00.000Z',
      daysLeft: 3,
      orgUnitIds: ['ou-sg', 'ou-sg-2'],
    };
    const event = { data } as Parameters<typeof periodClosing.audience>[0];
    const audience = await periodClosing.audience(event, lookups);
    if (!audience) throw new Error('no one told');
    expect(audience.userIds.sort()).toEqual(['cm-1', 'cm-2']);
    // The last day, in the country, is the 30th: midnight ending the period is already December there.
    const en = render(periodClosing.templates, audience.facts, { locale: 'en-SG', country: 'SG' }, countries);
    expect(en).toEqual({
      title: 'Pay period 2026-11 ends in 3 days',
      body: "Its last day is 30 Nov 2026. Once it is over, close it in Performance to freeze the reps' statements.",
    });
    const over = { ...data, daysLeft: 0 };
    const ended = await periodClosing.audience({ data: over } as typeof event, lookups);
    if (!ended) throw new Error('no one told');
    expect(render(periodClosing.templates, ended.facts, { locale: 'zh-CN', country: 'CN' }, countries).title).toBe(
      '2026-11 结算周期已结束，尚未结算',
    );
    // A country without a manager tells no one.
    expect(await periodClosing.audience({ data: { ...data, orgUnitIds: ['ou-none'] } } as typeof event, lookups)).toBeUndefined();
  });
});
