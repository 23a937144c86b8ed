import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { etagOf } from '../../shared/data/etag';
import { type Merchant, PLACE_CATEGORIES } from '../../shared/data/records';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';

const TIERS = ['A', 'B', 'C'] as const;

const profileOf = (merchant: Merchant) => ({
  legalName: merchant.legalName,
  brandName: merchant.brandName,
  category: merchant.category,
  tier: merchant.tier,
  address: merchant.address,
});

/**
 * The merchant's profile as a form. It sends the version it was opened on (`If-Match`), so a change someone else
 * made meanwhile is not overwritten: the 412 says so and the form reloads the merchant.
 */
export function MerchantEditForm({ merchant, onDone }: { merchant: Merchant; onDone(): void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [form, setForm] = useState(() => profileOf(merchant));
  // The version the form shows; If-Match sends it, so a change made meanwhile is refused rather than overwritten.
  const [shown, setShown] = useState(merchant.version);
  const [problem, report, clear] = useFormProblem();
  const [stale, setStale] = useState(false);
  // After a refusal the merchant is read again: the form then shows the other person's version to check.
  useEffect(() => {
    if (stale && merchant.version !== shown) {
      setForm(profileOf(merchant));
      setShown(merchant.version);
    }
  }, [stale, merchant, shown]);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await answerOf(
        rest.PATCH('/api/v1/merchants/{id}', {
          params: { path: { id: merchant.id } },
          headers: { 'if-match': etagOf(shown) },
          body: form,
        }),
      );
      await queries.invalidateQueries({ queryKey: ['merchant'] });
      onDone();
    } catch (error) {
      if (error instanceof ProblemError && error.status === 412) {
        setStale(true);
        await queries.invalidateQueries({ queryKey: ['merchant'] });
      } else report(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={t('records.merchant.edit')}>
      <h2>{t('records.merchant.edit')}</h2>
      <Field label={t('merchants.legalName')} value={form.legalName} onChange={set('legalName')} error={problem.fields.legalName} />
      <Field label={t('records.merchant.brandName')} value={form.brandName} onChange={set('brandName')} error={problem.fields.brandName} />
      <SelectField label={t('merchants.category')} value={form.category} onChange={set('category')} error={problem.fields.category}>
        {PLACE_CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {t(`categories.${category}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('records.merchant.tier')} value={form.tier} onChange={set('tier')} error={problem.fields.tier}>
        {TIERS.map((tier) => (
          <option key={tier} value={tier}>
            {tier}
          </option>
        ))}
      </SelectField>
      <Field label={t('merchants.address')} value={form.address} onChange={set('address')} error={problem.fields.address} />
      {stale && (
        <p className="form-error" role="alert">
          {t('records.merchant.changedMeanwhile')}
        </p>
      )}
      <FormError message={problem.message} />
      <div className="actions">
        <button type="submit">{t('common.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
