import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { Field, FormError } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';

/** Asks for the merchant of a won lead; the merchant service creates it and the lead follows (a saga). */
export function LeadConvertForm({ leadId, name }: { leadId: string; name: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [legalName, setLegalName] = useState(name);
  const [businessId, setBusinessId] = useState('');
  const [problem, report, clear] = useFormProblem();

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await answerOf(
        rest.POST('/api/v1/leads/{id}/convert', { params: { path: { id: leadId } }, body: { legalName, businessId, brandName: name } }),
      );
      await queries.invalidateQueries({ queryKey: ['/api/v1/leads'] });
    } catch (error) {
      report(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={t('records.lead.convert')}>
      <h3>{t('records.lead.convert')}</h3>
      <Field
        label={t('merchants.legalName')}
        value={legalName}
        onChange={(event) => setLegalName(event.target.value)}
        error={problem.fields.legalName}
      />
      <Field
        label={t('merchants.businessId')}
        value={businessId}
        onChange={(event) => setBusinessId(event.target.value)}
        error={problem.fields.businessId}
      />
      <FormError message={problem.message} />
      <button type="submit">{t('records.lead.convertSubmit')}</button>
    </form>
  );
}
