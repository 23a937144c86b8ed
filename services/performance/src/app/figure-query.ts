import { ValidationError } from '@fieldops/platform';
import { type Period, parsePeriod } from '../domain/period';
import { parseSubject, type Subject } from '../domain/subject';

/** The period a query names, or a 400 naming `field`. */
export function periodOf(value: string, field: string): Period {
  const period = parsePeriod(value);
  if (!period) {
    throw new ValidationError([{ field, message: 'is not a period: YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY-Qn' }]);
  }
  return period;
}

/** The subject a query names, or a 400 naming `field`. */
export function subjectOf(value: string, field: string): Subject {
  const subject = parseSubject(value);
  if (!subject) throw new ValidationError([{ field, message: 'is not user:{id} or org-unit:{id}' }]);
  return subject;
}
