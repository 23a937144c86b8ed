import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { InboxPage } from '../shared/notifications/inbox-page';
import { PreferencesPage } from '../shared/notifications/preferences-page';
import { LoginPage } from '../shared/session/login-page';
import { useSession } from '../shared/session/session';
import { AdminPage } from './admin/admin-page';
import { AreaDetailPage } from './areas/area-detail-page';
import { AreasPage } from './areas/areas-page';
import { CampaignBuilderPage } from './campaigns/campaign-builder-page';
import { CampaignPage } from './campaigns/campaign-page';
import { CampaignsPage } from './campaigns/campaigns-page';
import { ConsoleLayout } from './console-layout';
import { DashboardPage } from './dashboard/dashboard-page';
import { LeadDetailPage } from './leads/lead-detail-page';
import { LeadsPage } from './leads/leads-page';
import { MapPage } from './map/map-page';
import { MerchantDetailPage } from './merchants/merchant-detail-page';
import { MerchantsPage } from './merchants/merchants-page';
import { PerformancePage } from './performance/performance-page';
import { ReviewsPage } from './reviews/reviews-page';
import { SearchPage } from './search/search-page';
import { TeamPage } from './team/team-page';
import { SlaPoliciesPage } from './tickets/sla-policies-page';
import { TicketDetailPage } from './tickets/ticket-detail-page';
import { TicketsPage } from './tickets/tickets-page';
import { VisitDetailPage } from './visits/visit-detail-page';

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
        <Route path="map" element={<MapPage />} />
        <Route path="merchants" element={<MerchantsPage />} />
        <Route path="merchants/:id" element={<MerchantDetailPage />} />
        <Route path="leads" element={<LeadsPage />} />
        <Route path="leads/:id" element={<LeadDetailPage />} />
        <Route path="tickets" element={<TicketsPage />} />
        <Route path="tickets/sla-policies" element={<SlaPoliciesPage />} />
        <Route path="tickets/:id" element={<TicketDetailPage />} />
        <Route path="campaigns" element={<CampaignsPage />} />
        <Route path="campaigns/new" element={<CampaignBuilderPage />} />
        <Route path="campaigns/:id" element={<CampaignPage />} />
        <Route path="areas" element={<AreasPage />} />
        <Route path="areas/:id" element={<AreaDetailPage />} />
        <Route path="team" element={<TeamPage />} />
        <Route path="reviews" element={<ReviewsPage />} />
        <Route path="performance" element={<PerformancePage />} />
        <Route path="visits/:id" element={<VisitDetailPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="admin" element={<AdminPage />} />
        <Route path="notifications" element={<InboxPage app="console" />} />
        <Route path="notifications/preferences" element={<PreferencesPage />} />
        <Route path="*" element={<DashboardPage />} />
      </Route>
      <Route path="console/*" element={<ConsoleDeepLink />} />
    </Routes>
  );
}

/** Notices and their emails link records as `/console/…`; the console itself is served at `/`. */
function ConsoleDeepLink() {
  const location = useLocation();
  return <Navigate replace to={`${location.pathname.replace(/^\/console/, '') || '/'}${location.search}`} />;
}
