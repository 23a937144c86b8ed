import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import type { DuplicateCandidate } from '../../shared/data/records';
import { FormError } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';

/** The lead already exists nearby: show who it is and offer to claim it instead of making a second one. */
export function DuplicateWarning({ candidates, onClaimed }: { candidates: DuplicateCandidate[]; onClaimed(name: string): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const claim = useMutation({
    mutationFn: (candidate: DuplicateCandidate) =>
      answerOf(rest.POST('/api/v1/leads/{id}/claim', { params: { path: { id: candidate.id } } })),
    onSuccess: (_lead, candidate) => onClaimed(candidate.name),
  });
  return (
    <section className="warning" role="alert" aria-label={t('field.duplicate.title')}>
      <h2>{t('field.duplicate.title')}</h2>
      <p>{t('field.duplicate.explain')}</p>
      <ul>
        {candidates.map((candidate) => (
          <li key={candidate.id}>
            <strong>{candidate.name}</strong> · {format.distance(candidate.distance)} ·{' '}
            {candidate.pool === 'public' ? t('field.duplicate.inPool') : t('field.duplicate.held')}
            {candidate.pool === 'public' && (
              <button type="button" disabled={claim.isPending} onClick={() => claim.mutate(candidate)}>
                {t('field.duplicate.claim')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormError message={claim.error?.message} />
    </section>
  );
}
