import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  currentDay,
  currentMonth,
  FIELD_METRICS,
  type MetricName,
  useFigures,
  useLeaderboard,
  useStatement,
  useUncounted,
} from '../../shared/data/performance';
import { useFormat } from '../../shared/i18n/format';
import { ExplainList } from '../../shared/performance/explain-list';
import { FigureTiles } from '../../shared/performance/figure-tiles';
import { StatementView } from '../../shared/performance/statement-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { RiskSignals } from '../../shared/visits/risk-signals';
import { useVisit } from '../../shared/visits/use-visit';

const SHOWN: readonly string[] = FIELD_METRICS;
const UNCOUNTED_SHOWN = 50;

/**
 * Why a visit waits for review, in the reader's language: the check-in service's signals read from the visit; the
 * performance service's English words stand in until then (or offline).
 */
function FlaggedBecause({ visitId, detail }: { visitId: string; detail: string }) {
  const { t } = useTranslation();
  const visit = useVisit(visitId);
  if (visit.data) return <RiskSignals signals={visit.data.riskSignals} distanceM={visit.data.distanceM} />;
  return detail ? <p className="muted">{t('tiles.field.because', { detail })}</p> : null;
}

/**
 * A rep's own figures: today and this month against target, their rank on the team's board, what counted and what
 * did not (and why: a visit waiting for review, a rejected one, a duplicate lead), and their pay.
 */
export function MyFiguresPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const timeZone = session.country?.timeZone;
  const period = currentMonth(timeZone);
  const today = currentDay(timeZone);
  const [explained, setExplained] = useState<MetricName | undefined>();
  const figures = useFigures(period);
  const todays = useFigures(today);
  const board = useLeaderboard('verified-visits', period, 200);
  const uncounted = useUncounted(period, UNCOUNTED_SHOWN);
  const statement = useStatement(period);
  const me = session.me?.user.id;
  const mine = board.data?.items.find((row) => row.userId === me);
  const shown = (figures.data?.items ?? []).filter((f) => SHOWN.includes(f.metric));
  const todayShown = (todays.data?.items ?? []).filter((f) => SHOWN.includes(f.metric));
  const notCounted = uncounted.data?.items ?? [];
  return (
    <section>
      <h1>{t('performance.myFigures')}</h1>
      <StatusLine error={figures.error ?? todays.error ?? board.error} />
      <p>
        {mine
          ? t('performance.myRank', { rank: format.number(mine.rank), count: format.number(board.data?.items.length ?? 0) })
          : t('performance.noRank')}
      </p>
      <h2>{t('tiles.field.today')}</h2>
      <dl className="today-figures">
        {todayShown.map((f) => (
          <div key={f.metric}>
            <dt>{t(`performance.metrics.${f.metric}`)}</dt>
            <dd>{format.number(f.value)}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('tiles.field.thisMonth')}</h2>
      <FigureTiles figures={shown} onExplain={(m) => setExplained(m as MetricName)} />
      {explained && me && <ExplainList metric={explained} period={period} subject={`user:${me}`} />}
      <h2 id="not-counted">{t('tiles.field.notCounted')}</h2>
      <StatusLine error={uncounted.error} />
      {uncounted.data && notCounted.length === 0 && <p>{t('tiles.field.allCounted')}</p>}
      {notCounted.length > 0 && (
        <ul className="not-counted" aria-labelledby="not-counted">
          {notCounted.map((item) => (
            <li key={`${item.metric}/${item.sourceId}`}>
              <p>
                <strong>
                  {item.sourceType === 'visit' ? (
                    <Link to={`/visits/${item.sourceId}`}>{t(`performance.metrics.${item.metric}`, { defaultValue: item.metric })}</Link>
                  ) : (
                    t(`performance.metrics.${item.metric}`, { defaultValue: item.metric })
                  )}
                </strong>
                <span className="muted"> · {format.dateTime(item.occurredAt)}</span>
              </p>
              <p>{t(`tiles.field.reasons.${item.reason}`)}</p>
              {item.reason === 'awaiting-review' && item.sourceType === 'visit' ? (
                <FlaggedBecause visitId={item.sourceId} detail={item.detail} />
              ) : (
                item.detail && <p className="muted">{t('tiles.field.because', { detail: item.detail })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {uncounted.data?.nextCursor && <p className="muted">{t('tiles.field.latestShown', { count: UNCOUNTED_SHOWN })}</p>}
      <h2>{t('performance.myStatement')}</h2>
      <StatusLine error={statement.error} />
      <StatementView statement={statement.data} />
    </section>
  );
}
