import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { answerOf, type BodyOf, rest } from '../../shared/api/client';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useSession } from '../../shared/session/session';
import { CAMPAIGN_TYPES, minorDigits, type SegmentFilters } from './campaign-data';
import { SegmentFiltersForm } from './segment-filters-form';
import { SegmentPreviewPanel } from './segment-preview';
import './campaigns.css';

/** The languages a campaign's terms may be written in; English is required and the fallback. */
const TERM_LOCALES = ['en', 'zh-CN', 'pt-BR', 'id'] as const;
type TermLocale = (typeof TERM_LOCALES)[number];

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Whole major units typed by a person as minor units (no floating point: "12.5" SGD → 1250). */
function toMinor(value: string, digits: number): number {
  const [whole = '0', fraction = ''] = value.trim().split('.');
  return Number(whole || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
}

/**
 * Builds a campaign: who gets it (the segment, counted live and sampled on a map), what it costs (budget, cost per
 * merchant, cap), the share held out for comparison, terms per language, and the reps' talking points. It is saved
 * as a draft, or saved, scheduled and launched in one go.
 */
export function CampaignBuilderPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const languageName = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const currency = session.country?.currency ?? 'USD';
  const digits = minorDigits(currency);
  const [name, setName] = useState('');
  const [type, setType] = useState<(typeof CAMPAIGN_TYPES)[number]>('subsidy');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState(inDays(30));
  const [budget, setBudget] = useState('1000');
  const [cost, setCost] = useState('10');
  const [cap, setCap] = useState('100');
  const [holdout, setHoldout] = useState('10');
  const [terms, setTerms] = useState<Record<TermLocale, string>>({ en: '', 'zh-CN': '', 'pt-BR': '', id: '' });
  const [talkingPoints, setTalkingPoints] = useState('');
  const [filters, setFilters] = useState<SegmentFilters>({});
  const [dailyRefresh, setDailyRefresh] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, report, clear] = useFormProblem();
  const costMinor = toMinor(cost, digits);
  const affordable = costMinor > 0 ? Math.floor(toMinor(budget, digits) / costMinor) : 0;

  async function save(launch: boolean, event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    clear();
    try {
      const body: BodyOf<'createCampaign'> = {
        name,
        type,
        startsAt: new Date(`${startsOn}T00:00:00Z`).toISOString(),
        endsAt: new Date(`${endsOn}T23:59:59Z`).toISOString(),
        budgetMinor: toMinor(budget, digits),
        costMinor,
        cap: Number(cap),
        terms: Object.fromEntries(
          TERM_LOCALES.filter((l) => l === 'en' || terms[l].trim()).map((l) => [l, terms[l]]),
        ) as BodyOf<'createCampaign'>['terms'],
        talkingPoints,
        filters,
        dailyRefresh,
      };
      const created = await answerOf(rest.POST('/api/v1/campaigns', { body }));
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      // Saved: a launch refused from here on is shown on the campaign's own page, where it can be tried again.
      let launchError: string | undefined;
      if (launch) {
        const path = { id: created.id };
        try {
          await answerOf(rest.POST('/api/v1/campaigns/{id}/transitions', { params: { path }, body: { to: 'scheduled' } }));
          await answerOf(rest.POST('/api/v1/campaigns/{id}/launch', { params: { path }, body: { holdoutShare: Number(holdout) / 100 } }));
        } catch (error) {
          launchError = error instanceof Error ? error.message : String(error);
        }
      }
      void navigate(`/campaigns/${created.id}`, { state: { launchError, holdout: Number(holdout) } });
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  const unit = { currency };
  return (
    <section className="campaign-builder">
      <h1>{t('campaigns.builder.title')}</h1>
      <form onSubmit={(event) => void save(false, event)} noValidate aria-label={t('campaigns.builder.title')}>
        <div className="builder-columns">
          <div>
            <h2>{t('campaigns.builder.basics')}</h2>
            <Field
              label={t('campaigns.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={problem.fields.name}
              required
            />
            <SelectField label={t('campaigns.type')} value={type} onChange={(e) => setType(e.target.value as typeof type)}>
              {CAMPAIGN_TYPES.map((value) => (
                <option key={value} value={value}>
                  {t(`campaigns.types.${value}`)}
                </option>
              ))}
            </SelectField>
            <div className="field-row">
              <Field
                label={t('campaigns.builder.startsAt')}
                type="date"
                value={startsOn}
                onChange={(e) => setStartsOn(e.target.value)}
                error={problem.fields.startsAt}
              />
              <Field
                label={t('campaigns.builder.endsAt')}
                type="date"
                value={endsOn}
                onChange={(e) => setEndsOn(e.target.value)}
                error={problem.fields.endsAt}
              />
            </div>
            <h2>{t('campaigns.builder.money')}</h2>
            <div className="field-row">
              <Field
                label={t('campaigns.builder.budget', unit)}
                inputMode="decimal"
                value={budget}
                onChange={(e) => setBudget(e.target.value)}
                error={problem.fields.budgetMinor}
              />
              <Field
                label={t('campaigns.builder.cost', unit)}
                inputMode="decimal"
                value={cost}
                onChange={(e) => setCost(e.target.value)}
                error={problem.fields.costMinor}
              />
            </div>
            <div className="field-row">
              <Field
                label={t('campaigns.builder.cap')}
                type="number"
                min={1}
                value={cap}
                onChange={(e) => setCap(e.target.value)}
                error={problem.fields.cap}
              />
              <Field
                label={t('campaigns.builder.holdout')}
                type="number"
                min={0}
                max={50}
                value={holdout}
                onChange={(e) => setHoldout(e.target.value)}
                error={problem.fields.holdoutShare}
              />
            </div>
            <p className="muted">
              {t('campaigns.builder.limit', { count: affordable, limit: Math.min(affordable, Number(cap) || 0) })}{' '}
              {t('campaigns.builder.holdoutHelp')}
            </p>
            <h2>{t('campaigns.builder.terms')}</h2>
            {TERM_LOCALES.map((locale) => (
              <div className="field" key={locale}>
                <label htmlFor={`terms-${locale}`}>{t('campaigns.builder.termsIn', { language: languageName.of(locale) ?? locale })}</label>
                <textarea
                  id={`terms-${locale}`}
                  rows={2}
                  lang={locale}
                  value={terms[locale]}
                  onChange={(e) => setTerms({ ...terms, [locale]: e.target.value })}
                  aria-invalid={problem.fields[`terms.${locale}`] ? true : undefined}
                />
                {problem.fields[`terms.${locale}`] && <p className="field-error">{problem.fields[`terms.${locale}`]}</p>}
              </div>
            ))}
            <div className="field">
              <label htmlFor="talking-points">{t('campaigns.builder.talkingPoints')}</label>
              <textarea id="talking-points" rows={3} value={talkingPoints} onChange={(e) => setTalkingPoints(e.target.value)} />
            </div>
          </div>
          <div>
            <h2>{t('campaigns.segment.title')}</h2>
            <SegmentPreviewPanel filters={filters} />
            <SegmentFiltersForm filters={filters} onChange={setFilters} errors={problem.fields} />
            <label className="check">
              <input type="checkbox" checked={dailyRefresh} onChange={(e) => setDailyRefresh(e.target.checked)} />{' '}
              {t('campaigns.builder.dailyRefresh')}
            </label>
            <p className="muted">{t('campaigns.builder.dailyRefreshHelp')}</p>
          </div>
        </div>
        <FormError
          message={problem.message ?? (Object.keys(problem.fields).length ? Object.values(problem.fields).join('; ') : undefined)}
        />
        <div className="actions">
          <button type="submit" className="secondary" disabled={busy}>
            {t('campaigns.builder.saveDraft')}
          </button>
          <button type="button" disabled={busy} onClick={() => void save(true)}>
            {t('campaigns.builder.launch')}
          </button>
        </div>
      </form>
    </section>
  );
}
