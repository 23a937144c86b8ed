import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { currentMonth, FIELD_METRICS, useFigures } from '../../shared/data/performance';
import { LEAD_STAGES, type Page } from '../../shared/data/records';
import { useFormat } from '../../shared/i18n/format';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';

const COUNTED = 200;

/** How many, with a "+" when the first page was full and there are more than it holds. */
function countOf<T>(page: Page<T> | undefined, format: (n: number) => string): string {
  if (!page) return '—';
  return `${format(page.items.length)}${page.nextCursor ? '+' : ''}`;
}

export function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const leads = useQuery({
    queryKey: ['dashboard', 'leads'],
    queryFn: () => answerOf(rest.GET('/api/v1/leads', { params: { query: { limit: COUNTED } } })),
  });
  const pool = useQuery({
    queryKey: ['dashboard', 'pool'],
    queryFn: () => answerOf(rest.GET('/api/v1/leads', { params: { query: { pool: 'public', limit: COUNTED } } })),
  });
  // Today on the clock of my country, the day the checkin service files each visit under.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: session.country?.timeZone }).format(new Date());
  const visits = useQuery({
    queryKey: ['dashboard', 'visits', today],
    // Visits come from the checkin service; where it is not deployed the tile says so instead of failing.
    queryFn: () =>
      answerOf(rest.GET('/api/v1/visits', { params: { query: { date: today, limit: COUNTED } } })).catch((error: unknown) => {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }),
  });
  // Totals from the performance service (every fact in my scope, not a first page counted here).
  const month = useFigures(currentMonth(session.country?.timeZone), session.me ? `org-unit:${session.me.user.orgUnitId}` : undefined);
  const visitItems = visits.data?.items ?? [];
  const verified = visitItems.filter((v) => v.verification === 'verified' || v.verification === 'approved').length;
  const flagged = visitItems.filter((v) => v.verification === 'pending-review' || v.verification === 'rejected').length;

  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      <p>{t('dashboard.greeting', { name: session.me?.user.name })}</p>
      <StatusLine error={leads.error ?? pool.error ?? visits.error} />
      <div className="tiles">
        <article className="tile">
          <h2>
            <Link to="/performance">{t('performance.monthTile')}</Link>
          </h2>
          <dl>
            {(month.data?.items ?? [])
              .filter((f) => (FIELD_METRICS as readonly string[]).includes(f.metric))
              .map((f) => (
                <div key={f.metric} className="tile-row">
                  <dt>{t(`performance.metrics.${f.metric}`)}</dt>
                  <dd>
                    {format.number(f.value)}
                    {f.attainment !== undefined && ` (${format.number(f.attainment * 100)}%)`}
                  </dd>
                </div>
              ))}
          </dl>
        </article>
        <article className="tile">
          <h2>{t('dashboard.visitsToday')}</h2>
          {visits.data === null ? (
            <p>{t('dashboard.visitsUnavailable')}</p>
          ) : (
            <dl>
              <dt>{t('dashboard.all')}</dt>
              <dd>{countOf(visits.data ?? undefined, format.number)}</dd>
              <dt>{t('dashboard.verified')}</dt>
              <dd>{format.number(verified)}</dd>
              <dt>{t('dashboard.flagged')}</dt>
              <dd>{format.number(flagged)}</dd>
            </dl>
          )}
        </article>
        <article className="tile">
          <h2>{t('dashboard.leadsByStage')}</h2>
          <dl>
            {LEAD_STAGES.map((stage) => (
              <div key={stage} className="tile-row">
                <dt>{t(`leads.stages.${stage}`)}</dt>
                <dd>{format.number((leads.data?.items ?? []).filter((lead) => lead.stage === stage).length)}</dd>
              </div>
            ))}
          </dl>
        </article>
        <article className="tile">
          <h2>{t('dashboard.pools')}</h2>
          <dl>
            <dt>{t('dashboard.publicPool')}</dt>
            <dd>{countOf(pool.data, format.number)}</dd>
            <dt>{t('dashboard.held')}</dt>
            <dd>{format.number((leads.data?.items ?? []).filter((lead) => lead.pool === 'private').length)}</dd>
          </dl>
        </article>
      </div>
    </section>
  );
}
