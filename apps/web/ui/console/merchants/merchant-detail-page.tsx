import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { screenQuery } from '../../shared/api/graphql';
import { useReps } from '../../shared/data/use-reps';
import { useFormat } from '../../shared/i18n/format';
import { MapView } from '../../shared/map/map-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { ActivityTimeline, visitActivity } from '../records/activity-timeline';
import { useRecordVisits } from '../records/use-record-visits';
import { MerchantEditForm } from './merchant-edit-form';
import { MerchantTransferForm } from './merchant-transfer-form';

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
  history: { id: string; type: string; time: string; data: string; actor: { name: string } | null }[];
  campaigns: {
    campaignId: string;
    name: string | null;
    state: 'invited' | 'accepted' | 'declined' | 'expired';
    channel: string | null;
    invitedAt: string;
    decidedAt: string | null;
  }[];
}

/** `merchant.merchant.status-changed.v1` → `status-changed`: the part a person reads. */
function changeName(type: string): string {
  return type.split('.')[2] ?? type;
}

/**
 * A merchant a manager can act on: the profile (edit, with the version it was read at), the owner (transfer), a
 * call to a contact, and the activity — visits with their outcome, answers and photos, and every change.
 */
export function MerchantDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { id = '' } = useParams();
  const [editing, setEditing] = useState<'profile' | 'owner' | undefined>();
  const detail = useQuery({
    queryKey: ['merchant', 'detail', id],
    queryFn: () => screenQuery<{ merchantDetail: MerchantDetail | null }>('MerchantDetail', { id }),
  });
  const record = useQuery({
    queryKey: ['merchant', 'record', id],
    queryFn: () => answerOf(rest.GET('/api/v1/merchants/{id}', { params: { path: { id } } })),
  });
  const visits = useRecordVisits('merchant', id);
  const reps = useReps();
  const data = detail.data?.merchantDetail;
  if (!data)
    return <StatusLine loading={detail.isPending} error={detail.error ?? (detail.data ? new Error(t('common.notFound')) : undefined)} />;
  const { merchant } = data;
  const repName = (repId: string) => reps.data?.find((rep) => rep.id === repId)?.name ?? null;
  const activities = [
    ...(visits.data?.items ?? []).map((visit) => visitActivity(visit, repName(visit.repId), t)),
    ...data.history.map((entry) => ({
      id: entry.id,
      time: entry.time,
      kind: 'change' as const,
      who: entry.actor?.name ?? t('merchants.system'),
      body: <p>{t(`records.changes.${changeName(entry.type)}`, changeName(entry.type))}</p>,
    })),
  ];
  return (
    <section>
      <p>
        <Link to="/merchants">← {t('merchants.title')}</Link>
      </p>
      <h1>{merchant.brandName || merchant.legalName}</h1>
      {session.can('merchant:write') || session.can('merchant:transfer') ? (
        <div className="record-actions">
          {session.can('merchant:write') && record.data && (
            <button type="button" onClick={() => setEditing('profile')} aria-expanded={editing === 'profile'}>
              {t('records.merchant.edit')}
            </button>
          )}
          {session.can('merchant:transfer') && (
            <button type="button" className="secondary" onClick={() => setEditing('owner')} aria-expanded={editing === 'owner'}>
              {t('records.merchant.transfer')}
            </button>
          )}
        </div>
      ) : null}
      {editing === 'profile' && record.data && <MerchantEditForm merchant={record.data} onDone={() => setEditing(undefined)} />}
      {editing === 'owner' && (
        <MerchantTransferForm merchantId={merchant.id} ownerId={merchant.owner?.id ?? null} onDone={() => setEditing(undefined)} />
      )}
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
          <dt>{t('records.merchant.tier')}</dt>
          <dd>{merchant.tier}</dd>
          <dt>{t('merchants.businessId')}</dt>
          <dd>{merchant.businessId}</dd>
          <dt>{t('merchants.address')}</dt>
          <dd>{merchant.address || '—'}</dd>
          <dt>{t('merchants.owner')}</dt>
          <dd>{merchant.owner ? `${merchant.owner.name} (${merchant.owner.email})` : '—'}</dd>
          <dt>{t('merchants.area')}</dt>
          <dd>{merchant.area ? <Link to={`/areas/${merchant.area.id}`}>{merchant.area.name}</Link> : '—'}</dd>
          <dt>{t('merchants.place')}</dt>
          <dd>{merchant.place?.name ?? '—'}</dd>
          <dt>{t('merchants.contacts')}</dt>
          <dd>
            {merchant.contacts.length === 0
              ? '—'
              : merchant.contacts.map((contact) => (
                  <p key={`${contact.name}-${contact.phone}`} className="contact">
                    {contact.name} ({contact.role}){' '}
                    {contact.phone && (
                      <a href={`tel:${contact.phone}`} aria-label={t('records.call', { name: contact.name, phone: contact.phone })}>
                        {t('records.callShort')} {contact.phone}
                      </a>
                    )}
                  </p>
                ))}
          </dd>
          <dt>{t('merchants.updated')}</dt>
          <dd>{format.dateTime(merchant.updatedAt)}</dd>
        </dl>
        <MapView
          label={t('records.merchant.map', { name: merchant.brandName || merchant.legalName })}
          center={[merchant.lng, merchant.lat]}
          zoom={15}
          points={[{ id: merchant.id, kind: 'merchant', lng: merchant.lng, lat: merchant.lat, selected: true }]}
        />
      </div>
      {data.campaigns.length > 0 && (
        <>
          <h2>{t('campaigns.merchantSection')}</h2>
          <ul className="merchant-campaigns">
            {data.campaigns.map((c) => (
              <li key={c.campaignId}>
                {c.name && session.can('campaign:read') ? (
                  <Link to={`/campaigns/${c.campaignId}`}>{c.name}</Link>
                ) : (
                  (c.name ?? t('campaigns.hiddenCampaign'))
                )}
                {' · '}
                <span className="badge">{t(`campaigns.page.states.${c.state}`)}</span>
                {c.channel && ` · ${t(`campaigns.page.channels.${c.channel}`, c.channel)}`}
                {` · ${format.date(c.decidedAt ?? c.invitedAt)}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('records.timeline.title')}</h2>
      <StatusLine loading={visits.isPending} error={visits.error} />
      <ActivityTimeline activities={activities} />
    </section>
  );
}
