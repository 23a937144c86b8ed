export const COUNTRY_CODES = ['CN', 'SG', 'ID', 'BR'] as const;

/** ISO 3166-1 alpha-2 code of a country FieldOps operates in. */
export type CountryCode = (typeof COUNTRY_CODES)[number];

/** GCJ-02 is the datum Chinese map providers are legally required to use; WGS-84 everywhere else. */
export type CoordinateSystem = 'WGS84' | 'GCJ02';

export type PhoneParseResult = { ok: true; e164: string; national: string } | { ok: false; reason: string };

export type BusinessIdResult = { ok: true; normalized: string } | { ok: false; reason: string };

export interface AddressParts {
  street?: string;
  district?: string;
  city?: string;
  province?: string;
  postalCode?: string;
}

export type CheckinOutOfRange = 'reject' | 'flag';

/** Tunable business rules; every field can be overridden per country from a config file. */
export interface BusinessDefaults {
  readonly checkinRadiusMeters: number;
  readonly checkinOutOfRange: CheckinOutOfRange;
  /** A visit whose risk score reaches this waits for a supervisor's review instead of counting at once. */
  readonly visitReviewThreshold: number;
  /** Average travel speed between stops of a day plan (urban traffic), for estimated travel times. */
  readonly travelSpeedKmh: number;
  /** Days a claimed lead stays with its rep before it is recycled to the public pool. */
  readonly leadProtectionDays: number;
  /** Upper bound for protection including extensions. */
  readonly leadProtectionMaxDays: number;
  /** Days before recycling at which the owning rep is warned. */
  readonly leadRecycleWarningDays: number;
  /** Days a rep must wait before re-claiming a lead they released or lost. */
  readonly leadReclaimCooldownDays: number;
  /** Maximum number of leads one rep may hold at a time. */
  readonly leadClaimLimit: number;
  /**
   * Claim limits for holders of a role (by role name, e.g. `{ "team_lead": 200 }`) instead of `leadClaimLimit`; a user
   * with several such roles gets the largest.
   */
  readonly leadClaimLimitByRole: Readonly<Record<string, number>>;
  readonly requiredOnboardingDocuments: readonly string[];
}

/** What a visit is at: the visit types that each have a check-out questionnaire. */
export type VisitType = 'merchant' | 'lead' | 'place';

/** One check-out question: its answer must have the type's shape; a required one must be answered. */
export type VisitQuestion =
  | { readonly id: string; readonly label: string; readonly type: 'yes-no'; readonly required: boolean }
  | {
      readonly id: string;
      readonly label: string;
      readonly type: 'number';
      readonly required: boolean;
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly id: string;
      readonly label: string;
      readonly type: 'choice';
      readonly required: boolean;
      readonly options: readonly string[];
    }
  | { readonly id: string; readonly label: string; readonly type: 'text'; readonly required: boolean; readonly maxLength?: number };

/** The check-out questionnaire of each visit type. */
export type VisitTemplates = Readonly<Record<VisitType, readonly VisitQuestion[]>>;

/** Local wall-clock time, 24h, e.g. '09:00'. */
export type ClockTime = string;

export interface WorkingCalendar {
  readonly workingHours: { readonly start: ClockTime; readonly end: ClockTime };
  /** Days of week off, 0 = Sunday. */
  readonly weekend: readonly number[];
  /** Public holidays as ISO dates (YYYY-MM-DD) in the country's timezone. */
  readonly holidays: readonly string[];
  /**
   * Weekend dates that are official working days. China shifts weekends around
   * long holidays (调休), so a weekday-only rule is wrong there.
   */
  readonly makeupWorkdays: readonly string[];
}

export interface CountryIdentity {
  readonly code: CountryCode;
  readonly name: string;
  /** ISO 4217. */
  readonly currency: string;
  /** ISO 4217 exponent: amounts are stored as integers of 10^-n major units. */
  readonly currencyMinorUnits: number;
  /** IANA zone used for the country-wide calendar (the capital's zone for multi-zone countries). */
  readonly timezone: string;
  /** BCP 47. */
  readonly locale: string;
  readonly coordinateSystem: CoordinateSystem;
  /**
   * The map app reps hand a stop to, as a URL with `{lat}`, `{lng}` (WGS-84) and `{name}` in it; left out, the
   * apps use the platform's `geo:` link, which opens whatever map app the phone has.
   */
  readonly navigationUrl?: string;
}

/** A channel a notice goes out on besides the in-app inbox. */
export type NotificationChannel = 'email' | 'push' | 'sms';

/** How people of the country are notified unless they choose otherwise. */
export interface NotificationDefaults {
  /** Local wall-clock window in which non-critical push and SMS wait (may span midnight, e.g. 22:00–07:00). */
  readonly quietHours: { readonly start: ClockTime; readonly end: ClockTime };
  /** The channels a notice goes out on before the user sets preferences (the in-app inbox always). */
  readonly defaultChannels: readonly NotificationChannel[];
  /** The SMS provider the country's messages go through (e.g. one for China, another for Brazil). */
  readonly smsProvider: string;
}

/** Everything a service needs to know about a country; services must not branch on the country code. */
export interface CountryPolicy extends CountryIdentity, BusinessDefaults, WorkingCalendar {
  readonly visitTemplates: VisitTemplates;
  readonly notifications: NotificationDefaults;
  /** Accepts national ('13812345678') and international ('+86 138 1234 5678') input. */
  parsePhone(input: string): PhoneParseResult;
  /** E.164 or null when the input is not a valid number of this country. */
  normalizePhone(input: string): string | null;
  /** Keeps the calling code and the last 4 digits: '+86*******5678'. */
  maskPhone(e164: string): string;
  validateBusinessId(id: string): BusinessIdResult;
  formatAddress(parts: AddressParts): string;
  /** True when the instant falls inside working hours on a working day, in the country's timezone. */
  isWorkingTime(epochMs: number): boolean;
  formatMoney(minorUnits: number | bigint, locale?: string): string;
}

/** Static description of a country: plain data plus the few behaviours that are genuinely country-specific. */
export interface CountryDefinition {
  readonly identity: CountryIdentity;
  readonly defaults: BusinessDefaults;
  readonly calendar: WorkingCalendar;
  readonly visitTemplates: VisitTemplates;
  readonly notifications: NotificationDefaults;
  validateBusinessId(id: string): BusinessIdResult;
  formatAddress(parts: AddressParts): string;
}

/** Config-file overrides for one country. Calendar fields are included because 2027 holiday lists are provisional. */
export type CountryOverride = Partial<BusinessDefaults> & Partial<WorkingCalendar>;

export type CountryOverrides = Record<string, CountryOverride>;
