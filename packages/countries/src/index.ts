export {
  type AddressParts,
  type BusinessDefaults,
  type BusinessIdResult,
  type CheckinOutOfRange,
  type ClockTime,
  COUNTRY_CODES,
  type CoordinateSystem,
  type CountryCode,
  type CountryDefinition,
  type CountryIdentity,
  type CountryOverride,
  type CountryOverrides,
  type CountryPolicy,
  type PhoneParseResult,
  type VisitQuestion,
  type VisitTemplates,
  type VisitType,
  type WorkingCalendar,
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
export { InvalidCountryConfigError } from './shared/build-policy';
export { isCalendarDate, localDayBounds, localTimeToEpoch } from './shared/local-day';
export { maskPhone } from './shared/phone';
export { type LocalDateTime, localDateTime } from './shared/working-calendar';
