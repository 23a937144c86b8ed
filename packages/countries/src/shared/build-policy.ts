import type { BusinessDefaults, CountryDefinition, CountryOverride, CountryPolicy, WorkingCalendar } from '../country-policy';
import { formatMinorUnits } from './money';
import { createPhoneRules } from './phone';
import { isWorkingTime, parseClockTime } from './working-calendar';

export class InvalidCountryConfigError extends Error {
  override readonly name = 'InvalidCountryConfigError';
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function splitOverride(override: CountryOverride): {
  defaults: Partial<BusinessDefaults>;
  calendar: Partial<WorkingCalendar>;
} {
  const { workingHours, weekend, holidays, makeupWorkdays, ...defaults } = override;
  return { defaults: stripUndefined(defaults), calendar: { workingHours, weekend, holidays, makeupWorkdays } };
}

// Programmatic overrides may carry explicit undefined values, which would otherwise blank out a default when spread.
function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Cross-field rules a per-field type check cannot catch; run after overrides are merged. */
function assertConsistent(code: string, d: BusinessDefaults, c: WorkingCalendar): void {
  const problems: string[] = [];
  const positiveInts: Array<[string, number]> = [
    ['checkinRadiusMeters', d.checkinRadiusMeters],
    ['leadProtectionDays', d.leadProtectionDays],
    ['leadProtectionMaxDays', d.leadProtectionMaxDays],
    ['leadClaimLimit', d.leadClaimLimit],
    ['merchantRetentionDays', d.merchantRetentionDays],
  ];
  for (const [field, value] of [
    ['visitReviewThreshold', d.visitReviewThreshold],
    ['travelSpeedKmh', d.travelSpeedKmh],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) problems.push(`${field} must be a positive number`);
  }
  for (const [field, value] of positiveInts) {
    if (!Number.isInteger(value) || value <= 0) problems.push(`${field} must be a positive integer`);
  }
  for (const [role, value] of Object.entries(d.leadClaimLimitByRole)) {
    if (!Number.isInteger(value) || value <= 0) problems.push(`leadClaimLimitByRole.${role} must be a positive integer`);
  }
  for (const [field, value] of [
    ['leadRecycleWarningDays', d.leadRecycleWarningDays],
    ['leadReclaimCooldownDays', d.leadReclaimCooldownDays],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) problems.push(`${field} must be a non-negative integer`);
  }
  if (d.leadProtectionDays > d.leadProtectionMaxDays) {
    problems.push('leadProtectionDays must not exceed leadProtectionMaxDays');
  }
  if (d.leadRecycleWarningDays >= d.leadProtectionDays) {
    problems.push('leadRecycleWarningDays must be smaller than leadProtectionDays');
  }
  const start = parseClockTime(c.workingHours.start);
  const end = parseClockTime(c.workingHours.end);
  if (start === null || end === null) problems.push('workingHours must be HH:MM (00:00-23:59)');
  else if (start >= end) problems.push('workingHours.start must be before workingHours.end');
  if (c.weekend.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
    problems.push('weekend days must be integers 0 (Sunday) to 6 (Saturday)');
  }
  for (const date of [...c.holidays, ...c.makeupWorkdays]) {
    if (!ISO_DATE.test(date)) problems.push(`"${date}" is not an ISO date (YYYY-MM-DD)`);
  }
  if (problems.length > 0) {
    throw new InvalidCountryConfigError(`Invalid configuration for country ${code}: ${problems.join('; ')}`);
  }
}

export function buildCountryPolicy(definition: CountryDefinition, override: CountryOverride = {}): CountryPolicy {
  const { identity } = definition;
  const split = splitOverride(override);
  const defaults: BusinessDefaults = {
    ...definition.defaults,
    ...split.defaults,
    requiredOnboardingDocuments: Object.freeze([
      ...(split.defaults.requiredOnboardingDocuments ?? definition.defaults.requiredOnboardingDocuments),
    ]),
    leadClaimLimitByRole: Object.freeze({ ...(split.defaults.leadClaimLimitByRole ?? definition.defaults.leadClaimLimitByRole) }),
  };
  const calendar: WorkingCalendar = {
    workingHours: Object.freeze({ ...(split.calendar.workingHours ?? definition.calendar.workingHours) }),
    weekend: Object.freeze([...(split.calendar.weekend ?? definition.calendar.weekend)]),
    holidays: Object.freeze([...(split.calendar.holidays ?? definition.calendar.holidays)]),
    makeupWorkdays: Object.freeze([...(split.calendar.makeupWorkdays ?? definition.calendar.makeupWorkdays)]),
  };
  assertConsistent(identity.code, defaults, calendar);
  const { quietHours } = definition.notifications;
  if (parseClockTime(quietHours.start) === null || parseClockTime(quietHours.end) === null) {
    throw new InvalidCountryConfigError(`Invalid configuration for country ${identity.code}: quietHours must be HH:MM (00:00-23:59)`);
  }
  const phone = createPhoneRules(identity.code);

  // Frozen because a policy instance is shared process-wide; a mutation would leak across requests.
  return Object.freeze({
    ...identity,
    ...defaults,
    ...calendar,
    visitTemplates: definition.visitTemplates,
    notifications: definition.notifications,
    parsePhone: phone.parsePhone,
    normalizePhone: phone.normalizePhone,
    maskPhone: phone.maskPhone,
    validateBusinessId: (id: string) => definition.validateBusinessId(id),
    validatePersonalId: (id: string) => definition.validatePersonalId?.(id) ?? { ok: false, reason: 'unsupported' },
    formatAddress: (parts) => definition.formatAddress(parts),
    isWorkingTime: (epochMs: number) => isWorkingTime(calendar, identity.timezone, epochMs),
    formatMoney: (minorUnits: number | bigint, locale?: string) =>
      formatMinorUnits(minorUnits, identity.currency, identity.currencyMinorUnits, locale ?? identity.locale),
  } satisfies CountryPolicy);
}
