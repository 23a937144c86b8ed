import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
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
import { TargetsEditor } from './targets-editor';
import { type Explainable, TeamAttainment } from './team-attainment';

/** The days of a month up to today, as YYYY-MM-DD. */
function daysOf(month: string, today: string): string[] {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const days = Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
  return days.filter((day) => day <= today);
}

/** A figure whose facts are shown: which metric, over which period, of whom. */
interface Explained extends Explainable {
  metric: MetricName;
  period: string;
}

/**
 * The team's performance: figures with targets, attainment by team beside the day-by-day trend, the leaderboard
 * as a chart and a table, and a rep's statement. Every figure opens the facts behind it (a tile, a bar, a day, a
 * statement line); a country manager closes the month here.
 */
export function PerformancePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const queries = useQueryClient();
  const timeZone = session.country?.timeZone;
  const [period, setPeriod] = useState(() => currentMonth(timeZone));
  const [metric, setMetric] = useState<MetricName>('verified-visits');
  const [explained, setExplained] = useState<Explained | undefined>();
  const [rep, setRep] = useState<string | undefined>();
  const facts = useRef<HTMLDivElement>(null);
  // Facts picked from a chart further down open above it: bring them into view.
  useEffect(() => {
    if (explained) facts.current?.scrollIntoView({ block: 'nearest' });
  }, [explained]);
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
  const myTeam = t('performance.myTeam');
  const nameOf = (userId: string) => names.get(userId) ?? userId.slice(0, 8);
  const explain = (what: Explainable, about: { metric?: MetricName; period?: string } = {}) =>
    setExplained({ metric: about.metric ?? metric, period: about.period ?? period, ...what });
  // A rep picked on the board: their statement, and the facts behind their figure.
  const pickRep = (userId: string) => {
    setRep(userId);
    explain({ subject: `user:${userId}`, name: nameOf(userId) });
  };

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
      {session.can('performance:target') && session.me && (
        <TargetsEditor metric={metric} period={period} unitId={session.me.user.orgUnitId} />
      )}
      <StatusLine error={figures.error ?? board.error ?? close.error} />
      {close.isSuccess && <p role="status">{t('performance.periodClosed', { count: close.data.statements })}</p>}
      <h2>{t('performance.teamFigures')}</h2>
      <FigureTiles figures={shown} onExplain={(m) => team && explain({ subject: team, name: myTeam }, { metric: m as MetricName })} />
      <div ref={facts}>
        {explained && (
          <>
            <ExplainList
              metric={explained.metric}
              period={explained.period}
              subject={explained.subject}
              about={t('performance.explainFor', { name: explained.name, period: explained.period })}
            />
            <button type="button" className="secondary" onClick={() => setExplained(undefined)}>
              {t('performance.closeFacts')}
            </button>
          </>
        )}
      </div>
      <div className="performance-grid">
        <div>
          <h2>{t('performance.byTeam')}</h2>
          {session.me && (
            <TeamAttainment metric={metric} period={period} unitId={session.me.user.orgUnitId} onExplain={(what) => explain(what)} />
          )}
        </div>
        <div>
          <h2>{t('performance.trend')}</h2>
          <LineChart
            title={t('performance.trendChart', { metric: t(`performance.metrics.${metric}`) })}
            points={days.map((day, i) => ({ key: day, label: day.slice(5), value: trend[i]?.data?.items[0]?.value ?? 0 }))}
            format={(v) => format.number(v)}
            onSelect={(day) => team && explain({ subject: team, name: myTeam }, { period: day })}
          />
        </div>
        <div>
          <h2>{t('performance.leaderboard')}</h2>
          <BarChart
            title={t('performance.leaderboardChart', { metric: t(`performance.metrics.${metric}`) })}
            bars={(board.data?.items ?? []).slice(0, 10).map((row) => ({ key: row.userId, label: nameOf(row.userId), value: row.value }))}
            format={(v) => format.number(v)}
            onSelect={pickRep}
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
                    <button type="button" className="link" onClick={() => pickRep(row.userId)}>
                      {nameOf(row.userId)}
                    </button>
                  </td>
                  <td>{format.number(row.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>{t('performance.statement', { name: rep ? (names.get(rep) ?? '') : (session.me?.user.name ?? '') })}</h2>
          <StatusLine error={statement.error} />
          <StatementView
            statement={statement.data}
            onExplain={(m) => {
              const userId = rep ?? session.me?.user.id;
              if (userId)
                explain(
                  { subject: `user:${userId}`, name: rep ? nameOf(rep) : (session.me?.user.name ?? '') },
                  { metric: m as MetricName },
                );
            }}
          />
        </div>
      </div>
    </section>
  );
}
