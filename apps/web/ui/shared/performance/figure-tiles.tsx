import { useTranslation } from 'react-i18next';
import type { Figure } from '../data/performance';
import { useFormat } from '../i18n/format';

/** One tile per metric: the figure, its target and attainment; picking one opens the facts behind it. */
export function FigureTiles({ figures, onExplain }: { figures: Figure[]; onExplain?: (metric: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="figure-tiles">
      {figures.map((f) => (
        <article key={f.metric} className="figure-tile">
          <h3>{t(`performance.metrics.${f.metric}`, { defaultValue: f.metric })}</h3>
          <p className="value">{format.number(f.value)}</p>
          {f.target !== undefined ? (
            <>
              <meter min={0} max={Math.max(f.target, f.value, 1)} value={f.value} aria-label={t('performance.attainment')} />
              <p>
                {t('performance.ofTarget', { target: format.number(f.target) })}
                {f.attainment !== undefined && ` · ${format.number(f.attainment * 100)}%`}
              </p>
            </>
          ) : (
            <p>{t('performance.noTarget')}</p>
          )}
          {onExplain && (
            <button type="button" className="secondary" onClick={() => onExplain(f.metric)}>
              {t('performance.explain')}
            </button>
          )}
        </article>
      ))}
    </div>
  );
}
