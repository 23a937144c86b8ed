/**
 * `checkin.rejectOutOfRange` -> `FLAG_CHECKIN_REJECT_OUT_OF_RANGE`, and with a country
 * `FLAG_CHECKIN_REJECT_OUT_OF_RANGE__CN`. The double underscore keeps the country suffix unambiguous
 * because flag keys themselves map to single underscores.
 */
export function flagEnvName(flagKey: string, country?: string): string {
  const snake = flagKey
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return country === undefined ? `FLAG_${snake}` : `FLAG_${snake}__${country.toUpperCase()}`;
}
