import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { screenQuery } from '../../shared/api/graphql';
import { useFormat } from '../../shared/i18n/format';

export interface PopupRecord {
  kind: 'merchant' | 'lead' | 'place';
  id: string;
  title: string;
  status: string | null;
}

interface MerchantFacts {
  merchantDetail: { merchant: { owner: { name: string } | null }; recentVisits: { checkedInAt: string }[] } | null;
}
interface LeadFacts {
  leadDetail: { lead: { owner: { name: string } | null } } | null;
}

/** Who holds a record and when it was last visited: read when its pin is opened, through the detail screens' queries. */
function useRecordFacts(record: PopupRecord) {
  return useQuery({
    queryKey: ['map-popup', record.kind, record.id],
    enabled: record.kind !== 'place',
    queryFn: async () => {
      if (record.kind === 'merchant') {
        const answer = await screenQuery<MerchantFacts>('MerchantDetail', { id: record.id });
        const visits = answer.merchantDetail?.recentVisits ?? [];
        const last = visits
          .map((visit) => visit.checkedInAt)
          .sort()
          .at(-1);
        return { owner: answer.merchantDetail?.merchant.owner?.name, lastVisit: last };
      }
      const answer = await screenQuery<LeadFacts>('LeadDetail', { id: record.id });
      return { owner: answer.leadDetail?.lead.owner?.name, lastVisit: undefined };
    },
  });
}

/** A pin's popup: name, status, owner, last visit and the way to its page. */
export function RecordPopup({ record }: { record: PopupRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const facts = useRecordFacts(record);
  const status =
    record.status &&
    (record.kind === 'merchant'
      ? t(`merchants.statuses.${record.status}`, record.status)
      : t(`leads.stages.${record.status}`, record.status));
  const pending = facts.isPending && record.kind !== 'place';
  return (
    <div className="map-popup">
      <h3>{record.title}</h3>
      <dl>
        <dt>{t('map.popup.kind')}</dt>
        <dd>{t(`mapView.kinds.${record.kind}`)}</dd>
        {status && (
          <>
            <dt>{record.kind === 'merchant' ? t('merchants.status') : t('leads.stage')}</dt>
            <dd>{status}</dd>
          </>
        )}
        <dt>{t('map.popup.owner')}</dt>
        <dd>{pending ? '…' : (facts.data?.owner ?? t('map.popup.noOwner'))}</dd>
        <dt>{t('map.popup.lastVisit')}</dt>
        <dd>{pending ? '…' : facts.data?.lastVisit ? format.dateTime(facts.data.lastVisit) : t('map.popup.notVisited')}</dd>
      </dl>
      {record.kind !== 'place' && <Link to={`/${record.kind === 'merchant' ? 'merchants' : 'leads'}/${record.id}`}>{t('map.open')}</Link>}
    </div>
  );
}
