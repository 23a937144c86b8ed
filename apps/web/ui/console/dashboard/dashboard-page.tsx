import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { currentDay, currentMonth, FIELD_METRICS, type Figure, type MetricName, useFigures } from '../../shared/data/performance';
import { LEAD_STAGES } from '../../shared/data/records';
import { useFormat } from '../../shared/i18n/format';
import { ExplainList } from '../../shared/performance/explain-list';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';

/** Stages a lead is still being worked in. */
const OPEN_STAGES = ['new', 'contacted', 'qualified', 'negotiating'] as const;

/** A read of a service this installation may not run: null when it answers 404, so the tile says so. */
function unlessAbsent<T>(read: Promise<T>): Promise<T | null> {
  return read.catch((error: unknown) => {
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  });
}

type Verification = 'pending-review' | 'rejected';

/** How many of today's visits the checkin service holds in my scope (of one verification): its total, not a page. */
function useVisitTotal(date: string, verification?: Verification) {
  return useQuery({
    queryKey: ['dashboard', 'visits', date, verification ?? 'all'],
    queryFn: () =>
      unlessAbsent(
        answerOf(
          rest.GET('/api/v1/visits', { params: { query: { date, limit: 1, withTotal: true, ...(verification ? { verification } : {}) } } }),
        ),
      ).then((page) => (page === null ? null : (page.total ?? 0))),
  });
}

/**
 * The manager's first screen: every tile a total over my whole scope, never a count of a first page. Performance
 * figures come from the performance service (today and this month, my team); today's visits from the checkin
 * service's totals; leads by stage and pool from the search read model's facets. Each figure opens the facts behind
 * it below the tiles (`?explain=metric&period=`), each count the list it counts.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const timeZone = session.country?.timeZone;
  const today = currentDay(timeZone);
  const month = currentMonth(timeZone);
  const team = session.me ? `org-unit:${session.me.user.orgUnitId}` : undefined;
  const todays = useFigures(today, team);
  const months = useFigures(month, team);
  const leads = useQuery({
    queryKey: ['dashboard', 'lead-facets'],
    queryFn: () => answerOf(rest.GET('/api/v1/search', { params: { query: { type: 'lead', facets: 'stage,pool', limit: 1 } } })),
  });
  const allVisits = useVisitTotal(today);
  const awaiting = useVisitTotal(today, 'pending-review');
  const rejected = useVisitTotal(today, 'rejected');
  const explained = params.get('explain') as MetricName | null;
  const explainedPeriod = params.get('period') ?? month;
  const facts = useRef<HTMLDivElement>(null);
  // The facts open below the tiles: on a phone that is a screen or more away, so they are brought into view.
  const shownFacts = explained ? `${explained}/${explainedPeriod}` : undefined;
  useEffect(() => {
    if (shownFacts) facts.current?.scrollIntoView({ block: 'start' });
  }, [shownFacts]);

  const figureError = [todays.error, months.error].find((e) => e && !(e instanceof ProblemError && e.status === 404));
  const figuresAbsent = [todays.error, months.error].some((e) => e instanceof ProblemError && e.status === 404);
  const figureOf = (figures: { items: Figure[] } | undefined, metric: string) => figures?.items.find((f) => f.metric === metric);
  const count = (n: number | null | undefined) => (n === undefined || n === null ? '—' : format.number(n));
  const stages = leads.data?.facets.stage ?? {};
  const pools = leads.data?.facets.pool ?? {};
  const openLeads = leads.data ? OPEN_STAGES.reduce((sum, stage) => sum + (stages[stage] ?? 0), 0) : undefined;

  /** A figure as a link to the facts behind it. */
  const figureLink = (metric: string, period: string, figure: Figure | undefined, periodName: string) =>
    figure ? (
      <Link
        to={`?explain=${metric}&period=${period}`}
        aria-label={t('tiles.dashboard.explainLink', {
          metric: t(`performance.metrics.${metric}`),
          period: periodName,
          value: format.number(figure.value),
        })}
      >
        {format.number(figure.value)}
      </Link>
    ) : (
      '—'
    );

  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      <p>{t('dashboard.greeting', { name: session.me?.user.name })}</p>
      <StatusLine error={leads.error ?? allVisits.error ?? awaiting.error ?? rejected.error ?? figureError} />
      <div className="tiles">
        <article className="tile tile-wide" aria-labelledby="tile-figures">
          <h2 id="tile-figures">
            <Link to="/performance">{t('performance.monthTile')}</Link>
          </h2>
          {figuresAbsent ? (
            <p>{t('tiles.dashboard.figuresUnavailable')}</p>
          ) : (
            <table className="tile-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('performance.metric')}</span>
                  </th>
                  <th scope="col">{t('tiles.dashboard.today')}</th>
                  <th scope="col">{t('tiles.dashboard.month')}</th>
                </tr>
              </thead>
              <tbody>
                {FIELD_METRICS.map((metric) => {
                  const monthFigure = figureOf(months.data, metric);
                  return (
                    <tr key={metric}>
                      <th scope="row">{t(`performance.metrics.${metric}`)}</th>
                      <td>{figureLink(metric, today, figureOf(todays.data, metric), t('tiles.dashboard.today'))}</td>
                      <td>
                        {figureLink(metric, month, monthFigure, t('tiles.dashboard.month'))}
                        {monthFigure?.attainment !== undefined && (
                          <span className="muted"> ({format.number(monthFigure.attainment * 100)}%)</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </article>
        <article className="tile" aria-labelledby="tile-visits">
          <h2 id="tile-visits">
            {/* The facts behind today's verified visits where the performance service runs, else the review queue. */}
            <Link to={figuresAbsent ? '/reviews' : `?explain=verified-visits&period=${today}`}>{t('dashboard.visitsToday')}</Link>
          </h2>
          {allVisits.data === null ? (
            <p>{t('dashboard.visitsUnavailable')}</p>
          ) : (
            <dl>
              <div className="tile-row">
                <dt>{t('dashboard.all')}</dt>
                <dd>{count(allVisits.data)}</dd>
              </div>
              <div className="tile-row">
                <dt>{t('dashboard.verified')}</dt>
                <dd>{figureLink('verified-visits', today, figureOf(todays.data, 'verified-visits'), t('tiles.dashboard.today'))}</dd>
              </div>
              <div className="tile-row">
                <dt>{t('tiles.dashboard.awaitingReview')}</dt>
                <dd>{awaiting.data ? <Link to="/reviews">{count(awaiting.data)}</Link> : count(awaiting.data)}</dd>
              </div>
              <div className="tile-row">
                <dt>{t('tiles.dashboard.rejected')}</dt>
                <dd>{count(rejected.data)}</dd>
              </div>
            </dl>
          )}
        </article>
        <article className="tile" aria-labelledby="tile-leads">
          <h2 id="tile-leads">
            <Link to="/leads">{t('dashboard.leadsByStage')}</Link>
          </h2>
          <dl>
            <div className="tile-row">
              <dt>{t('tiles.dashboard.openLeads')}</dt>
              <dd>{count(openLeads)}</dd>
            </div>
            {LEAD_STAGES.map((stage) => (
              <div key={stage} className="tile-row">
                <dt>{t(`leads.stages.${stage}`)}</dt>
                <dd>{count(leads.data ? (stages[stage] ?? 0) : undefined)}</dd>
              </div>
            ))}
          </dl>
        </article>
        <article className="tile" aria-labelledby="tile-pools">
          <h2 id="tile-pools">
            <Link to="/leads?tab=pool">{t('dashboard.pools')}</Link>
          </h2>
          <dl>
            <div className="tile-row">
              <dt>{t('dashboard.publicPool')}</dt>
              <dd>{count(leads.data ? (pools.public ?? 0) : undefined)}</dd>
            </div>
            <div className="tile-row">
              <dt>{t('dashboard.held')}</dt>
              <dd>{count(leads.data ? (pools.private ?? 0) : undefined)}</dd>
            </div>
          </dl>
        </article>
      </div>
      {explained && (FIELD_METRICS as readonly string[]).includes(explained) && team && (
        <div className="tile-explain" ref={facts}>
          <ExplainList metric={explained} period={explainedPeriod} subject={team} />
          <button type="button" className="secondary" onClick={() => setParams({}, { replace: true })}>
            {t('tiles.dashboard.closeExplain')}
          </button>
        </div>
      )}
    </section>
  );
}
