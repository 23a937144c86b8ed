import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { LEAD_STAGES, MERCHANT_STATUSES, PLACE_CATEGORIES } from '../../shared/data/records';
import { usePagedList } from '../../shared/data/use-pages';
import { useReps } from '../../shared/data/use-reps';
import { Field, SelectField } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import { StatusLine } from '../../shared/status-line';
import { useCountryChoice } from './country-choice';
import { CountrySelect } from './country-select';
import { downloadCsv } from './csv-download';
import { allMatches, type RecordFilters, type RecordType, type SearchHit, searchPage } from './record-search';

const ROUTES = { merchant: '/merchants', lead: '/leads' } as const;

/**
 * Merchants or leads as the search service answers them in the caller's scope: text (pinyin finds Chinese
 * names), state, category, owner and area filters, newest changes or best match first, a count, pages, and a CSV
 * of everything that matches.
 */
export function RecordList({ type }: { type: RecordType }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reps = useReps();
  const countryChoice = useCountryChoice();
  const areas = useQuery({
    queryKey: ['areas-list'],
    queryFn: () => answerOf(rest.GET('/api/v1/areas', { params: { query: { limit: 200 } } })),
  });
  const [chosen, setFilters] = useState<RecordFilters>({ type, q: '', state: '', category: '', owner: '', area: '', sort: 'recency' });
  const filters = { ...chosen, country: countryChoice.country };
  const [exporting, setExporting] = useState(false);
  const list = usePagedList(['search', filters], (cursor) => searchPage(filters, cursor));
  // The count of the filters shown, from their own first page: an answer to earlier filters that arrives late (a
  // slower query over every country, after the admin picked one) must not stand beside the list of the new ones.
  const count = list.first && (list.first.facets.type?.[type] ?? list.first.items.length);
  const set = (key: keyof RecordFilters) => (event: { target: { value: string } }) => {
    setFilters({ ...chosen, [key]: event.target.value });
  };
  const states = type === 'merchant' ? MERCHANT_STATUSES : LEAD_STAGES;
  const stateOf = (hit: SearchHit) =>
    type === 'merchant' ? t(`merchants.statuses.${hit.status}`, hit.status ?? '') : t(`leads.stages.${hit.stage}`, hit.stage ?? '');
  const heading = [
    t('merchants.name'),
    t('merchants.category'),
    type === 'merchant' ? t('merchants.status') : t('leads.stage'),
    t('merchants.owner'),
    t('records.list.lastVisit'),
    t('merchants.area'),
    t('merchants.address'),
  ];

  async function exportCsv() {
    setExporting(true);
    try {
      const hits = await allMatches(filters);
      const rows = hits.map((hit) => [
        hit.title,
        t(`categories.${hit.category}`, hit.category ?? ''),
        stateOf(hit),
        hit.ownerName ?? '',
        hit.lastVerifiedVisitAt ?? '',
        hit.areaPath ?? '',
        hit.address,
      ]);
      downloadCsv(`${type}s.csv`, [heading, ...rows]);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <search className="toolbar" aria-label={t('records.list.filters')}>
        <Field label={t('common.search')} type="search" value={filters.q} onChange={set('q')} placeholder={t('records.list.searchHint')} />
        <CountrySelect countries={countryChoice.countries} country={countryChoice.country} onChoose={countryChoice.choose} />
        <SelectField label={type === 'merchant' ? t('merchants.status') : t('leads.stage')} value={filters.state} onChange={set('state')}>
          <option value="">{t('common.all')}</option>
          {states.map((state) => (
            <option key={state} value={state}>
              {type === 'merchant' ? t(`merchants.statuses.${state}`) : t(`leads.stages.${state}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('merchants.category')} value={filters.category} onChange={set('category')}>
          <option value="">{t('common.all')}</option>
          {PLACE_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('merchants.owner')} value={filters.owner} onChange={set('owner')}>
          <option value="">{t('common.all')}</option>
          {(reps.data ?? []).map((rep) => (
            <option key={rep.id} value={rep.id}>
              {rep.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('merchants.area')} value={filters.area} onChange={set('area')}>
          <option value="">{t('common.all')}</option>
          {(areas.data?.items ?? []).map((area) => (
            <option key={area.id} value={area.id}>
              {area.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('records.list.sort')} value={filters.sort} onChange={set('sort')}>
          <option value="recency">{t('records.list.sorts.recency')}</option>
          <option value="relevance">{t('records.list.sorts.relevance')}</option>
        </SelectField>
        <button type="button" className="secondary" disabled={exporting} onClick={() => void exportCsv()}>
          {t('records.list.export')}
        </button>
      </search>
      <StatusLine loading={list.loading} error={list.error} />
      {count !== undefined && (
        <p role="status">
          {t(list.first?.exhaustive === false ? 'records.list.countMore' : 'records.list.count', { count, shown: list.items.length })}
        </p>
      )}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {heading.map((label) => (
                <th key={label}>{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.items.map((hit) => (
              <tr key={hit.id}>
                <td>
                  <Link to={`${ROUTES[type]}/${hit.id}`}>{hit.title}</Link>
                </td>
                <td>{t(`categories.${hit.category}`, hit.category ?? '')}</td>
                <td>
                  <span className="badge">{stateOf(hit)}</span>
                </td>
                <td>{hit.ownerName ?? (type === 'lead' ? t('map.popup.noOwner') : '—')}</td>
                <td>{hit.lastVerifiedVisitAt ? format.date(hit.lastVerifiedVisitAt) : t('map.popup.notVisited')}</td>
                <td>{hit.areaId ? <Link to={`/areas/${hit.areaId}`}>{hit.areaPath?.split(' / ').at(-1) ?? hit.areaPath}</Link> : '—'}</td>
                <td>{hit.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && list.items.length === 0 && <p>{t('map.empty')}</p>}
      {list.hasMore && (
        <button type="button" className="secondary" onClick={list.loadMore}>
          {t('common.more')}
        </button>
      )}
    </>
  );
}
