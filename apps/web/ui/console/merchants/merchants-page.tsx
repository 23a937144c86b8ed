import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { MERCHANT_STATUSES, type Merchant } from '../../shared/data/records';
import { usePagedList } from '../../shared/data/use-pages';
import { Field, SelectField } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import { StatusLine } from '../../shared/status-line';

export function MerchantsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<Merchant['status'] | ''>('');
  const [text, setText] = useState('');
  const list = usePagedList(['/api/v1/merchants', status], (cursor) =>
    answerOf(rest.GET('/api/v1/merchants', { params: { query: { status: status || undefined, limit: 100, cursor } } })),
  );
  const needle = text.trim().toLowerCase();
  const shown = needle ? list.items.filter((m) => `${m.legalName} ${m.brandName} ${m.address}`.toLowerCase().includes(needle)) : list.items;
  return (
    <section>
      <h1>{t('merchants.title')}</h1>
      <div className="toolbar">
        <Field label={t('common.search')} type="search" value={text} onChange={(event) => setText(event.target.value)} />
        <SelectField
          label={t('merchants.status')}
          value={status}
          onChange={(event) => setStatus(event.target.value as Merchant['status'] | '')}
        >
          <option value="">{t('common.all')}</option>
          {MERCHANT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`merchants.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <StatusLine loading={list.loading} error={list.error} />
      <table>
        <thead>
          <tr>
            <th>{t('merchants.name')}</th>
            <th>{t('merchants.category')}</th>
            <th>{t('merchants.status')}</th>
            <th>{t('merchants.address')}</th>
            <th>{t('merchants.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((merchant) => (
            <tr key={merchant.id}>
              <td>
                <Link to={`/merchants/${merchant.id}`}>{merchant.brandName || merchant.legalName}</Link>
              </td>
              <td>{t(`categories.${merchant.category}`, merchant.category)}</td>
              <td>
                <span className="badge">{t(`merchants.statuses.${merchant.status}`)}</span>
              </td>
              <td>{merchant.address}</td>
              <td>{format.date(merchant.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!list.loading && shown.length === 0 && <p>{t('common.none')}</p>}
      {list.hasMore && (
        <button type="button" className="secondary" onClick={list.loadMore}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}
