export const ASSIGNMENT_ROLES = ['primary', 'backup', 'manager'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** Effective from `from` (inclusive) until `to` (exclusive; null: open-ended). */
export interface Period {
  from: number;
  to: number | null;
}

export function isEffective(period: Period, at: number): boolean {
  return period.from <= at && (period.to === null || at < period.to);
}

/** The moments at which a period starts or stops counting: when coverage may change without anyone acting. */
export function boundariesOf(period: Period): number[] {
  return period.to === null ? [period.from] : [period.from, period.to];
}
