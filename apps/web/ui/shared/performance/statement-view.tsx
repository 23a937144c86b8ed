import { useTranslation } from 'react-i18next';
import { majorUnits, type Statement } from '../data/performance';
import { useFormat } from '../i18n/format';

/**
 * A rep's incentive statement: what each metric paid, the corrections to closed months, and the total. With
 * `onExplain`, each line's units open the facts behind them.
 */
export function StatementView({ statement, onExplain }: { statement: Statement | null | undefined; onExplain?: (metric: string) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (!statement) return <p>{t('performance.noStatement')}</p>;
  const money = (minor: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency: statement.currency }).format(
      majorUnits(minor) as Intl.StringNumericLiteral,
    );
  return (
    <div className="statement">
      <p>
        <strong>
          {statement.status === 'closed'
            ? t('performance.closedOn', { date: format.date(statement.closedAt) })
            : t('performance.openDraft')}
        </strong>
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('performance.metric')}</th>
            <th>{t('performance.units')}</th>
            <th>{t('performance.target')}</th>
            <th>{t('performance.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {statement.lines.map((line) => (
            <tr key={line.metric}>
              <td>{t(`performance.metrics.${line.metric}`, { defaultValue: line.metric })}</td>
              <td>
                {onExplain ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => onExplain(line.metric)}
                    aria-label={t('performance.explainUnits', {
                      units: format.number(line.units),
                      metric: t(`performance.metrics.${line.metric}`, { defaultValue: line.metric }),
                    })}
                  >
                    {format.number(line.units)}
                  </button>
                ) : (
                  format.number(line.units)
                )}
              </td>
              <td>{line.target === null ? '—' : `${format.number(line.target)} (${line.attainmentPercent}%)`}</td>
              <td>{money(line.amountMinor)}</td>
            </tr>
          ))}
          {statement.adjustments.map((adjustment) => (
            <tr key={adjustment.month}>
              <td colSpan={3}>
                {t('performance.adjustment', { month: adjustment.month })}:{' '}
                {adjustment.changes
                  .map((c) => `${t(`performance.metrics.${c.metric}`, { defaultValue: c.metric })} ${c.from} → ${c.to}`)
                  .join('; ')}
              </td>
              <td>{money(adjustment.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t('performance.total')}</th>
            <th>{money(statement.totalMinor)}</th>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
