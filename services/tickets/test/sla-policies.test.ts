import { COUNTRY_CODES } from '@fieldops/countries';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES, type SlaPolicySet, slaPoliciesFor, slaPolicySetProblems } from '../src/domain/sla/index';

describe('SLA policies', () => {
  it.each(COUNTRY_CODES)('every default row of %s is sound', (country) => {
    const row = DEFAULT_SLA_POLICIES[country];
    expect(row).toBeDefined();
    for (const [type, set] of Object.entries(row ?? {})) {
      expect(slaPolicySetProblems(set ?? {}, `/${country}/${type}`)).toEqual([]);
    }
  });

  it('falls back to the country default for a type without its own row', () => {
    expect(slaPoliciesFor(DEFAULT_SLA_POLICIES, 'SG', 'data-correction')).toBe(DEFAULT_SLA_POLICIES.SG?.default);
    expect(slaPoliciesFor(DEFAULT_SLA_POLICIES, 'SG', 'complaint').high.targets.firstResponse).toBe(15);
  });

  it('names each broken field', () => {
    const { urgent, high, normal } = slaPoliciesFor(DEFAULT_SLA_POLICIES, 'CN', 'default');
    const broken: Partial<SlaPolicySet> = {
      urgent: { ...urgent, targets: { ...urgent.targets, resolution: 0 } },
      high: { ...high, warnBeforeMinutes: 60 },
      normal: {
        ...normal,
        escalations: [
          { level: 1, afterBreachMinutes: 120, notify: 'team-lead' },
          { level: 3, afterBreachMinutes: 120, notify: 'city-manager' },
        ],
      },
    };
    expect(slaPolicySetProblems(broken, '/body')).toEqual([
      { field: '/body/low', message: 'is required' },
      { field: '/body/normal/escalations/1/level', message: 'must be 2' },
      { field: '/body/normal/escalations/1/afterBreachMinutes', message: 'must come after the previous level' },
      // high's shortest target is its 60-minute first response.
      { field: '/body/high/warnBeforeMinutes', message: 'must be less than the shortest target (60)' },
      { field: '/body/urgent/targets/resolution', message: 'must be a whole number of working minutes above 0' },
    ]);
  });
});
