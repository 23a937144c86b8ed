import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordList } from '../records/record-list';
import { LeadBoard } from './lead-board';
import { LeadPool } from './lead-pool';

/** Leads: the pipeline board of the leads I can see, a searchable list of them, and the public pool to claim and hand out from. */
export function LeadsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'board' | 'list' | 'pool'>('board');
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
