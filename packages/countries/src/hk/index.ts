import type { AddressParts, CountryDefinition } from '../country-policy';
import { presentParts } from '../shared/address';
import { hkCalendar } from './calendar';
import { hkDemo } from './demo';
import { validateBusinessRegistration, validateHkid } from './hong-kong-ids';
import { hkSearchFolding } from './search-folding';
import { hkVisitTemplates } from './visit-templates';

const HAN = /\p{Script=Han}/u;

/**
 * Chinese addresses run big to small with no spaces ("香港九龍旺角彌敦道123號"); English ones small to big
 * ("123 Nathan Road, Mong Kok, Kowloon, Hong Kong"). Hong Kong has no postal codes.
 */
export function formatHkAddress(parts: AddressParts): string {
  const chinese = [parts.street, parts.district, parts.city].every((part) => !part?.trim() || HAN.test(part));
  // The territory is its own city: "香港" is written once.
  const city = parts.city?.trim() === '香港' ? undefined : parts.city;
  if (chinese) return presentParts(parts.province ?? '香港', city, parts.district, parts.street).join('');
  return presentParts(parts.street, parts.district, parts.city, parts.province ?? 'Hong Kong').join(', ');
}

export const country: CountryDefinition = {
  identity: {
    code: 'HK',
    name: 'Hong Kong',
    currency: 'HKD',
    currencyMinorUnits: 2,
    timezone: 'Asia/Hong_Kong',
    locale: 'zh-HK',
    // Hong Kong's maps are WGS-84 (HK1980 grid aside): GCJ-02 is the mainland's rule, and the policy, not the
    // country's being part of China, decides what the maps draw in.
    coordinateSystem: 'WGS84',
    mapCentre: { lat: 22.3193, lng: 114.1694 },
  },
  defaults: {
    checkinRadiusMeters: 150,
    checkinOutOfRange: 'flag',
    visitReviewThreshold: 50,
    // Dense streets walked or taken by MTR between stops.
    travelSpeedKmh: 12,
    leadProtectionDays: 30,
    leadProtectionMaxDays: 90,
    leadRecycleWarningDays: 7,
    leadReclaimCooldownDays: 15,
    leadClaimLimit: 200,
    leadClaimLimitByRole: {},
    requiredOnboardingDocuments: ['business_registration_certificate', 'owner_identity_document', 'bank_account_proof', 'storefront_photo'],
    merchantRetentionDays: 90,
  },
  calendar: hkCalendar,
  visitTemplates: hkVisitTemplates,
  notifications: { quietHours: { start: '22:00', end: '08:00' }, defaultChannels: ['email', 'push'], smsProvider: 'hk' },
  validateBusinessId: validateBusinessRegistration,
  validatePersonalId: validateHkid,
  formatAddress: formatHkAddress,
  searchFolding: hkSearchFolding,
  demo: hkDemo,
};
