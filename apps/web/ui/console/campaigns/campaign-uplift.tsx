import { useTranslation } from 'react-i18next';
import { IntervalChart } from '../../shared/charts/interval-chart';
import { useFormat } from '../../shared/i18n/format';
import type { CampaignResults, UpliftGroup } from './campaign-data';

type Uplift = NonNullable<CampaignResults['uplift']>;

/** Uplift of treated over held-out merchants with its 95% interval: overall, then per area and per rep. */
export function CampaignUplift({ uplift }: { uplift: Uplift | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!uplift) return <p>{t('campaigns.page.upliftNone')}</p>;
  const percent = (share: number) => `${share > 0 ? '+' : ''}${format.number(share * 100, 1)}%`;
  const interval = (iv: { low: number; high: number } | null) => (iv ? `${percent(iv.low)} … ${percent(iv.high)}` : '—');
  const groupTable = (title: string, heading: string, groups: UpliftGroup[]) => (
    <>
      <h3>{title}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{heading}</th>
              <th>{t('campaigns.page.treatedN')}</th>
              <th>{t('campaigns.page.heldOutN')}</th>
              <th>
                {t('campaigns.page.orders')} · {t('campaigns.page.relative')}
              </th>
              <th>{t('campaigns.page.interval')}</th>
              <th>
                {t('campaigns.page.gmv')} · {t('campaigns.page.relative')}
              </th>
              <th>{t('campaigns.page.interval')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.id ?? 'none'}>
                <td>{group.name ?? (group.id ? group.id.slice(0, 8) : t('campaigns.page.unnamed'))}</td>
                <td>{format.number(group.orders.treated.merchants)}</td>
                <td>{format.number(group.orders.heldOut.merchants)}</td>
                <td>{group.orders.relative ? percent(group.orders.relative.estimate) : t('campaigns.page.notJudged')}</td>
                <td>{interval(group.orders.relative)}</td>
                <td>{group.gmvMinor.relative ? percent(group.gmvMinor.relative.estimate) : t('campaigns.page.notJudged')}</td>
                <td>{interval(group.gmvMinor.relative)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
  return (
    <>
      <p className="muted">{t('campaigns.page.upliftWindows', { days: uplift.windows.days })}</p>
      <IntervalChart
        title={t('campaigns.page.upliftChart')}
        format={percent}
        missing={t('campaigns.page.notJudged')}
        rows={[
          { key: 'orders', label: t('campaigns.page.orders'), interval: uplift.orders.relative },
          { key: 'gmv', label: t('campaigns.page.gmv'), interval: uplift.gmvMinor.relative },
          ...uplift.byArea.map((g) => ({
            key: `area-${g.id ?? 'none'}`,
            label: `${t('campaigns.page.orders')} · ${g.name ?? t('campaigns.page.unnamed')}`,
            interval: g.orders.relative,
          })),
        ]}
      />
      {groupTable(t('campaigns.page.byArea'), t('campaigns.page.area'), uplift.byArea)}
      {groupTable(t('campaigns.page.byRep'), t('campaigns.page.rep'), uplift.byRep)}
    </>
  );
}
