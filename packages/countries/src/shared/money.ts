const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, currency: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${fractionDigits}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats an integer amount of minor units. The amount is turned into an exact decimal string
 * so bigint totals beyond 2^53 are never rounded through a float.
 */
export function formatMinorUnits(minorUnits: number | bigint, currency: string, exponent: number, locale: string): string {
  if (typeof minorUnits === 'number' && !Number.isSafeInteger(minorUnits)) {
    throw new RangeError(`Money amount must be a safe integer of minor units, got ${minorUnits}`);
  }
  const amount = BigInt(minorUnits);
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  // Intl accepts exact decimal strings (ES2023); the cast only bridges TypeScript's literal type.
  const decimal = `${sign}${whole}${fraction}` as Intl.StringNumericLiteral;
  return formatterFor(locale, currency, exponent).format(decimal);
}
