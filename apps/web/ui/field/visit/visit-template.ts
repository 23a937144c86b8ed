import { type Answer as ApiAnswer, answerOf, rest } from '../../shared/api/client';
import { isNetworkFailure } from '../../shared/api/problem';

/** One check-out question of the country's visit template. */
export type VisitQuestion = ApiAnswer<'getVisitTemplate'>['questions'][number];

export type Answer = boolean | number | string;

const TARGET_TYPES = ['merchant', 'lead', 'place'] as const;
export type VisitTarget = (typeof TARGET_TYPES)[number];

/** A route's target kind as one the API knows (an unknown one is a merchant, the common case). */
export const visitTargetOf = (value: string): VisitTarget => TARGET_TYPES.find((known) => known === value) ?? 'merchant';
const key = (targetType: string) => `fieldops.visitTemplate.${targetType}`;

/**
 * The questions check-out will be validated against. Kept on the phone each time they are read, so a visit made
 * offline asks the same questions; offline the kept copy answers.
 */
export async function visitTemplate(targetType: VisitTarget): Promise<VisitQuestion[]> {
  try {
    const template = await answerOf(rest.GET('/api/v1/visits/templates/{targetType}', { params: { path: { targetType } } }));
    localStorage.setItem(key(targetType), JSON.stringify(template.questions));
    return template.questions;
  } catch (error) {
    const kept = localStorage.getItem(key(targetType));
    if (isNetworkFailure(error) && kept) return JSON.parse(kept) as VisitQuestion[];
    throw error;
  }
}

/** Reads every template while the phone is online, so visits later made offline can be checked out. */
export function keepVisitTemplates(): void {
  if (navigator.onLine) for (const targetType of TARGET_TYPES) void visitTemplate(targetType).catch(() => undefined);
}

/** The answers a template starts with: a yes-no question is answered "no" until ticked. */
export function initialAnswers(questions: VisitQuestion[]): Record<string, Answer> {
  return Object.fromEntries(questions.filter((q) => q.type === 'yes-no').map((q) => [q.id, false]));
}
