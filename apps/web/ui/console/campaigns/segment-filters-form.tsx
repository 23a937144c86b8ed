import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { MERCHANT_STATUSES, PLACE_CATEGORIES } from '../../shared/data/records';
import { useReps } from '../../shared/data/use-reps';
import { Field, SelectField } from '../../shared/forms/field';
import type { SegmentFilters } from './campaign-data';

const TIERS = ['A', 'B', 'C'] as const;

type ListKey = 'categories' | 'tiers' | 'statuses';

/** A date input's day as the ISO instant the API takes (start of that day, UTC). */
const dayToIso = (day: string) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : undefined);
const isoToDay = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');

/**
 * The segment's filters, each one the segment API supports: where (areas), what (category, tier, status), whose
 * (owning reps), whether a ticket is open, when last visited, and how busy (orders over the last 30 days). An empty
 * filter means "any".
 */
export function SegmentFiltersForm({
  filters,
  onChange,
  errors,
}: {
  filters: SegmentFilters;
  onChange(filters: SegmentFilters): void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const reps = useReps();
  const areas = useQuery({
    queryKey: ['areas-list'],
    queryFn: () => answerOf(rest.GET('/api/v1/areas', { params: { query: { limit: 200 } } })),
  });
  const set = (patch: Partial<SegmentFilters>) => {
    const next: Record<string, unknown> = { ...filters, ...patch };
    for (const [key, value] of Object.entries(next)) {
      const empty = value === undefined || (Array.isArray(value) && value.length === 0);
      if (empty) delete next[key];
    }
    onChange(next as SegmentFilters);
  };
  const toggle = (key: ListKey, value: string) => {
    const current = (filters[key] ?? []) as string[];
    set({ [key]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value] } as Partial<SegmentFilters>);
  };
  const chips = (key: ListKey, values: readonly string[], label: (value: string) => string) => (
    <fieldset className="facet">
      <legend>{t(`campaigns.segment.${key}`)}</legend>
      {values.map((value) => {
        const on = ((filters[key] ?? []) as string[]).includes(value);
        return (
          <button key={value} type="button" className={on ? 'chip chip-on' : 'chip'} aria-pressed={on} onClick={() => toggle(key, value)}>
            {label(value)}
          </button>
        );
      })}
      {errors[`filters.${key}`] && <p className="field-error">{errors[`filters.${key}`]}</p>}
    </fieldset>
  );
  const selected = (event: { target: HTMLSelectElement }) => [...event.target.selectedOptions].map((o) => o.value);
  const orders = (bound: 'min' | 'max', value: string) => {
    const range = { ...filters.orders30d, [bound]: value === '' ? undefined : Number(value) };
    set({ orders30d: range.min === undefined && range.max === undefined ? undefined : range });
  };
  return (
    <div className="segment-filters">
      <div className="field">
        <label htmlFor="segment-areas">{t('campaigns.segment.areas')}</label>
        <select
          id="segment-areas"
          multiple
          size={5}
          value={filters.areaIds ?? []}
          onChange={(event) => set({ areaIds: selected(event) })}
          aria-invalid={errors['filters.areaIds'] ? true : undefined}
        >
          {(areas.data?.items ?? []).map((area) => (
            <option key={area.id} value={area.id}>
              {area.name}
            </option>
          ))}
        </select>
        {errors['filters.areaIds'] && <p className="field-error">{errors['filters.areaIds']}</p>}
      </div>
      {chips('categories', PLACE_CATEGORIES, (value) => t(`categories.${value}`))}
      {chips('tiers', TIERS, (value) => value)}
      {chips('statuses', MERCHANT_STATUSES, (value) => t(`merchants.statuses.${value}`))}
      <div className="field">
        <label htmlFor="segment-owners">{t('campaigns.segment.owners')}</label>
        <select
          id="segment-owners"
          multiple
          size={5}
          value={filters.ownerIds ?? []}
          onChange={(event) => set({ ownerIds: selected(event) })}
        >
          {(reps.data ?? []).map((rep) => (
            <option key={rep.id} value={rep.id}>
              {rep.name}
            </option>
          ))}
        </select>
        {errors['filters.ownerIds'] && <p className="field-error">{errors['filters.ownerIds']}</p>}
      </div>
      <SelectField
        label={t('campaigns.segment.openTicket')}
        value={filters.hasOpenTicket === undefined ? '' : String(filters.hasOpenTicket)}
        onChange={(e) => set({ hasOpenTicket: e.target.value === '' ? undefined : e.target.value === 'true' })}
        error={errors['filters.hasOpenTicket']}
      >
        <option value="">{t('campaigns.segment.anyValue')}</option>
        <option value="true">{t('campaigns.segment.withOpenTicket')}</option>
        <option value="false">{t('campaigns.segment.withoutOpenTicket')}</option>
      </SelectField>
      <Field
        label={t('campaigns.segment.lastVisitBefore')}
        type="date"
        value={isoToDay(filters.lastVisitBefore)}
        onChange={(e) => set({ lastVisitBefore: dayToIso(e.target.value) })}
        error={errors['filters.lastVisitBefore']}
      />
      <Field
        label={t('campaigns.segment.lastVisitAfter')}
        type="date"
        value={isoToDay(filters.lastVisitAfter)}
        onChange={(e) => set({ lastVisitAfter: dayToIso(e.target.value) })}
        error={errors['filters.lastVisitAfter']}
      />
      <Field
        label={t('campaigns.segment.ordersMin')}
        type="number"
        min={0}
        value={filters.orders30d?.min ?? ''}
        onChange={(e) => orders('min', e.target.value)}
        error={errors['filters.orders30d']}
      />
      <Field
        label={t('campaigns.segment.ordersMax')}
        type="number"
        min={0}
        value={filters.orders30d?.max ?? ''}
        onChange={(e) => orders('max', e.target.value)}
      />
    </div>
  );
}
