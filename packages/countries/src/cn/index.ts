import type { AddressParts, CountryDefinition } from '../country-policy';
import { presentParts } from '../shared/address';
import { cnCalendar } from './calendar';
import { cnDemo } from './demo';
import { validateUscc } from './uscc';
import { cnVisitTemplates } from './visit-templates';

const HAN = /\p{Script=Han}/u;

/** Big-to-small, as written on Chinese envelopes and in every domestic map/e-commerce app. */
export function formatCnAddress(parts: AddressParts): string {
  // Municipalities (北京市, 上海市 …) are both province and city; printing them twice looks broken.
  const city = parts.city?.trim() === parts.province?.trim() ? undefined : parts.city;
  const body = presentParts(parts.province, city, parts.district, parts.street);
  // Chinese script is written without spaces; romanised input keeps them to stay readable.
  const separator = body.every((part) => HAN.test(part)) ? '' : ' ';
  return presentParts(body.join(separator), parts.postalCode).join(' ');
}

export const country: CountryDefinition = {
  identity: {
    code: 'CN',
    name: 'China',
    currency: 'CNY',
    currencyMinorUnits: 2,
    timezone: 'Asia/Shanghai',
    locale: 'zh-CN',
    coordinateSystem: 'GCJ02',
    mapCentre: { lat: 31.2304, lng: 121.4737 },
    // Amap (高德) is the map app most phones in China have; it takes GPS coordinates when told so.
    navigationUrl: 'https://uri.amap.com/marker?position={lng},{lat}&name={name}&coordinate=wgs84&callnative=1',
  },
  defaults: {
    checkinRadiusMeters: 300,
    checkinOutOfRange: 'reject',
    visitReviewThreshold: 50,
    travelSpeedKmh: 18,
    leadProtectionDays: 30,
    leadProtectionMaxDays: 90,
    leadRecycleWarningDays: 7,
    leadReclaimCooldownDays: 15,
    leadClaimLimit: 200,
    leadClaimLimitByRole: {},
    requiredOnboardingDocuments: ['business_license', 'legal_representative_id', 'bank_account_proof', 'storefront_photo'],
    merchantRetentionDays: 60,
  },
  calendar: cnCalendar,
  visitTemplates: cnVisitTemplates,
  notifications: { quietHours: { start: '22:00', end: '08:00' }, defaultChannels: ['email', 'push'], smsProvider: 'cn' },
  validateBusinessId: validateUscc,
  demo: cnDemo,
  formatAddress: formatCnAddress,
};
