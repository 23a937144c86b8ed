import type { TFunction } from 'i18next';
import type { Problem } from '../../shared/api/problem';
import { problemIn } from '../../shared/api/problem-words';

/** The evidence fields by the last part of their path; a photo's is its index (`/body/photoIds/0`). */
const fieldName = (t: TFunction) => (leaf: string) =>
  /^\d+$/.test(leaf) ? t('fieldTickets.fieldNames.photoIds') : t(`fieldTickets.fieldNames.${leaf}`, { defaultValue: leaf });

/**
 * Why the server refused a completion, in the rep's words: a ticket moved meanwhile (canceled, resolved by someone
 * else) is said by its state now, not as the move the rep never asked for; bad evidence by what it is.
 */
export function ticketRefusal(t: TFunction, problem: Problem): string {
  const from = typeof problem.from === 'string' ? problem.from : undefined;
  if (problem.status === 409 && from) return t('fieldTickets.refused.moved', { state: t(`tickets.states.${from}`, from) });
  return problemIn(t, problem, fieldName(t));
}
