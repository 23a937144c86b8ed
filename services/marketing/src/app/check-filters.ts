import { ValidationError } from '@fieldops/platform';
import type { SegmentFilters } from '../domain/segment-filters';

/** The filter fields JSON Schema cannot judge alone: dates that parse, ranges that are not upside down. */
export function checkFilters(filters: SegmentFilters, field: string): void {
  const problems = [];
  for (const key of ['lastVisitBefore', 'lastVisitAfter'] as const) {
    const value = filters[key];
    if (value !== undefined && Number.isNaN(Date.parse(value))) problems.push({ field: `${field}/${key}`, message: 'is not a date' });
  }
  for (const key of ['orders30d', 'gmv30dMinor'] as const) {
    const range = filters[key];
    if (range?.min !== undefined && range.max !== undefined && range.min > range.max)
      problems.push({ field: `${field}/${key}`, message: 'min is above max' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}
