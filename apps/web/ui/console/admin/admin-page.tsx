import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgUnitsPanel } from './org-units-panel';
import { RolesPanel } from './roles-panel';
import { UsersPanel } from './users-panel';

const TABS = ['users', 'orgUnits', 'roles'] as const;

/** People, the organisation they belong to, and what their roles let them do. */
export function AdminPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<(typeof TABS)[number]>('users');
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <div role="tablist" className="toolbar">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? '' : 'secondary'}
            onClick={() => setTab(name)}
          >
            {t(`admin.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'users' && <UsersPanel />}
      {tab === 'orgUnits' && <OrgUnitsPanel />}
      {tab === 'roles' && <RolesPanel />}
    </section>
  );
}
