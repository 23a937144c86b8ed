import { useTranslation } from 'react-i18next';
import { type MetricName, useExplain } from '../data/performance';
import { useFormat } from '../i18n/format';
import { StatusLine } from '../status-line';

/** Each credited source's page in the console (the field app's rep opens the same pages). */
const LINKS: Record<string, string> = { lead: '/leads/', merchant: '/merchants/', visit: '/visits/', ticket: '/tickets/' };

/**
 * The facts behind a figure: what each credits, when, and by how much; their credits sum to the figure. `about`
 * says whose figure and when, where a page explains more than one subject.
 */
export function ExplainList({ metric, period, subject, about }: { metric: MetricName; period: string; subject: string; about?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const explain = useExplain(metric, period, subject);
  const facts = explain.data?.facts ?? [];
  return (
    <section aria-labelledby="explain-title">
      <h2 id="explain-title">
        {t('performance.explainTitle', { metric: t(`performance.metrics.${metric}`), value: format.number(explain.data?.value ?? 0) })}
      </h2>
      {about && <p className="muted">{about}</p>}
      <StatusLine error={explain.error} />
      {facts.length === 0 && explain.data && <p>{t('performance.noFacts')}</p>}
      {facts.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('performance.occurredAt')}</th>
              <th>{t('performance.source')}</th>
              <th>{t('performance.credit')}</th>
            </tr>
          </thead>
          <tbody>
            {facts.map((fact) => (
              <tr key={fact.id}>
                <td>{format.dateTime(fact.occurredAt)}</td>
                <td>
                  {LINKS[fact.sourceType] ? (
                    <a href={`${LINKS[fact.sourceType]}${fact.sourceId}`}>{t(`performance.sources.${fact.sourceType}`)}</a>
                  ) : (
                    t(`performance.sources.${fact.sourceType}`, { defaultValue: fact.sourceType })
                  )}
                  {fact.reverses && ` · ${t('performance.correction')}`}
                </td>
                <td>{fact.credit > 0 ? `+${fact.credit}` : fact.credit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {explain.data?.nextCursor && <p>{t('performance.moreFacts')}</p>}
    </section>
  );
}
