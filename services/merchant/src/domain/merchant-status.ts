import type { MerchantStatus } from '@fieldops/contracts';

/** The merchant life cycle: onboarding → active ⇄ suspended, and active | suspended → churned (final). */
const NEXT: Record<MerchantStatus, readonly MerchantStatus[]> = {
  onboarding: ['active'],
  active: ['suspended', 'churned'],
  suspended: ['active', 'churned'],
  churned: [],
};

export function canTransition(from: MerchantStatus, to: MerchantStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextStatuses(from: MerchantStatus): readonly MerchantStatus[] {
  return NEXT[from];
}

export const INITIAL_STATUS: MerchantStatus = 'onboarding';
