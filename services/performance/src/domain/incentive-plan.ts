/**
 * An incentive plan as data: what a rep of one role in one country earns per unit of each metric, faster above
 * their target (accelerators), up to caps. All money is integer minor units of the country's currency and every
 * threshold an integer percent, so a payout never meets a floating-point rounding.
 */
export interface Accelerator {
  /** Units past this percent of the target earn `rateMinor` each (e.g. 100: above target). */
  abovePercent: number;
  rateMinor: number;
}

export interface PlanComponent {
  metric: string;
  /** What each unit earns up to the first accelerator's threshold. */
  rateMinor: number;
  accelerators?: Accelerator[];
  /** The most this component pays in a period. */
  capMinor?: number;
}

export interface PlanRules {
  components: PlanComponent[];
  /** The most the plan pays in a period, over all components. */
  capMinor?: number;
}

export interface StatementLine {
  metric: string;
  units: number;
  target: number | null;
  /** Units ÷ target as a whole percent (rounded down), when there is a target above zero. */
  attainmentPercent: number | null;
  amountMinor: number;
  /** Set when a cap held the amount back: what it would have been. */
  uncappedMinor?: number;
}

export interface Payout {
  lines: StatementLine[];
  earnedMinor: number;
  /** Set when the plan's cap held the total back. */
  uncappedMinor?: number;
}

/** Pays `units` of one component: each band between accelerator thresholds at its own rate. */
export function componentAmount(component: PlanComponent, units: number, target: number | null): number {
  const counted = Math.max(0, units);
  const bands = [...(component.accelerators ?? [])].sort((a, b) => a.abovePercent - b.abovePercent);
  if (target === null || target <= 0 || bands.length === 0) return counted * component.rateMinor;
  let amount = 0;
  let paidUpTo = 0;
  let rate = component.rateMinor;
  for (const band of bands) {
    const threshold = Math.floor((target * band.abovePercent) / 100);
    const inBand = Math.max(0, Math.min(counted, threshold) - paidUpTo);
    amount += inBand * rate;
    paidUpTo = Math.max(paidUpTo, Math.min(counted, threshold));
    rate = band.rateMinor;
  }
  return amount + Math.max(0, counted - paidUpTo) * rate;
}

/** What a plan pays for a period's units (by metric) against the rep's targets (by metric). */
export function payout(rules: PlanRules, units: Record<string, number>, targets: Record<string, number>): Payout {
  const lines = rules.components.map((component): StatementLine => {
    const count = units[component.metric] ?? 0;
    const target = targets[component.metric] ?? null;
    const uncapped = componentAmount(component, count, target);
    const capped = component.capMinor === undefined ? uncapped : Math.min(uncapped, component.capMinor);
    return {
      metric: component.metric,
      units: count,
      target,
      attainmentPercent: target !== null && target > 0 ? Math.floor((count * 100) / target) : null,
      amountMinor: capped,
      ...(capped !== uncapped ? { uncappedMinor: uncapped } : {}),
    };
  });
  const total = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  const earned = rules.capMinor === undefined ? total : Math.min(total, rules.capMinor);
  return { lines, earnedMinor: earned, ...(earned !== total ? { uncappedMinor: total } : {}) };
}
