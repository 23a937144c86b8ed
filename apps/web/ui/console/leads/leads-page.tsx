import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RecordList } from '../records/record-list';
import { LeadBoard } from './lead-board';
import { LeadPool } from './lead-pool';

const TABS = ['board', 'list', 'pool'] as const;
type Tab = (typeof TABS)[number];

/**
 * Leads: the pipeline board of the leads I can see, a searchable list of them, and the public pool to claim and hand
 * out from. The tab is in the address (`?tab=pool`), so a link (the dashboard's pool tile) opens the one it counts.
 */
export function LeadsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = TABS.find((known) => known === asked) ?? 'board';
  const setTab = (next: Tab) => setParams(next === 'board' ? {} : { tab: next }, { replace: true });
  return (
    <section>
      <h1>{t('leads.title')}</h1>
      <div role="tablist" className="toolbar">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'board'}
          className={tab === 'board' ? '' : 'secondary'}
          onClick={() => setTab('board')}
        >
          {t('leads.board')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'list'}
          className={tab === 'list' ? '' : 'secondary'}
          onClick={() => setTab('list')}
        >
          {t('records.list.tab')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'pool'}
          className={tab === 'pool' ? '' : 'secondary'}
          onClick={() => setTab('pool')}
        >
          {t('leads.pool')}
        </button>
      </div>
      {tab === 'board' && <LeadBoard />}
      {tab === 'list' && <RecordList type="lead" />}
      {tab === 'pool' && <LeadPool />}
    </section>
  );
}
