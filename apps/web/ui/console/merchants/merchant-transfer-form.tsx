import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { useReps } from '../../shared/data/use-reps';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';

/** Gives the merchant to another rep, with a reason that goes into its history. */
export function MerchantTransferForm({ merchantId, ownerId, onDone }: { merchantId: string; ownerId: string | null; onDone(): void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const reps = useReps();
  const [repId, setRepId] = useState('');
  const [reason, setReason] = useState('');
  const [problem, report, clear] = useFormProblem();

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      const answer = await answerOf(
        rest.POST('/api/v1/merchants/{id}/transfer', { params: { path: { id: merchantId } }, body: { ownerId: repId, reason } }),
      );
      const refused = answer.results.find((result) => !result.ok);
      if (refused) throw new Error(refused.error ?? t('records.merchant.transferRefused'));
      await queries.invalidateQueries({ queryKey: ['merchant'] });
      onDone();
    } catch (error) {
      report(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={t('records.merchant.transfer')}>
      <h2>{t('records.merchant.transfer')}</h2>
      <SelectField
        label={t('records.merchant.newOwner')}
        value={repId}
        onChange={(event) => setRepId(event.target.value)}
        error={problem.fields.ownerId}
      >
        <option value="">—</option>
        {(reps.data ?? [])
          .filter((rep) => rep.id !== ownerId)
          .map((rep) => (
            <option key={rep.id} value={rep.id}>
              {rep.name}
            </option>
          ))}
      </SelectField>
      <Field label={t('reviews.reason')} value={reason} onChange={(event) => setReason(event.target.value)} error={problem.fields.reason} />
      <FormError message={problem.message} />
      <div className="actions">
        <button type="submit" disabled={!repId}>
          {t('records.merchant.transferSubmit')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
