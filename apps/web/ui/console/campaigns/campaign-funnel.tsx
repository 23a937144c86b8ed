import { useTranslation } from 'react-i18next';
import { BarChart } from '../../shared/charts/bar-chart';
import { useFormat } from '../../shared/i18n/format';
import { type CampaignResults, FUNNEL_STEPS, type FunnelStep } from './campaign-data';

/** Segment → held out / invited → visited → accepted (and declined), each bar opening the merchants behind it. */
export function CampaignFunnel({ funnel, onPick }: { funnel: CampaignResults['funnel']; onPick(step: FunnelStep): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const value: Record<(typeof FUNNEL_STEPS)[number], number> = {
    segment: funnel.segment,
    'held-out': funnel.heldOut,
    invited: funnel.invited,
    visited: funnel.visited,
    accepted: funnel.accepted,
    declined: funnel.declined,
  };
  return (
    <>
      <BarChart
        title={t('campaigns.page.funnelChart')}
        bars={FUNNEL_STEPS.map((step) => ({ key: step, label: t(`campaigns.page.steps.${step}`), value: value[step] }))}
        format={(n) => format.number(n)}
        onSelect={(key) => onPick(key as FunnelStep)}
      />
      <ul className="funnel-steps">
        {FUNNEL_STEPS.map((step) => (
          <li key={step}>
            <button type="button" className="link-button" onClick={() => onPick(step)}>
              {t('campaigns.page.showMerchants', { step: t(`campaigns.page.steps.${step}`) })}
            </button>{' '}
            <strong>{format.number(value[step])}</strong>
          </li>
        ))}
      </ul>
    </>
  );
}
