/** What a country's policy says about showing values: its time zone and currency. */
export interface CountryFormat {
  timeZone: string;
  currency: string;
}
