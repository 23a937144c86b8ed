import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { screenQuery } from '../../shared/api/graphql';
import type { LeadStage } from '../../shared/data/records';
import { useReps } from '../../shared/data/use-reps';
import { SelectField } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import { MapView } from '../../shared/map/map-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { ActivityTimeline, visitActivity } from '../records/activity-timeline';
import { useRecordVisits } from '../records/use-record-visits';
import { useLeadActions } from './lead-actions';
import { LeadConvertForm } from './lead-convert-form';
import { FollowUpForm, useFollowUps } from './lead-follow-ups';

interface LeadDetail {
  lead: { owner: { name: string } | null; area: { id: string; name: string } | null };
  duplicateCandidates: { id: string; name: string; address: string; stage: string; pool: string; owner: { name: string } | null }[];
}

/** `leads.lead.stage-changed.v1` → `stage-changed`. */
const changeName = (type: string) => type.split('.')[2] ?? type;

/**
 * One lead to act on: claim, release or assign it, move its stage (only to the stages the API names), record
 * follow-ups and read their history, and convert a won lead into a merchant, following the conversion's progress.
 */
export function LeadDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { id = '' } = useParams();
  const actions = useLeadActions();
  const reps = useReps();
  const [repId, setRepId] = useState('');
  const lead = useQuery({
    queryKey: ['/api/v1/leads', 'record', id],
    queryFn: () => answerOf(rest.GET('/api/v1/leads/{id}', { params: { path: { id } } })),
    // While the merchant is being created, look again until the saga has answered.
    refetchInterval: (query) => (query.state.data?.conversionStatus === 'requested' ? 2000 : false),
  });
  const detail = useQuery({
    queryKey: ['/api/v1/leads', 'detail', id],
    queryFn: () => screenQuery<{ leadDetail: LeadDetail | null }>('LeadDetail', { id }),
  });
  const history = useQuery({
    queryKey: ['/api/v1/leads', 'history', id],
    queryFn: () => answerOf(rest.GET('/api/v1/leads/{id}/history', { params: { path: { id } } })),
  });
  const followUps = useFollowUps(id);
  const visits = useRecordVisits('lead', id);
  const data = lead.data;
  if (!data) return <StatusLine loading={lead.isPending} error={lead.error} />;

  const me = session.me?.user.id;
  const repName = (userId: string | null) => (userId ? (reps.data?.find((rep) => rep.id === userId)?.name ?? null) : null);
  const holds = data.ownerId === me;
  // A manager works on a held lead of their scope; a rep only on their own (the API checks the same).
  const mayWork = session.can('lead:write') && (holds || (session.me?.scope.scope !== 'self' && data.ownerId !== null));
  const refresh = { onSuccess: () => void lead.refetch() };
  const owner = detail.data?.leadDetail?.lead.owner?.name ?? repName(data.ownerId);
  const activities = [
    ...(followUps.data?.items ?? []).map((followUp) => ({
      id: followUp.id,
      time: followUp.at,
      kind: 'follow-up' as const,
      who: repName(followUp.userId),
      body: (
        <p>
          {t(`records.lead.kinds.${followUp.kind}`)}
          {followUp.note && <> · “{followUp.note}”</>}
          {followUp.nextFollowUpAt && <> · {t('records.lead.nextOn', { date: format.dateTime(followUp.nextFollowUpAt) })}</>}
        </p>
      ),
    })),
    ...(visits.data?.items ?? []).map((visit) => visitActivity(visit, repName(visit.repId), t)),
    ...(history.data?.items ?? [])
      .filter((entry) => !entry.type.includes('followed-up'))
      .map((entry) => ({
        id: entry.id,
        time: entry.time,
        kind: 'change' as const,
        who: repName(entry.actor) ?? (entry.actor ? null : t('merchants.system')),
        body: <p>{t(`records.changes.${changeName(entry.type)}`, changeName(entry.type))}</p>,
      })),
  ];

  return (
    <section>
      <p>
        <Link to="/leads">← {t('leads.title')}</Link>
      </p>
      <h1>{data.name}</h1>
      <div className="record-actions">
        {data.pool === 'public' && session.can('lead:claim') && (
          <button type="button" onClick={() => actions.claim.mutate(data.id, refresh)}>
            {t('leads.claim')}
          </button>
        )}
        {holds && data.conversionStatus !== 'converted' && (
          <button type="button" className="secondary" onClick={() => actions.release.mutate(data.id, refresh)}>
            {t('leads.release')}
          </button>
        )}
        {mayWork && data.nextStages.length > 0 && (
          <SelectField
            label={t('records.lead.moveStage')}
            value=""
            onChange={(event) => actions.stage.mutate({ id: data.id, to: event.target.value as LeadStage }, refresh)}
          >
            <option value="">{t(`leads.stages.${data.stage}`)}</option>
            {data.nextStages.map((to) => (
              <option key={to} value={to}>
                {t(`leads.stages.${to}`)}
              </option>
            ))}
          </SelectField>
        )}
        {session.can('lead:assign') && data.conversionStatus !== 'converted' && (
          <form
            className="toolbar"
            onSubmit={(event) => {
              event.preventDefault();
              actions.assign.mutate({ id: data.id, repId }, refresh);
            }}
          >
            <SelectField label={t('leads.rep')} value={repId} onChange={(event) => setRepId(event.target.value)}>
              <option value="">—</option>
              {(reps.data ?? [])
                .filter((rep) => rep.id !== data.ownerId)
                .map((rep) => (
                  <option key={rep.id} value={rep.id}>
                    {rep.name}
                  </option>
                ))}
            </SelectField>
            <button type="submit" className="secondary" disabled={!repId}>
              {t('leads.assign')}
            </button>
          </form>
        )}
      </div>
      <StatusLine error={actions.claim.error ?? actions.release.error ?? actions.stage.error ?? actions.assign.error} />
      <div className="split">
        <dl className="facts">
          <dt>{t('leads.stage')}</dt>
          <dd>
            <span className="badge">{t(`leads.stages.${data.stage}`)}</span>
          </dd>
          <dt>{t('merchants.category')}</dt>
          <dd>{t(`categories.${data.category}`, data.category)}</dd>
          <dt>{t('merchants.address')}</dt>
          <dd>{data.address || '—'}</dd>
          <dt>{t('field.newLead.phone')}</dt>
          <dd>{data.phone && !data.phoneMasked ? <a href={`tel:${data.phone}`}>{data.phone}</a> : (data.phone ?? '—')}</dd>
          <dt>{t('merchants.area')}</dt>
          <dd>
            {detail.data?.leadDetail?.lead.area ? (
              <Link to={`/areas/${detail.data.leadDetail.lead.area.id}`}>{detail.data.leadDetail.lead.area.name}</Link>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('leads.poolState')}</dt>
          <dd>
            {data.pool === 'public' ? t('leads.inPool') : t('leads.heldBy', { name: owner ?? '—' })}
            {data.protectedUntil && ` · ${t('leads.protectedUntil', { date: format.date(data.protectedUntil) })}`}
          </dd>
          <dt>{t('records.lead.nextFollowUp')}</dt>
          <dd>{format.dateTime(data.nextFollowUpAt)}</dd>
          <dt>{t('records.lead.conversion')}</dt>
          <dd>
            <span className="badge" role="status">
              {t(`records.lead.conversions.${data.conversionStatus}`)}
            </span>
            {data.merchantId && (
              <>
                {' '}
                <Link to={`/merchants/${data.merchantId}`}>{t('records.lead.openMerchant')}</Link>
              </>
            )}
            {data.conversionStatus === 'rejected' && data.conversionReason && <> · {data.conversionReason}</>}
          </dd>
          <dt>{t('leads.created')}</dt>
          <dd>{format.dateTime(data.createdAt)}</dd>
        </dl>
        <MapView
          label={t('records.lead.map', { name: data.name })}
          center={[data.lng, data.lat]}
          zoom={15}
          points={[{ id: data.id, kind: 'lead', lng: data.lng, lat: data.lat, selected: true }]}
        />
      </div>
      {mayWork && data.stage === 'won' && (data.conversionStatus === 'none' || data.conversionStatus === 'rejected') && (
        <LeadConvertForm leadId={data.id} name={data.name} />
      )}
      <h2>{t('records.timeline.title')}</h2>
      {holds && data.conversionStatus !== 'converted' && <FollowUpForm leadId={data.id} />}
      <StatusLine error={followUps.error ?? visits.error} />
      <ActivityTimeline activities={activities} />
      <h2>{t('leads.duplicates')}</h2>
      {(detail.data?.leadDetail?.duplicateCandidates ?? []).length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul>
          {detail.data?.leadDetail?.duplicateCandidates.map((candidate) => (
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
