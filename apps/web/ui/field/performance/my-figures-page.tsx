import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentMonth, FIELD_METRICS, type MetricName, useFigures, useLeaderboard, useStatement } from '../../shared/data/performance';
import { useFormat } from '../../shared/i18n/format';
import { ExplainList } from '../../shared/performance/explain-list';
import { FigureTiles } from '../../shared/performance/figure-tiles';
import { StatementView } from '../../shared/performance/statement-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';

/** A rep's own month: their figures against target, their rank on the team's board, what counted, and their pay. */
export function MyFiguresPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const period = currentMonth(session.country?.timeZone);
  const [explained, setExplained] = useState<MetricName | undefined>();
  const figures = useFigures(period);
  const board = useLeaderboard('verified-visits', period, 200);
  const statement = useStatement(period);
  const me = session.me?.user.id;
  const mine = board.data?.items.find((row) => row.userId === me);
  const shown = (figures.data?.items ?? []).filter((f) => (FIELD_METRICS as readonly string[]).includes(f.metric));
  return (
    <section>
      <h1>{t('performance.myFigures')}</h1>
      <StatusLine error={figures.error ?? board.error} />
      <p>
        {mine
          ? t('performance.myRank', { rank: format.number(mine.rank), count: format.number(board.data?.items.length ?? 0) })
          : t('performance.noRank')}
      </p>
      <FigureTiles figures={shown} onExplain={(m) => setExplained(m as MetricName)} />
      {explained && me && <ExplainList metric={explained} period={period} subject={`user:${me}`} />}
      <h2>{t('performance.myStatement')}</h2>
      <StatusLine error={statement.error} />
      <StatementView statement={statement.data} />
    </section>
  );
}
