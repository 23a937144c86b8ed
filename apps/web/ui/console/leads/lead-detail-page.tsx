import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { screenQuery } from '../../shared/api/graphql';
import { useFormat } from '../../shared/i18n/format';
import { MapView } from '../../shared/map/map-view';
import { StatusLine } from '../../shared/status-line';
import { useLeadActions } from './lead-actions';

interface LeadDetail {
  lead: {
    id: string;
    name: string;
    phone: string | null;
    address: string;
    category: string;
    stage: string;
    lat: number;
    lng: number;
    createdAt: string;
    owner: { name: string } | null;
    area: { name: string } | null;
  };
  pool: { pool: string; protectedUntil: string | null; claimable: boolean; owner: { name: string } | null };
  duplicateCandidates: { id: string; name: string; address: string; stage: string; pool: string; owner: { name: string } | null }[];
}

/** One lead with its pool state and the leads it may duplicate, in one BFF request. */
export function LeadDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const actions = useLeadActions();
  const detail = useQuery({
    queryKey: ['/api/v1/leads', 'detail', id],
    queryFn: () => screenQuery<{ leadDetail: LeadDetail | null }>('LeadDetail', { id }),
  });
  const data = detail.data?.leadDetail;
  if (!data)
    return <StatusLine loading={detail.isPending} error={detail.error ?? (detail.data ? new Error(t('common.notFound')) : undefined)} />;
  const { lead, pool } = data;
  return (
    <section>
      <p>
        <Link to="/leads">← {t('leads.title')}</Link>
      </p>
      <h1>{lead.name}</h1>
      <div className="split">
        <dl className="facts">
          <dt>{t('leads.stage')}</dt>
          <dd>{t(`leads.stages.${lead.stage}`, lead.stage)}</dd>
          <dt>{t('merchants.category')}</dt>
          <dd>{t(`categories.${lead.category}`, lead.category)}</dd>
          <dt>{t('merchants.address')}</dt>
          <dd>{lead.address || '—'}</dd>
          <dt>{t('field.newLead.phone')}</dt>
          <dd>{lead.phone ?? '—'}</dd>
          <dt>{t('merchants.area')}</dt>
          <dd>{lead.area?.name ?? '—'}</dd>
          <dt>{t('leads.poolState')}</dt>
          <dd>
            {pool.pool === 'public' ? t('leads.inPool') : t('leads.heldBy', { name: pool.owner?.name ?? '—' })}
            {pool.protectedUntil && ` · ${t('leads.protectedUntil', { date: format.date(pool.protectedUntil) })}`}
          </dd>
          <dt>{t('leads.created')}</dt>
          <dd>{format.dateTime(lead.createdAt)}</dd>
        </dl>
        <MapView
          label={t('nav.map')}
          center={[lead.lng, lead.lat]}
          zoom={15}
          points={[{ id: lead.id, kind: 'lead', lng: lead.lng, lat: lead.lat, selected: true }]}
        />
      </div>
      {pool.claimable && (
        <button type="button" onClick={() => actions.claim.mutate(lead.id, { onSuccess: () => void detail.refetch() })}>
          {t('leads.claim')}
        </button>
      )}
      <StatusLine error={actions.claim.error} />
      <h2>{t('leads.duplicates')}</h2>
      {data.duplicateCandidates.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul>
          {data.duplicateCandidates.map((candidate) => (
            <li key={candidate.id}>
              <Link to={`/leads/${candidate.id}`}>{candidate.name}</Link> · {candidate.address} ·{' '}
              {t(`leads.stages.${candidate.stage}`, candidate.stage)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
