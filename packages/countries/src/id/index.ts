import type { AddressParts, CountryDefinition } from '../country-policy';
import { presentParts } from '../shared/address';
import { idDemo } from './demo';
import { validateNpwp } from './npwp';
import { idVisitTemplates } from './visit-templates';

/** Small-to-big, postal code after the province: "Jl. Sudirman No. 1, Senayan, Jakarta Selatan, DKI Jakarta 10270". */
export function formatIdAddress(parts: AddressParts): string {
  const tail = presentParts(parts.province, parts.postalCode).join(' ');
  return presentParts(parts.street, parts.district, parts.city, tail).join(', ');
}

// National holidays (hari libur nasional) per the 2026 SKB of three ministers; cuti bersama days are
// left out because they bind civil servants, not the merchants reps visit. 2027 has no SKB yet: the
// Islamic, lunar and Saka dates are astronomical estimates to be replaced via the overrides file.
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-01-16', '2026-02-17', '2026-03-19', '2026-03-21', '2026-03-22', '2026-04-03',
  '2026-04-05', '2026-05-01', '2026-05-14', '2026-05-27', '2026-05-31', '2026-06-01', '2026-06-16',
  '2026-08-17', '2026-08-25', '2026-12-25',
];
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2027_PROVISIONAL = [
  '2027-01-01', '2027-01-05', '2027-02-06', '2027-03-08', '2027-03-10', '2027-03-11', '2027-03-26',
  '2027-03-28', '2027-05-01', '2027-05-06', '2027-05-17', '2027-05-20', '2027-06-01', '2027-06-06',
  '2027-08-15', '2027-08-17', '2027-12-25',
];

export const country: CountryDefinition = {
  identity: {
    code: 'ID',
    name: 'Indonesia',
    currency: 'IDR',
    // ISO 4217 still defines two decimals for the rupiah even though sen are not used in practice.
    currencyMinorUnits: 2,
    // WIB; reps in WITA/WIT regions need a per-region zone, which this country-wide calendar does not model.
    timezone: 'Asia/Jakarta',
    locale: 'id-ID',
    coordinateSystem: 'WGS84',
    mapCentre: { lat: -6.2, lng: 106.8456 },
  },
  defaults: {
    checkinRadiusMeters: 200,
    checkinOutOfRange: 'flag',
    visitReviewThreshold: 50,
    travelSpeedKmh: 15,
    leadProtectionDays: 21,
    leadProtectionMaxDays: 60,
    leadRecycleWarningDays: 5,
    leadReclaimCooldownDays: 14,
    leadClaimLimit: 150,
    leadClaimLimitByRole: {},
    requiredOnboardingDocuments: ['nib', 'npwp', 'owner_ktp', 'bank_account_proof', 'storefront_photo'],
    merchantRetentionDays: 90,
  },
  calendar: {
    workingHours: { start: '08:00', end: '17:00' },
    weekend: [0, 6],
    holidays: [...HOLIDAYS_2026, ...HOLIDAYS_2027_PROVISIONAL],
    makeupWorkdays: [],
  },
  visitTemplates: idVisitTemplates,
  notifications: { quietHours: { start: '21:00', end: '07:00' }, defaultChannels: ['email', 'push'], smsProvider: 'default' },
  validateBusinessId: validateNpwp,
  demo: idDemo,
  formatAddress: formatIdAddress,
};
