/**
 * How many merchants a campaign can pay for: its cap, and no more than the budget covers at the per-merchant cost.
 * A campaign without a cost (an onboarding drive) is limited by its cap alone.
 */
export function enrollmentLimit(budget: { budgetMinor: number; costMinor: number; cap: number }): number {
  if (budget.costMinor <= 0) return budget.cap;
  return Math.min(budget.cap, Math.floor(budget.budgetMinor / budget.costMinor));
}
