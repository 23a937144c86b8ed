import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { LoginPage } from '../shared/session/login-page';
import { useSession } from '../shared/session/session';
import { ConsoleLayout } from './console-layout';
import { DashboardPage } from './dashboard/dashboard-page';

/** The manager console: the login page until a session exists, then the screens under one layout. */
export function ConsoleApp() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.loading) return <p className="loading">{t('common.loading')}</p>;
  if (!session.me) return <LoginPage title={t('app.console')} />;
  return (
    <Routes>
      <Route element={<ConsoleLayout />}>
        <Route index element={<DashboardPage />} />
        <Route path="*" element={<DashboardPage />} />
      </Route>
    </Routes>
  );
}
