import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, answerOf, rest } from '../api/client';
import { optionLabel, questionLabel } from './answer-labels';

type Visit = Answer<'getVisit'>;

/**
 * The check-out answers under their questions, both in the user's language: a choice shows its option's label
 * (a payment brand by its name), never its id. A text answer is shown as the rep wrote it.
 */
export function VisitAnswers({ visit }: { visit: Pick<Visit, 'targetType' | 'answers'> }) {
  const { t } = useTranslation();
  const template = useQuery({
    queryKey: ['visit-template', visit.targetType],
    staleTime: 60 * 60_000,
    queryFn: () => answerOf(rest.GET('/api/v1/visits/templates/{targetType}', { params: { path: { targetType: visit.targetType } } })),
  });
  const entries = Object.entries(visit.answers);
  if (entries.length === 0) return <p>{t('records.noAnswers')}</p>;
  const questionOf = (id: string) => template.data?.questions.find((q) => q.id === id);
  const shown = (id: string, value: unknown) => {
    if (typeof value === 'boolean') return t(value ? 'records.yes' : 'records.no');
    if (typeof value === 'string' && questionOf(id)?.type !== 'text') return optionLabel(t, value);
    return String(value);
  };
  return (
    <dl className="facts answers">
      {entries.map(([id, value]) => (
        <Fragment key={id}>
          <dt>{questionLabel(t, id, questionOf(id)?.label)}</dt>
          <dd>{shown(id, value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
