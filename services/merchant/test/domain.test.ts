import { MERCHANT_STATUSES } from '@fieldops/contracts';
import { describe, expect, it } from 'vitest';
import { canTransition, nextStatuses } from '../src/domain/merchant-status';

describe('the merchant status machine', () => {
  it.each([
    ['onboarding', 'active'],
    ['active', 'suspended'],
    ['active', 'churned'],
    ['suspended', 'active'],
    ['suspended', 'churned'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('allows nothing else, and churned is final', () => {
    const allowed = MERCHANT_STATUSES.flatMap((from) =>
      MERCHANT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed).toHaveLength(5);
    expect(nextStatuses('churned')).toEqual([]);
    expect(canTransition('onboarding', 'churned')).toBe(false);
    expect(canTransition('active', 'active')).toBe(false);
  });
});
