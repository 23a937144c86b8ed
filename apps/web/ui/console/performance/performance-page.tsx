import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { BarChart } from '../../shared/charts/bar-chart';
import { LineChart } from '../../shared/charts/line-chart';
import { currentMonth, FIELD_METRICS, type MetricName, useFigures, useLeaderboard, useStatement } from '../../shared/data/performance';
import { useReps } from '../../shared/data/use-reps';
import { useFormat } from '../../shared/i18n/format';
import { ExplainList } from '../../shared/performance/explain-list';
import { FigureTiles } from '../../shared/performance/figure-tiles';
import { StatementView } from '../../shared/performance/statement-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';

/** The days of a month up to today, as YYYY-MM-DD. */
function daysOf(month: string, today: string): string[] {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const days = Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
  return days.filter((day) => day <= today);
}

/**
 * The team's performance: figures with targets, the leaderboard as a chart and a table, the daily trend, the facts
 * behind any figure, and a rep's statement; a country manager closes the month here.
 */
export function PerformancePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const queries = useQueryClient();
  const timeZone = session.country?.timeZone;
  const [period, setPeriod] = useState(() => currentMonth(timeZone));
  const [metric, setMetric] = useState<MetricName>('verified-visits');
  const [explained, setExplained] = useState<MetricName | undefined>();
  const [rep, setRep] = useState<string | undefined>();
  const team = session.me ? `org-unit:${session.me.user.orgUnitId}` : undefined;
  const figures = useFigures(period, team);
  const board = useLeaderboard(metric, period);
  const reps = useReps();
  const statement = useStatement(period, rep);
  const names = new Map((reps.data ?? []).map((u) => [u.id, u.name]));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const days = daysOf(period, today);
  const trend = useQueries({
    queries: days.map((day) => ({
      queryKey: ['performance', 'figures', day, team, metric],
      enabled: team !== undefined,
      queryFn: () =>
        answerOf(rest.GET('/api/v1/performance/figures', { params: { query: { period: day, metric, subject: team as string } } })),
    })),
  });
  const close = useMutation({
    mutationFn: () =>
      answerOf(rest.POST('/api/v1/performance/periods/{id}/close', { params: { path: { id: `${session.me?.user.country}-${period}` } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['performance'] }),
  });
  const shown = (figures.data?.items ?? []).filter((f) => (FIELD_METRICS as readonly string[]).includes(f.metric));

  return (
    <section>
      <h1>{t('performance.title')}</h1>
      <div className="toolbar">
        <label>
          {t('performance.period')} <input type="month" value={period} onChange={(e) => e.target.value && setPeriod(e.target.value)} />
        </label>
        <label>
          {t('performance.metric')}{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value as MetricName)}>
            {FIELD_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`performance.metrics.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {session.can('performance:incentives') && (
          <button type="button" onClick={() => close.mutate()} disabled={close.isPending}>
            {t('performance.closePeriod')}
          </button>
        )}
      </div>
      <StatusLine error={figures.error ?? board.error ?? close.error} />
      {close.isSuccess && <p role="status">{t('performance.periodClosed', { count: close.data.statements })}</p>}
      <h2>{t('performance.teamFigures')}</h2>
      <FigureTiles figures={shown} onExplain={(m) => setExplained(m as MetricName)} />
      {explained && team && <ExplainList metric={explained} period={period} subject={team} />}
      <div className="performance-grid">
        <div>
          <h2>{t('performance.leaderboard')}</h2>
          <BarChart
            title={t('performance.leaderboardChart', { metric: t(`performance.metrics.${metric}`) })}
            bars={(board.data?.items ?? [])
              .slice(0, 10)
              .map((row) => ({ key: row.userId, label: names.get(row.userId) ?? row.userId.slice(0, 8), value: row.value }))}
            format={(v) => format.number(v)}
            onSelect={setRep}
          />
          <table>
            <thead>
              <tr>
                <th>{t('performance.rank')}</th>
                <th>{t('performance.rep')}</th>
                <th>{t('performance.value')}</th>
              </tr>
            </thead>
            <tbody>
              {(board.data?.items ?? []).map((row) => (
                <tr key={row.userId} aria-selected={row.userId === rep}>
                  <td>{row.rank}</td>
                  <td>
                    <button type="button" className="link" onClick={() => setRep(row.userId)}>
                      {names.get(row.userId) ?? row.userId.slice(0, 8)}
                    </button>
                  </td>
                  <td>{format.number(row.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>{t('performance.trend')}</h2>
          <LineChart
            title={t('performance.trendChart', { metric: t(`performance.metrics.${metric}`) })}
            points={days.map((day, i) => ({ label: day.slice(5), value: trend[i]?.data?.items[0]?.value ?? 0 }))}
            format={(v) => format.number(v)}
          />
          <h2>{t('performance.statement', { name: rep ? (names.get(rep) ?? '') : (session.me?.user.name ?? '') })}</h2>
          <StatusLine error={statement.error} />
          <StatementView statement={statement.data} />
        </div>
      </div>
    </section>
  );
}
