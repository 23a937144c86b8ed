import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ProblemError } from '../../shared/api/problem';
import { type DuplicateCandidate, PLACE_CATEGORIES } from '../../shared/data/records';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import type { NewLeadBody } from '../offline/outbox';
import { sendOrQueue } from '../offline/sync-outbox';
import { usePosition } from '../offline/use-position';
import { DuplicateWarning } from './duplicate-warning';
import { LiveDuplicates } from './live-duplicates';

/** The candidates of a 409 duplicate answer, when that is what the problem is. */
export function duplicatesOf(problem: unknown): DuplicateCandidate[] | undefined {
  if (typeof problem !== 'object' || problem === null || !('candidates' in problem)) return undefined;
  return Array.isArray(problem.candidates) ? (problem.candidates as DuplicateCandidate[]) : undefined;
}

/** A new lead where the rep stands: sent at once, or queued offline; a duplicate nearby offers the existing lead. */
export function NewLeadPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { position, error: positionError } = usePosition();
  const [name, setName] = useState(params.get('name') ?? '');
  const [phone, setPhone] = useState(params.get('phone') ?? '');
  const [address, setAddress] = useState(params.get('address') ?? '');
  const [category, setCategory] = useState<NewLeadBody['category']>(
    PLACE_CATEGORIES.find((known) => known === params.get('category')) ?? 'restaurant',
  );
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | undefined>();
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | undefined>();
  const [problem, report, clear] = useFormProblem();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!position) return;
    setBusy(true);
    clear();
    setOutcome(undefined);
    setDuplicates(undefined);
    const body: NewLeadBody = {
      name,
      category,
      lat: position.lat,
      lng: position.lng,
      ...(phone.trim() ? { phone } : {}),
      ...(address.trim() ? { address } : {}),
    };
    try {
      const sent = await sendOrQueue({
        kind: 'lead',
        id: crypto.randomUUID(),
        createdAt: new Date().toISOString(),
        title: name,
        state: 'pending',
        body,
      });
      setOutcome(sent.queued ? t('field.newLead.queued') : t('field.newLead.created', { name }));
      if (!sent.queued) {
        setName('');
        setPhone('');
        setAddress('');
      }
    } catch (error) {
      const candidates = error instanceof ProblemError && error.status === 409 ? duplicatesOf(error.problem) : undefined;
      if (candidates) setDuplicates(candidates);
      else report(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>{t('field.newLead.title')}</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('field.newLead.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={problem.fields.name}
          required
        />
        <SelectField
          label={t('field.newLead.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value as NewLeadBody['category'])}
          error={problem.fields.category}
        >
          {PLACE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('field.newLead.phone')}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={problem.fields.phone}
        />
        <Field
          label={t('field.newLead.address')}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={problem.fields.address}
        />
        <p className="muted">
          {position ? t('field.position', { accuracy: Math.round(position.accuracyM) }) : (positionError ?? t('field.locating'))}
        </p>
        <LiveDuplicates
          name={name}
          phone={phone}
          position={position}
          onClaimed={(claimed) => {
            setOutcome(t('field.newLead.claimed', { name: claimed }));
            setName('');
          }}
        />
        <FormError message={problem.message} />
        <button type="submit" disabled={busy || !position || !name.trim()}>
          {t('field.newLead.submit')}
        </button>
      </form>
      {outcome && <p role="status">{outcome}</p>}
      {duplicates && (
        <DuplicateWarning candidates={duplicates} onClaimed={(claimed) => setOutcome(t('field.newLead.claimed', { name: claimed }))} />
      )}
    </section>
  );
}
