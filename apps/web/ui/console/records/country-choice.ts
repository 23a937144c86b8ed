import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { answerOf, rest } from '../../shared/api/client';

const KEY = 'fieldops.console.country';

/**
 * The countries of the caller's scope (as search counts its records) and the one the lists show: remembered on this
 * browser, empty for all. Offered only to someone whose records span more than one country.
 */
export function useCountryChoice(): { countries: string[]; country: string; choose(country: string): void } {
  const [country, setCountry] = useState(() => localStorage.getItem(KEY) ?? '');
  const facets = useQuery({
    queryKey: ['scope-countries'],
    queryFn: () => answerOf(rest.GET('/api/v1/search', { params: { query: { limit: 1, facets: 'country' } } })),
    staleTime: 10 * 60_000,
  });
  const countries = Object.keys(facets.data?.facets.country ?? {}).sort();
  return {
    countries,
    // A remembered country no longer in scope is not applied: the list would be empty for no visible reason.
    country: countries.includes(country) ? country : '',
    choose(next) {
      localStorage.setItem(KEY, next);
      setCountry(next);
    },
  };
}

/** A country's name in the user's language. */
export function countryName(code: string, language: string): string {
  return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
}
