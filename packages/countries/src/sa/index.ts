import type { AddressParts, CountryDefinition } from '../country-policy';
import { presentParts } from '../shared/address';
import { saCalendar } from './calendar';
import { saDemo } from './demo';
import { validateSaudiBusinessId, validateSaudiNationalId } from './saudi-ids';
import { saSearchFolding } from './search-folding';
import { saVisitTemplates } from './visit-templates';

const ARABIC = /\p{Script=Arabic}/u;

/**
 * Saudi National Address (SPL): building number and street, district, city and postal code, then the short address
 * (four letters and four digits) that stands for all of it. Arabic text is joined with the Arabic comma.
 */
export function formatSaAddress(parts: AddressParts): string {
  const body = presentParts(parts.street, parts.district, presentParts(parts.city, parts.postalCode).join(' '));
  const comma = body.some((part) => ARABIC.test(part)) ? '، ' : ', ';
  const short = parts.shortAddress?.trim().toUpperCase();
  return presentParts(body.join(comma), short).join(comma);
}

export const country: CountryDefinition = {
  identity: {
    code: 'SA',
    name: 'Saudi Arabia',
    currency: 'SAR',
    currencyMinorUnits: 2,
    timezone: 'Asia/Riyadh',
    locale: 'ar-SA',
    coordinateSystem: 'WGS84',
    mapCentre: { lat: 24.7136, lng: 46.6753 },
  },
  defaults: {
    checkinRadiusMeters: 300,
    checkinOutOfRange: 'flag',
    visitReviewThreshold: 50,
    // Riyadh is driven, on wide roads: faster between stops than the dense Asian cities.
    travelSpeedKmh: 25,
    leadProtectionDays: 30,
    leadProtectionMaxDays: 90,
    leadRecycleWarningDays: 7,
    leadReclaimCooldownDays: 30,
    leadClaimLimit: 150,
    leadClaimLimitByRole: {},
    requiredOnboardingDocuments: [
      'commercial_registration',
      'vat_registration_certificate',
      'national_address_proof',
      'owner_identity_document',
      'iban_certificate',
      'storefront_photo',
    ],
    merchantRetentionDays: 90,
  },
  calendar: saCalendar,
  visitTemplates: saVisitTemplates,
  notifications: { quietHours: { start: '23:00', end: '08:00' }, defaultChannels: ['email', 'push'], smsProvider: 'sa' },
  validateBusinessId: validateSaudiBusinessId,
  validatePersonalId: validateSaudiNationalId,
  formatAddress: formatSaAddress,
  searchFolding: saSearchFolding,
  demo: saDemo,
};
