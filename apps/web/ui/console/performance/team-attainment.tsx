import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { BarChart } from '../../shared/charts/bar-chart';
import type { MetricName } from '../../shared/data/performance';
import { useFormat } from '../../shared/i18n/format';
import { StatusLine } from '../../shared/status-line';

/** A unit whose facts can be explained: its figure's subject and the name to show for it. */
export interface Explainable {
  subject: string;
  name: string;
}

/**
 * The units right under mine; a team, which has none, stands for itself. Each with its figure for the metric and
 * period, its target and attainment (figure ÷ target) as the performance service reports them.
 */
function useTeamFigures(metric: MetricName, period: string, unitId: string) {
  const children = useQuery({
    queryKey: ['/api/v1/org-units', { parentId: unitId }],
    queryFn: () => answerOf(rest.GET('/api/v1/org-units', { params: { query: { parentId: unitId, limit: 100 } } })),
  });
  const own = useQuery({
    queryKey: ['/api/v1/org-units', unitId],
    enabled: children.data?.items.length === 0,
    queryFn: () => answerOf(rest.GET('/api/v1/org-units/{id}', { params: { path: { id: unitId } } })),
  });
  const units = children.data?.items.length ? children.data.items : own.data ? [own.data] : [];
  const figures = useQueries({
    queries: units.map((unit) => ({
      queryKey: ['performance', 'figures', period, `org-unit:${unit.id}`, metric],
      queryFn: () =>
        answerOf(rest.GET('/api/v1/performance/figures', { params: { query: { period, metric, subject: `org-unit:${unit.id}` } } })),
    })),
  });
  const rows = units.map((unit, i) => ({ unit, figure: figures[i]?.data?.items[0] }));
  return { rows, error: children.error ?? own.error ?? figures.find((f) => f.error)?.error ?? null, pending: children.isPending };
}

/**
 * Attainment by team: a bar per unit under the viewer's (figure ÷ target, the target line at 100%) and the same
 * figures in a table; a bar or a unit's name opens the facts behind its figure.
 */
export function TeamAttainment({
  metric,
  period,
  unitId,
  onExplain,
}: {
  metric: MetricName;
  period: string;
  unitId: string;
  onExplain: (what: Explainable) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const { rows, error, pending } = useTeamFigures(metric, period, unitId);
  const metricName = t(`performance.metrics.${metric}`);
  const withTarget = rows.filter((row) => row.figure?.attainment !== undefined);
  const explain = (row: (typeof rows)[number]) => onExplain({ subject: `org-unit:${row.unit.id}`, name: row.unit.name });
  return (
    <>
      <StatusLine loading={pending} error={error} />
      {withTarget.length > 0 ? (
        <BarChart
          title={t('performance.attainmentChart', { metric: metricName })}
          bars={withTarget.map((row) => ({ key: row.unit.id, label: row.unit.name, value: row.figure?.attainment ?? 0 }))}
          format={(ratio) => percent.format(ratio)}
          reference={{ value: 1, label: t('performance.targetLine', { percent: percent.format(1) }) }}
          onSelect={(key) => {
            const row = rows.find((r) => r.unit.id === key);
            if (row) explain(row);
          }}
        />
      ) : (
        !pending && <p className="muted">{t('performance.noTeamTargets', { metric: metricName })}</p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('performance.team')}</th>
            <th>{t('performance.value')}</th>
            <th>{t('performance.target')}</th>
            <th>{t('performance.attainment')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unit.id}>
              <td>
                <button type="button" className="link" onClick={() => explain(row)}>
                  {row.unit.name}
                </button>
              </td>
              <td>{row.figure ? format.number(row.figure.value) : '…'}</td>
              <td>{row.figure?.target !== undefined ? format.number(row.figure.target) : '—'}</td>
              <td>{row.figure?.attainment !== undefined ? percent.format(row.figure.attainment) : t('performance.noTarget')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
