import type { AddressParts, CountryDefinition } from '../country-policy';
import { presentParts } from '../shared/address';
import { thCalendar } from './calendar';
import { thDemo } from './demo';
import { validateThaiId } from './thai-tax-id';
import { thVisitTemplates } from './visit-templates';

const THAI = /\p{Script=Thai}/u;

/**
 * Thai Post layout, small to big: house number and road, sub-district and district (แขวง/เขต in Bangkok,
 * ตำบล/อำเภอ elsewhere), province, postal code — separated by spaces in Thai, by commas in English.
 */
export function formatThAddress(parts: AddressParts): string {
  const body = presentParts(parts.street, parts.district, parts.city, parts.province);
  const separator = body.some((part) => THAI.test(part)) ? ' ' : ', ';
  return presentParts(body.join(separator), parts.postalCode).join(' ');
}

export const country: CountryDefinition = {
  identity: {
    code: 'TH',
    name: 'Thailand',
    currency: 'THB',
    currencyMinorUnits: 2,
    timezone: 'Asia/Bangkok',
    // Thai dates are written in the Buddhist era (2569 for 2026); Intl's 'th-TH' does so by default.
    locale: 'th-TH',
    coordinateSystem: 'WGS84',
    mapCentre: { lat: 13.7563, lng: 100.5018 },
  },
  defaults: {
    checkinRadiusMeters: 250,
    checkinOutOfRange: 'reject',
    visitReviewThreshold: 50,
    // Bangkok traffic: the slowest of the served cities between stops.
    travelSpeedKmh: 15,
    leadProtectionDays: 30,
    leadProtectionMaxDays: 90,
    leadRecycleWarningDays: 7,
    leadReclaimCooldownDays: 15,
    leadClaimLimit: 150,
    leadClaimLimitByRole: {},
    requiredOnboardingDocuments: [
      'company_registration_certificate',
      'vat_registration_pp20',
      'owner_identity_document',
      'bank_book_copy',
      'storefront_photo',
    ],
    merchantRetentionDays: 90,
  },
  calendar: thCalendar,
  visitTemplates: thVisitTemplates,
  notifications: { quietHours: { start: '22:00', end: '07:00' }, defaultChannels: ['email', 'push'], smsProvider: 'th' },
  validateBusinessId: validateThaiId,
  validatePersonalId: validateThaiId,
  flags: { 'checkin.rejectOutOfRange': true },
  formatAddress: formatThAddress,
  demo: thDemo,
};
