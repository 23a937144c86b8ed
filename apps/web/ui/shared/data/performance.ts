import { useQuery } from '@tanstack/react-query';
import { type Answer, answerOf, rest } from '../api/client';
import type { operations } from '../api/openapi.gen';

export type Figure = Answer<'getFigures'>['items'][number];
export type Statement = Answer<'getStatements'>['items'][number];
export type Uncounted = Answer<'listUncounted'>['items'][number];
export type MetricName = NonNullable<operations['getFigures']['parameters']['query']>['metric'] & string;

/** The metrics events credit, in the order screens show them. */
export const FIELD_METRICS = ['verified-visits', 'leads-captured', 'leads-converted', 'merchants-activated', 'merchants-retained'] as const;

/** The month (YYYY-MM) of now in a time zone. */
export function currentMonth(timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

/** Today (YYYY-MM-DD) in a time zone: the day figures and visits are filed under in that country. */
export function currentDay(timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

/** A subject's figures for a period (`user:{id}` or `org-unit:{id}`; me when left out). */
export function useFigures(period: string, subject?: string) {
  return useQuery({
    queryKey: ['performance', 'figures', period, subject ?? 'me'],
    queryFn: () => answerOf(rest.GET('/api/v1/performance/figures', { params: { query: { period, ...(subject ? { subject } : {}) } } })),
  });
}

export function useLeaderboard(metric: MetricName, period: string, limit = 20) {
  return useQuery({
    queryKey: ['performance', 'leaderboard', metric, period, limit],
    queryFn: () => answerOf(rest.GET('/api/v1/performance/leaderboard', { params: { query: { metric, period, limit } } })),
  });
}

export function useExplain(metric: MetricName | undefined, period: string, subject: string | undefined) {
  return useQuery({
    queryKey: ['performance', 'explain', metric, period, subject],
    enabled: metric !== undefined && subject !== undefined,
    queryFn: () =>
      answerOf(
        rest.GET('/api/v1/performance/figures/explain', {
          params: { query: { metric: metric as MetricName, period, subject: subject as string, limit: 50 } },
        }),
      ),
  });
}

export function useStatement(period: string, userId?: string) {
  return useQuery({
    queryKey: ['performance', 'statement', period, userId ?? 'me'],
    queryFn: async () =>
      (await answerOf(rest.GET('/api/v1/performance/statements', { params: { query: { period, ...(userId ? { userId } : {}) } } }))).items[0] ??
      null,
  });
}

/** Minor units as a decimal string for display (no floating point on money), e.g. 760050, 2 → "7600.50". */
export function majorUnits(minor: number, minorUnits = 2): string {
  const scale = 10 ** minorUnits;
  const abs = Math.abs(minor);
  const fraction = minorUnits > 0 ? `.${String(abs % scale).padStart(minorUnits, '0')}` : '';
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / scale)}${fraction}`;
}

/** What I did in a period that counts for nothing now, and why (newest first, the latest `limit`). */
export function useUncounted(period: string, limit = 50) {
  return useQuery({
    queryKey: ['performance', 'uncounted', period, limit],
    queryFn: () => answerOf(rest.GET('/api/v1/performance/uncounted', { params: { query: { period, limit } } })),
  });
}
