import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { BarChart } from '../../shared/charts/bar-chart';
import { useReps } from '../../shared/data/use-reps';
import { useFormat } from '../../shared/i18n/format';
import { homeView } from '../../shared/map/home-view';
import { type LngLat, type MapMarker, MapView } from '../../shared/map/map-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { CampaignActions } from './campaign-actions';
import { type FunnelStep, type Member, useAllMembers, useCampaign, useCampaignResults, useMoney } from './campaign-data';
import { CampaignFunnel } from './campaign-funnel';
import { CampaignMembers } from './campaign-members';
import { CampaignUplift } from './campaign-uplift';
import { SegmentRefresh } from './segment-refresh';
import './campaigns.css';

/** HTML markers are drawn one by one: a map of more merchants than this shows the first ones. */
const MAP_LIMIT = 400;

type MapState = 'accepted' | 'declined' | 'held-out' | 'invited';
const SYMBOL: Record<MapState, string> = { accepted: '✓', declined: '×', 'held-out': '–', invited: '' };

function mapStateOf(member: Member): MapState {
  if (member.cohort === 'held-out') return 'held-out';
  return member.state === 'accepted' || member.state === 'declined' ? member.state : 'invited';
}

/** A campaign: its state and moves, the funnel with the merchants behind each step, cost, map and uplift. */
export function CampaignPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const languageName = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const { id = '' } = useParams();
  const location = useLocation();
  const handedOver = (location.state ?? {}) as { launchError?: string; holdout?: number };
  const campaign = useCampaign(id);
  const launched = Boolean(campaign.data?.launchedAt);
  const results = useCampaignResults(id, launched);
  const members = useAllMembers(id, launched);
  const money = useMoney(campaign.data?.budget.currency);
  const compactMoney = useMoney(campaign.data?.budget.currency, true);
  const [step, setStep] = useState<FunnelStep>('invited');
  const reps = useReps();
  const names = new Map<string, string>((reps.data ?? []).map((rep) => [rep.id, rep.name]));
  for (const group of results.data?.uplift?.byRep ?? []) if (group.id && group.name) names.set(group.id, group.name);

  if (!campaign.data) return <StatusLine loading={campaign.isPending} error={campaign.error} />;
  const c = campaign.data;
  const cost = results.data?.cost;
  const shown = (members.data ?? []).slice(0, MAP_LIMIT);
  const markers: MapMarker[] = shown.map((member) => {
    const state = mapStateOf(member);
    return {
      id: member.merchantId,
      lng: member.lng,
      lat: member.lat,
      text: SYMBOL[state],
      className: `campaign-marker member-${state}`,
      title: `${member.name}: ${t(`campaigns.page.mapLegend.${state}`)}`,
    };
  });
  const fit: LngLat[] = shown.map((m): LngLat => [m.lng, m.lat]);
  const pick = (picked: FunnelStep) => {
    setStep(picked);
    document.getElementById('campaign-merchants')?.scrollIntoView({ block: 'start' });
  };

  return (
    <section className="campaign-page">
      <p>
        <Link to="/campaigns">{t('campaigns.title')}</Link>
      </p>
      <h1>{c.name}</h1>
      <p>
        <span className={`badge campaign-${c.status}`}>{t(`campaigns.statuses.${c.status}`)}</span> · {t(`campaigns.types.${c.type}`)} ·{' '}
        {format.date(c.startsAt)} – {format.date(c.endsAt)}
      </p>
      <SegmentRefresh campaign={c} />
      {session.can('campaign:write') && (
        <CampaignActions campaign={c} initialError={handedOver.launchError} initialHoldout={handedOver.holdout} />
      )}
      <div className="campaign-grid">
        <section aria-labelledby="campaign-funnel">
          <h2 id="campaign-funnel">{t('campaigns.page.funnel')}</h2>
          {launched ? (
            results.data ? (
              <CampaignFunnel funnel={results.data.funnel} onPick={pick} />
            ) : (
              <StatusLine loading={results.isPending} error={results.error} />
            )
          ) : (
            <p className="muted">{t('campaigns.page.upliftNone')}</p>
          )}
        </section>
        <section aria-labelledby="campaign-cost">
          <h2 id="campaign-cost">{t('campaigns.page.cost')}</h2>
          <BarChart
            title={t('campaigns.page.cost')}
            // One bar against the budget's tick: the figures follow in words, so a long currency label needs no room.
            bars={[
              {
                key: 'spent',
                label: t('campaigns.page.spent'),
                value: cost?.spentMinor ?? c.budget.spentMinor,
                target: c.budget.budgetMinor,
              },
            ]}
            format={compactMoney}
          />
          <p>
            {t('campaigns.page.costLine', {
              spent: money(cost?.spentMinor ?? c.budget.spentMinor),
              budget: money(c.budget.budgetMinor),
              accepted: format.number(c.budget.accepted),
              limit: format.number(c.budget.limit),
            })}
          </p>
        </section>
      </div>
      {launched && (
        <section aria-labelledby="campaign-map">
          <h2 id="campaign-map">{t('campaigns.page.map')}</h2>
          <MapView
            label={t('campaigns.page.map')}
            center={homeView(session.country)}
            zoom={11}
            markers={markers}
            fit={fit}
            className="map campaign-map"
          >
            <ul className="map-legend" aria-label={t('mapView.legend')}>
              {(['accepted', 'declined', 'held-out', 'invited'] as const).map((state) => (
                <li key={state}>
                  <span className={`campaign-marker member-${state} legend-marker`} aria-hidden="true">
                    {SYMBOL[state]}
                  </span>{' '}
                  {t(`campaigns.page.mapLegend.${state}`)}
                </li>
              ))}
            </ul>
          </MapView>
        </section>
      )}
      {launched && (
        <section aria-labelledby="campaign-uplift">
          <h2 id="campaign-uplift">{t('campaigns.page.uplift')}</h2>
          {results.data ? (
            <CampaignUplift uplift={results.data.uplift} />
          ) : (
            <StatusLine loading={results.isPending} error={results.error} />
          )}
        </section>
      )}
      {launched && (
        <section aria-labelledby="campaign-merchants" id="campaign-merchants-section">
          <h2 id="campaign-merchants">{t('campaigns.page.merchantsOf', { step: t(`campaigns.page.steps.${step}`) })}</h2>
          <CampaignMembers campaignId={id} step={step} names={names} />
        </section>
      )}
      <section aria-labelledby="campaign-terms">
        <h2 id="campaign-terms">{t('campaigns.page.terms')}</h2>
        <dl className="campaign-terms">
          {Object.entries(c.terms).map(([locale, text]) =>
            text ? (
              <div key={locale}>
                <dt>{languageName.of(locale) ?? locale}</dt>
                <dd lang={locale}>{text}</dd>
              </div>
            ) : null,
          )}
        </dl>
        {c.talkingPoints && (
          <>
            <h3>{t('campaigns.page.talkingPoints')}</h3>
            <p>{c.talkingPoints}</p>
          </>
        )}
      </section>
    </section>
  );
}
