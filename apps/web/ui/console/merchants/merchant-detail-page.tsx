import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { screenQuery } from '../../shared/api/graphql';
import { useFormat } from '../../shared/i18n/format';
import { MapView } from '../../shared/map/map-view';
import { StatusLine } from '../../shared/status-line';

interface MerchantDetail {
  merchant: {
    id: string;
    legalName: string;
    brandName: string;
    category: string;
    tier: string;
    status: string;
    address: string;
    businessId: string;
    lat: number;
    lng: number;
    updatedAt: string;
    contacts: { name: string; role: string; phone: string | null }[];
    owner: { id: string; name: string; email: string } | null;
    area: { id: string; name: string; kind: string } | null;
    place: { id: string; name: string; address: string } | null;
  };
  recentVisits: { id: string; verification: string; checkedInAt: string; outcome: string | null; rep: { name: string } | null }[];
  history: { id: string; type: string; time: string; data: string; actor: { name: string } | null }[];
}

/** `merchant.merchant.status-changed.v1` → `status-changed`: the part a person reads. */
function changeName(type: string): string {
  return type.split('.')[2] ?? type;
}

/** One screen, one request: the BFF's MerchantDetail query. */
export function MerchantDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const detail = useQuery({
    queryKey: ['merchant-detail', id],
    queryFn: () => screenQuery<{ merchantDetail: MerchantDetail | null }>('MerchantDetail', { id }),
  });
  const data = detail.data?.merchantDetail;
  if (!data)
    return <StatusLine loading={detail.isPending} error={detail.error ?? (detail.data ? new Error(t('common.notFound')) : undefined)} />;
  const { merchant } = data;
  return (
    <section>
      <p>
        <Link to="/merchants">← {t('merchants.title')}</Link>
      </p>
      <h1>{merchant.brandName || merchant.legalName}</h1>
      <div className="split">
        <dl className="facts">
          <dt>{t('merchants.legalName')}</dt>
          <dd>{merchant.legalName}</dd>
          <dt>{t('merchants.status')}</dt>
          <dd>
            <span className="badge">{t(`merchants.statuses.${merchant.status}`, merchant.status)}</span>
          </dd>
          <dt>{t('merchants.category')}</dt>
          <dd>{t(`categories.${merchant.category}`, merchant.category)}</dd>
          <dt>{t('merchants.businessId')}</dt>
          <dd>{merchant.businessId}</dd>
          <dt>{t('merchants.address')}</dt>
          <dd>{merchant.address || '—'}</dd>
          <dt>{t('merchants.owner')}</dt>
          <dd>{merchant.owner ? `${merchant.owner.name} (${merchant.owner.email})` : '—'}</dd>
          <dt>{t('merchants.area')}</dt>
          <dd>{merchant.area?.name ?? '—'}</dd>
          <dt>{t('merchants.place')}</dt>
          <dd>{merchant.place?.name ?? '—'}</dd>
          <dt>{t('merchants.contacts')}</dt>
          <dd>{merchant.contacts.map((contact) => `${contact.name} (${contact.role}) ${contact.phone ?? ''}`).join(', ') || '—'}</dd>
          <dt>{t('merchants.updated')}</dt>
          <dd>{format.dateTime(merchant.updatedAt)}</dd>
        </dl>
        <MapView
          label={t('nav.map')}
          center={[merchant.lng, merchant.lat]}
          zoom={15}
          points={[{ id: merchant.id, kind: 'merchant', lng: merchant.lng, lat: merchant.lat, selected: true }]}
        />
      </div>
      <h2>{t('merchants.recentVisits')}</h2>
      {data.recentVisits.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul>
          {data.recentVisits.map((visit) => (
            <li key={visit.id}>
              {format.dateTime(visit.checkedInAt)} · {visit.rep?.name ?? '—'} ·{' '}
              {t(`visits.verification.${visit.verification}`, visit.verification)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('merchants.history')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('merchants.when')}</th>
            <th>{t('merchants.change')}</th>
            <th>{t('merchants.who')}</th>
          </tr>
        </thead>
        <tbody>
          {data.history.map((entry) => (
            <tr key={entry.id}>
              <td>{format.dateTime(entry.time)}</td>
              <td>
                <code>{changeName(entry.type)}</code>
              </td>
              <td>{entry.actor?.name ?? t('merchants.system')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
