/**
 * ISO 3166-1 alpha-2 code (upper case) of a country FieldOps operates in: one of the country packs, each a folder
 * under `src/` found at start (see `packs.ts`), so no list of countries is written anywhere else.
 */
export type CountryCode = string;

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
  /** A code that stands for the whole address where a country has one (the Saudi national short address 'RRRD2929'). */
  shortAddress?: string;
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
  /**
   * Days an activated merchant must stay before its activation counts as retained for good: a churn sooner takes the
   * retained-merchant credit back (a clawback in incentive plans).
   */
  readonly merchantRetentionDays: number;
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
  /** Where maps open for the country's users (WGS-84): its main city; a phone's own position wins in the field app. */
  readonly mapCentre: { readonly lat: number; readonly lng: number };
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
  /** A person's national id (owner's identity document), or `unsupported` where the pack has no rule for it. */
  validatePersonalId(id: string): BusinessIdResult;
  formatAddress(parts: AddressParts): string;
  /** True when the instant falls inside working hours on a working day, in the country's timezone. */
  isWorkingTime(epochMs: number): boolean;
  formatMoney(minorUnits: number | bigint, locale?: string): string;
}

/**
 * How search compares text of this country's script: characters that count as the same letter (folded before
 * indexing and querying). Search folds with every pack's table at once, since a name is found by anyone.
 */
export interface SearchFolding {
  /** One character to what it compares as ('' drops it): Arabic alef variants, Traditional to Simplified Han. */
  readonly characters: Readonly<Record<string, string>>;
}

/** The categories demo places are drawn from (the place categories of the POI service). */
export type DemoPlaceCategory =
  | 'restaurant'
  | 'cafe'
  | 'grocery'
  | 'convenience'
  | 'bakery'
  | 'pharmacy'
  | 'beauty'
  | 'fitness'
  | 'laundry'
  | 'retail'
  | 'service'
  | 'other';

/** Draws from a seeded generator, so the same seed writes the same demo data. */
export interface DemoPicker {
  one<T>(items: readonly T[]): T;
  /** A string of `n` random decimal digits. */
  digits(n: number): string;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}

/**
 * What a country's places are called and where they are: name patterns per category (`{w}` a local word, `{place}`
 * a neighbourhood, as in chain branches "星巴克（{place}店）"), streets, and an address and a valid phone number.
 */
export interface DemoVocabulary {
  readonly words: readonly string[];
  readonly neighbourhoods: readonly string[];
  readonly streets: readonly string[];
  readonly names: Readonly<Record<DemoPlaceCategory, readonly string[]>>;
  address(pick: DemoPicker): string;
  phone(pick: DemoPicker): string;
}

/** The demo city's districts: a GeoJSON file of real boundaries shipped in the pack (with its attribution). */
export interface DemoTerritories {
  /** The GeoJSON FeatureCollection (WGS-84), e.g. `new URL('./demo/districts.geojson', import.meta.url)`. */
  readonly file: URL;
  /** The city a district belongs to (SG: its URA region). */
  cityOf(properties: Record<string, unknown>): string;
  districtName(properties: Record<string, unknown>): string;
}

/** The demo data of a country: one city with its people, shops, places and territories (deterministic). */
export interface CountryDemo {
  /** Short key of the demo city for `fieldops seed --places N --city KEY`. */
  readonly key: string;
  readonly city: string;
  /** WGS-84. */
  readonly centre: { readonly lat: number; readonly lng: number };
  /** Spread of the demo merchants and leads around the centre, degrees. */
  readonly spread: number;
  /** Demo places: mean distance from the centre (exponential) and the farthest, metres. */
  readonly placeDistance: { readonly mean: number; readonly max: number };
  /** A simple outline of the country ([minLng, minLat, maxLng, maxLat]), enough to hold the demo city. */
  readonly extent: readonly [number, number, number, number];
  /** The two cities of the demo organisation (each with two teams); the first is the demo city. */
  readonly orgCities: readonly [string, string];
  readonly territories?: DemoTerritories;
  /** Shop names of demo merchants and leads, and the streets of their addresses. */
  readonly shopNames: readonly string[];
  readonly shopStreets: readonly string[];
  /** Appended to a brand for a legal name: 'Ltda', '有限公司'. */
  readonly legalSuffix: string;
  /** People of the demo organisation; the family name comes first where the country writes it so. */
  readonly people: { readonly givenNames: readonly string[]; readonly familyNames: readonly string[]; readonly familyNameFirst: boolean };
  /** A mobile number of the country (the policy must accept it; drawn again until it does). */
  phone(random: () => number): string;
  /** A business id the country's validator accepts. */
  businessId(random: () => number): string;
  readonly places: DemoVocabulary;
}

/** Static description of a country: plain data plus the few behaviours that are genuinely country-specific. */
export interface CountryDefinition {
  readonly identity: CountryIdentity;
  readonly defaults: BusinessDefaults;
  readonly calendar: WorkingCalendar;
  readonly visitTemplates: VisitTemplates;
  readonly notifications: NotificationDefaults;
  validateBusinessId(id: string): BusinessIdResult;
  validatePersonalId?(id: string): BusinessIdResult;
  formatAddress(parts: AddressParts): string;
  readonly searchFolding?: SearchFolding;
  /** The country's own values of feature switches; a value for the country in the flags file wins over these. */
  readonly flags?: Readonly<Record<string, boolean | string | number>>;
  readonly demo?: CountryDemo;
}

/** Config-file overrides for one country. Calendar fields are included because 2027 holiday lists are provisional. */
export type CountryOverride = Partial<BusinessDefaults> & Partial<WorkingCalendar>;

export type CountryOverrides = Record<string, CountryOverride>;

/** An example with the answer it must get: published valid and invalid ids, phones, addresses, working days. */
export interface CountryExamples {
  readonly businessIds: { readonly valid: readonly string[]; readonly invalid: readonly string[] };
  readonly personalIds?: { readonly valid: readonly string[]; readonly invalid: readonly string[] };
  readonly phones: { readonly valid: readonly string[]; readonly invalid: readonly string[] };
  readonly addresses: readonly { readonly parts: AddressParts; readonly formatted: string }[];
  /** Local date-times ('2026-03-01T10:00') on the country's clock: inside working time or not. */
  readonly workingTime: { readonly working: readonly string[]; readonly notWorking: readonly string[] };
  /** Money in minor units and how the country's locale writes it. */
  readonly money: readonly { readonly minorUnits: number; readonly formatted: string }[];
  /** Names to index and queries that must find them (and must not find the others), run against the search service. */
  readonly search: {
    readonly names: readonly string[];
    readonly queries: readonly { readonly q: string; readonly finds: readonly string[] }[];
  };
}
