import type { AddressParts, CountryDefinition } from '../country-policy';
import { presentParts } from '../shared/address';
import { sgDemo } from './demo';
import { validateUen } from './uen';
import { sgVisitTemplates } from './visit-templates';

/**
 * Small-to-big: "10 Anson Road, #10-01, Singapore 079903". The city-state has no provinces and the
 * postal code alone pins the building, so it always ends the line after "Singapore".
 */
export function formatSgAddress(parts: AddressParts): string {
  const tail = presentParts(parts.city?.trim() ? parts.city : 'Singapore', parts.postalCode).join(' ');
  return presentParts(parts.street, parts.district, tail).join(', ');
}

// MOM gazetted list for 2026 (Sunday holidays move to Monday). 2027 is not gazetted yet; its lunar and
// Islamic dates are astronomical estimates and must be confirmed against MOM via the overrides file.
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-02-17', '2026-02-18', '2026-03-21', '2026-04-03', '2026-05-01', '2026-05-27',
  '2026-05-31', '2026-06-01', '2026-08-09', '2026-08-10', '2026-11-08', '2026-11-09', '2026-12-25',
];
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2027_PROVISIONAL = [
  '2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-03-10', '2027-03-26', '2027-05-01',
  '2027-05-17', '2027-05-20', '2027-08-09', '2027-10-29', '2027-12-25',
];

export const country: CountryDefinition = {
  identity: {
    code: 'SG',
    name: 'Singapore',
    currency: 'SGD',
    currencyMinorUnits: 2,
    timezone: 'Asia/Singapore',
    locale: 'en-SG',
    coordinateSystem: 'WGS84',
    mapCentre: { lat: 1.2903, lng: 103.8519 },
  },
  defaults: {
    checkinRadiusMeters: 150,
    checkinOutOfRange: 'flag',
    visitReviewThreshold: 50,
    travelSpeedKmh: 20,
    leadProtectionDays: 15,
    leadProtectionMaxDays: 45,
    leadRecycleWarningDays: 3,
    leadReclaimCooldownDays: 7,
    leadClaimLimit: 100,
    leadClaimLimitByRole: {},
    requiredOnboardingDocuments: ['acra_bizfile', 'owner_identity_document', 'bank_statement', 'storefront_photo'],
    merchantRetentionDays: 90,
  },
  calendar: {
    workingHours: { start: '09:00', end: '18:00' },
    weekend: [0, 6],
    holidays: [...HOLIDAYS_2026, ...HOLIDAYS_2027_PROVISIONAL],
    makeupWorkdays: [],
  },
  visitTemplates: sgVisitTemplates,
  notifications: { quietHours: { start: '22:00', end: '07:00' }, defaultChannels: ['email', 'push'], smsProvider: 'default' },
  validateBusinessId: validateUen,
  demo: sgDemo,
  formatAddress: formatSgAddress,
};
