import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

const TABS = [{ to: '/', key: 'field.tabs.myDay' }] as const;

export function FieldLayout() {
  const { t } = useTranslation();
  return (
    <div className="field-app">
      <main className="field-main">
        <Outlet />
      </main>
      <nav className="field-tabs" aria-label={t('app.field')}>
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.to === '/'}>
            {t(tab.key)}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
