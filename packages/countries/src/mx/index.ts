import type { AddressParts, CountryDefinition } from '../country-policy';
import { presentParts } from '../shared/address';
import { mxCalendar } from './calendar';
import { mxDemo } from './demo';
import { validateCurp, validateRfc } from './mexican-ids';
import { mxVisitTemplates } from './visit-templates';

const GENERIC_RFCS = new Set(['XAXX010101000', 'XEXX010101000']);

/** Correos de México layout: "Av. Paseo de la Reforma 222, Juárez, 06600 Ciudad de México, CDMX". */
export function formatMxAddress(parts: AddressParts): string {
  const cityLine = presentParts(parts.postalCode, parts.city).join(' ');
  return presentParts(parts.street, parts.district, cityLine, parts.province).join(', ');
}

export const country: CountryDefinition = {
  identity: {
    code: 'MX',
    name: 'Mexico',
    currency: 'MXN',
    currencyMinorUnits: 2,
    // Central time, which Mexico keeps all year since 2022; covers the large majority of merchants.
    timezone: 'America/Mexico_City',
    locale: 'es-MX',
    coordinateSystem: 'WGS84',
    mapCentre: { lat: 19.4326, lng: -99.1332 },
  },
  defaults: {
    checkinRadiusMeters: 250,
    checkinOutOfRange: 'reject',
    visitReviewThreshold: 50,
    travelSpeedKmh: 16,
    leadProtectionDays: 30,
    leadProtectionMaxDays: 90,
    leadRecycleWarningDays: 7,
    leadReclaimCooldownDays: 30,
    leadClaimLimit: 120,
    leadClaimLimitByRole: {},
    requiredOnboardingDocuments: [
      'constancia_situacion_fiscal',
      'acta_constitutiva',
      'owner_identity_document',
      'comprobante_domicilio',
      'estado_cuenta_bancario',
      'storefront_photo',
    ],
    merchantRetentionDays: 90,
  },
  calendar: mxCalendar,
  visitTemplates: mxVisitTemplates,
  notifications: { quietHours: { start: '22:00', end: '08:00' }, defaultChannels: ['email', 'push'], smsProvider: 'mx' },
  // The generic RFCs (público en general, extranjeros) stand for "no taxpayer": never a merchant's own id.
  validateBusinessId: (id) => {
    const result = validateRfc(id);
    return result.ok && GENERIC_RFCS.has(result.normalized) ? { ok: false, reason: 'generic_rfc' } : result;
  },
  validatePersonalId: validateCurp,
  flags: { 'checkin.rejectOutOfRange': true },
  formatAddress: formatMxAddress,
  demo: mxDemo,
};
