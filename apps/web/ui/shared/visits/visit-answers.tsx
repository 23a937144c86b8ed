import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, answerOf, rest } from '../api/client';

type Visit = Answer<'getVisit'>;

/** The check-out answers under the questions of the country's template; an answer no question names shows its key. */
export function VisitAnswers({ visit }: { visit: Pick<Visit, 'targetType' | 'answers'> }) {
  const { t } = useTranslation();
  const template = useQuery({
    queryKey: ['visit-template', visit.targetType],
    staleTime: 60 * 60_000,
    queryFn: () => answerOf(rest.GET('/api/v1/visits/templates/{targetType}', { params: { path: { targetType: visit.targetType } } })),
  });
  const entries = Object.entries(visit.answers);
  if (entries.length === 0) return <p>{t('records.noAnswers')}</p>;
  const labelOf = (id: string) => template.data?.questions.find((q) => q.id === id)?.label ?? id;
  const shown = (value: unknown) => (typeof value === 'boolean' ? t(value ? 'records.yes' : 'records.no') : String(value));
  return (
    <dl className="facts answers">
      {entries.map(([id, value]) => (
        <Fragment key={id}>
          <dt>{labelOf(id)}</dt>
          <dd>{shown(value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
