export type {
  AddressParts,
  BusinessDefaults,
  BusinessIdResult,
  CheckinOutOfRange,
  ClockTime,
  CoordinateSystem,
  CountryCode,
  CountryDefinition,
  CountryDemo,
  CountryExamples,
  CountryIdentity,
  CountryOverride,
  CountryOverrides,
  CountryPolicy,
  DemoPicker,
  DemoPlaceCategory,
  DemoTerritories,
  DemoVocabulary,
  NotificationChannel,
  NotificationDefaults,
  PhoneParseResult,
  SearchFolding,
  VisitQuestion,
  VisitTemplates,
  VisitType,
  WorkingCalendar,
} from './country-policy';
export {
  CountryFileFlagProvider,
  type CountryFileFlagProviderOptions,
  type FlagEnv,
} from './flags/country-file-provider';
export { type CountryFlags, type CreateFlagsOptions, createFlags, DEFAULT_FLAGS_FILE } from './flags/create-flags';
export { flagEnvName } from './flags/env-name';
export {
  type FlagDefinition,
  type FlagFile,
  InvalidFlagFileError,
  loadFlagFile,
  parseFlagFile,
} from './flags/flag-file';
export { loadCountryOverrides, parseCountryOverrides } from './overrides';
export { COUNTRY_CODES, COUNTRY_PACKS, DEMO_COUNTRIES_ENV, DEMO_PACKS, demoPacks } from './packs';
export {
  COUNTRY_OVERRIDES_ENV,
  type CountryRegistry,
  type CountryRegistryOptions,
  createCountryRegistry,
  getCountryPolicy,
  getDefaultCountryRegistry,
  isSupportedCountry,
  resetDefaultCountryRegistry,
  supportedCountries,
  UnknownCountryError,
} from './registry';
export { SEARCH_FOLDING } from './search-folding';
export { InvalidCountryConfigError } from './shared/build-policy';
export { isCalendarDate, localDayBounds, localTimeToEpoch } from './shared/local-day';
export { maskPhone } from './shared/phone';
export {
  addWorkingMinutes,
  type LocalDateTime,
  localDateTime,
  parseClockTime,
  type WorkingInterval,
  workingIntervals,
  workingMinutesBetween,
} from './shared/working-calendar';
