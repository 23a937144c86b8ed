import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, answerOf, rest } from '../../shared/api/client';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';

export type FollowUp = Answer<'listLeadFollowUps'>['items'][number];
const KINDS = ['call', 'visit', 'message', 'note'] as const;

/** A lead's follow-ups as the leads service lists them (newest first). */
export function useFollowUps(leadId: string) {
  return useQuery({
    queryKey: ['/api/v1/leads', 'follow-ups', leadId],
    queryFn: () => answerOf(rest.GET('/api/v1/leads/{id}/follow-ups', { params: { path: { id: leadId } } })),
  });
}

/** The holder records a call, visit, message or note, and when to follow up next; it extends the protection. */
export function FollowUpForm({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [kind, setKind] = useState<FollowUp['kind']>('call');
  const [note, setNote] = useState('');
  const [next, setNext] = useState('');
  const [problem, report, clear] = useFormProblem();

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      const nextFollowUpAt = next ? new Date(next).toISOString() : undefined;
      await answerOf(
        rest.POST('/api/v1/leads/{id}/follow-ups', {
          params: { path: { id: leadId } },
          body: { kind, note, ...(nextFollowUpAt ? { nextFollowUpAt } : {}) },
        }),
      );
      setNote('');
      setNext('');
      await queries.invalidateQueries({ queryKey: ['/api/v1/leads'] });
    } catch (error) {
      report(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={t('records.lead.addFollowUp')}>
      <h3>{t('records.lead.addFollowUp')}</h3>
      <SelectField label={t('records.lead.kind')} value={kind} onChange={(event) => setKind(event.target.value as FollowUp['kind'])}>
        {KINDS.map((option) => (
          <option key={option} value={option}>
            {t(`records.lead.kinds.${option}`)}
          </option>
        ))}
      </SelectField>
      <Field label={t('field.visit.notes')} value={note} onChange={(event) => setNote(event.target.value)} error={problem.fields.note} />
      <Field
        label={t('records.lead.nextFollowUp')}
        type="datetime-local"
        value={next}
        onChange={(event) => setNext(event.target.value)}
        error={problem.fields.nextFollowUpAt}
      />
      <FormError message={problem.message} />
      <button type="submit">{t('records.lead.record')}</button>
    </form>
  );
}
