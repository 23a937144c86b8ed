import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/session/session';
import { MigrationPanel } from './migration-panel';
import { OrgUnitsPanel } from './org-units-panel';
import { RolesPanel } from './roles-panel';
import { UsersPanel } from './users-panel';

const TABS = ['users', 'orgUnits', 'roles', 'migration'] as const;
const TAB_PERMISSIONS = { users: 'user:read', orgUnits: 'org:read', roles: 'role:read', migration: 'migration:manage' } as const;

/** People, the organisation they belong to, and what their roles let them do. */
export function AdminPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [tab, setTab] = useState<(typeof TABS)[number]>('users');
  const tabs = TABS.filter((name) => session.can(TAB_PERMISSIONS[name]));
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <div role="tablist" className="toolbar">
        {tabs.map((name) => (
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
      {tabs.includes(tab) && tab === 'users' && <UsersPanel />}
      {tabs.includes(tab) && tab === 'orgUnits' && <OrgUnitsPanel />}
      {tabs.includes(tab) && tab === 'roles' && <RolesPanel />}
      {tabs.includes(tab) && tab === 'migration' && <MigrationPanel />}
    </section>
  );
}
