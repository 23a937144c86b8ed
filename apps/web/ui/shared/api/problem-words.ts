import type { TFunction } from 'i18next';
import type { Problem } from './problem';

type Params = Record<string, string>;

/**
 * The API's field messages are English sentences made by the validator and the services. The common ones are said
 * again in the user's language; a message not listed here is shown as the server wrote it.
 */
const FIELD_MESSAGES: [RegExp, string, (match: RegExpExecArray) => Params][] = [
  [/^is required(?::.*)?$/, 'required', () => ({})],
  [/^must NOT have fewer than (\d+) characters?$/, 'tooShort', (m) => ({ count: m[1] ?? '' })],
  [/^must (?:NOT have more than|be at most) (\d+) characters?$/, 'tooLong', (m) => ({ count: m[1] ?? '' })],
  [/^must be (?:>=|at least) (-?[\d.]+)$/, 'atLeast', (m) => ({ limit: m[1] ?? '' })],
  [/^must be (?:<=|at most) (-?[\d.]+)$/, 'atMost', (m) => ({ limit: m[1] ?? '' })],
  [/^must be (?:one of |equal to one of the allowed values)/, 'oneOf', () => ({})],
  [/^must match format "email"$/, 'email', () => ({})],
  // An id the form takes from a list (an org unit, a role): empty when nothing was picked.
  [/^must match format "uuid"$/, 'choose', () => ({})],
  [/^must match (?:format|pattern) /, 'badFormat', () => ({})],
  [/^must be (?:a )?(?:number|integer)$/, 'notNumber', () => ({})],
  [/^is not a known field$/, 'unknownField', () => ({})],
  [/^(?:empty|too_long|not_a_phone_number|invalid_number|is not a phone number)$/, 'phone', () => ({})],
  [/^country_mismatch$/, 'phoneCountry', () => ({})],
  [/^is before the check-in$/, 'beforeCheckIn', () => ({})],
  [/^is more than 7 days before the server time/, 'tooOld', () => ({})],
  [/^is not a question of this visit type$/, 'notAsked', () => ({})],
  [/^is not a target you can see$/, 'targetUnknown', () => ({})],
  [/^is not a rep or team in your scope$/, 'notInScope', () => ({})],
  [/^is not a rep of this team in your scope$/, 'notTeamRep', () => ({})],
  [/^is (\d+) m from .* within (\d+) m$/, 'tooFar', (m) => ({ distance: m[1] ?? '', radius: m[2] ?? '' })],
];

/** One field message in the user's language, or as the server wrote it when it is not a known one. */
export function fieldMessageIn(t: TFunction, message: string): string {
  for (const [pattern, key, params] of FIELD_MESSAGES) {
    const match = pattern.exec(message.trim());
    if (match) return t(`fieldSync.problems.${key}`, params(match));
  }
  return message;
}

/** The last part of a problem's field path (`/body/answers/terminalWorking` → `terminalWorking`). */
const leafOf = (field: string) => field.split('/').filter(Boolean).at(-1) ?? field;

/**
 * A refused write said in plain words of the user's language: the known kinds of refusal by their code or status,
 * then each bad field with its name (a visit question by its translated label), else the server's own detail.
 */
export function problemIn(t: TFunction, problem: Problem, fieldName: (leaf: string) => string = (leaf) => leaf): string {
  if (problem.code === 'duplicate') return t('fieldSync.problems.duplicate');
  if (problem.code === 'taken') return t('fieldSync.problems.taken');
  const fields = (problem.errors ?? []).map(({ field, message }) => `${fieldName(leafOf(field))}: ${fieldMessageIn(t, message)}`);
  if (fields.length > 0) return t('fieldSync.problems.fields', { fields: [...new Set(fields)].join('; ') });
  if (problem.status === 404) return t('fieldSync.problems.notFound');
  if (problem.status === 409) return t('fieldSync.problems.conflict');
  return problem.detail ?? problem.title;
}
