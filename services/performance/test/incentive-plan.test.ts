import { describe, expect, it } from 'vitest';
import { componentAmount, payout } from '../src/domain/incentive-plan';
import { addMonths, firstOpenAfter, parsePayPeriodId, settledBy } from '../src/domain/pay-period';

const visits = { metric: 'verified-visits', rateMinor: 500, accelerators: [{ abovePercent: 100, rateMinor: 800 }] };

describe('incentive plan payout', () => {
  it('pays each unit at its band’s rate: the base up to the target, the accelerator above it', () => {
    expect(componentAmount(visits, 3, 10)).toBe(1500);
    expect(componentAmount(visits, 10, 10)).toBe(5000);
    expect(componentAmount(visits, 12, 10)).toBe(5000 + 2 * 800);
  });

  it('pays the base rate throughout when there is no target', () => {
    expect(componentAmount(visits, 12, null)).toBe(6000);
    expect(componentAmount(visits, 12, 0)).toBe(6000);
  });

  it('climbs several accelerators, with thresholds rounded down to whole units', () => {
    const tiered = {
      metric: 'm',
      rateMinor: 100,
      accelerators: [
        { abovePercent: 150, rateMinor: 300 },
        { abovePercent: 100, rateMinor: 200 },
      ],
    };
    // Target 3: 3 units at 1.00, up to floor(4.5) = 4 at 2.00, the rest at 3.00.
    expect(componentAmount(tiered, 6, 3)).toBe(3 * 100 + 1 * 200 + 2 * 300);
  });

  it('never pays for negative units', () => {
    expect(componentAmount(visits, -2, 10)).toBe(0);
  });

  it('caps a component and the plan, and says what the cap held back', () => {
    const result = payout(
      {
        components: [
          { ...visits, capMinor: 4000 },
          { metric: 'merchants-retained', rateMinor: 5000 },
        ],
        capMinor: 12_000,
      },
      { 'verified-visits': 12, 'merchants-retained': 2 },
      { 'verified-visits': 10 },
    );
    expect(result.lines).toEqual([
      { metric: 'verified-visits', units: 12, target: 10, attainmentPercent: 120, amountMinor: 4000, uncappedMinor: 6600 },
      { metric: 'merchants-retained', units: 2, target: null, attainmentPercent: null, amountMinor: 10_000 },
    ]);
    expect(result).toMatchObject({ earnedMinor: 12_000, uncappedMinor: 14_000 });
  });
});

describe('pay periods', () => {
  it('reads a period id as a country and a month', () => {
    expect(parsePayPeriodId('SG-2026-11')).toEqual({ id: 'SG-2026-11', country: 'SG', month: '2026-11' });
    for (const bad of ['SG-2026-13', 'sg-2026-11', 'SG-2026', 'SG-2026-11-01']) expect(parsePayPeriodId(bad), bad).toBeUndefined();
  });

  it('moves across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
  });

  it('settles a closed month’s corrections in the first open month after it', () => {
    const closed = new Set(['2026-09', '2026-10', '2026-11']);
    expect(firstOpenAfter('2026-09', closed)).toBe('2026-12');
    expect(settledBy('2026-12', closed)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(settledBy('2026-09', closed)).toEqual([]);
  });
});
