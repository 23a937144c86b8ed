import type { AddressParts, CountryDefinition } from '../country-policy';
import { presentParts } from '../shared/address';
import { validateCnpj } from './cnpj';
import { brDemo } from './demo';
import { brVisitTemplates } from './visit-templates';

function formatCep(postalCode: string | undefined): string | undefined {
  const digits = postalCode?.replace(/\D/g, '');
  return digits?.length === 8 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : postalCode;
}

/** Correios layout: "Av. Paulista, 1000 - Bela Vista, São Paulo - SP, 01310-100". */
export function formatBrAddress(parts: AddressParts): string {
  const streetLine = presentParts(parts.street, parts.district).join(' - ');
  const cityLine = presentParts(parts.city, parts.province).join(' - ');
  return presentParts(streetLine, cityLine, formatCep(parts.postalCode)).join(', ');
}

// Federal holidays plus Carnival Monday/Tuesday and Corpus Christi: legally "ponto facultativo", but
// almost no merchant receives sales visits on those days. Dates follow Easter, so 2027 is exact.
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-02-16', '2026-02-17', '2026-04-03', '2026-04-21', '2026-05-01', '2026-06-04',
  '2026-09-07', '2026-10-12', '2026-11-02', '2026-11-15', '2026-11-20', '2026-12-25',
];
// biome-ignore format: grouped rows are easier to check against the official list
const HOLIDAYS_2027 = [
  '2027-01-01', '2027-02-08', '2027-02-09', '2027-03-26', '2027-04-21', '2027-05-01', '2027-05-27',
  '2027-09-07', '2027-10-12', '2027-11-02', '2027-11-15', '2027-11-20', '2027-12-25',
];

export const country: CountryDefinition = {
  identity: {
    code: 'BR',
    name: 'Brazil',
    currency: 'BRL',
    currencyMinorUnits: 2,
    // Brasília time; covers the large majority of merchants, not Amazonas/Acre.
    timezone: 'America/Sao_Paulo',
    locale: 'pt-BR',
    coordinateSystem: 'WGS84',
    mapCentre: { lat: -23.5505, lng: -46.6333 },
  },
  defaults: {
    checkinRadiusMeters: 250,
    checkinOutOfRange: 'reject',
    visitReviewThreshold: 50,
    travelSpeedKmh: 18,
    leadProtectionDays: 30,
    leadProtectionMaxDays: 90,
    leadRecycleWarningDays: 7,
    leadReclaimCooldownDays: 30,
    leadClaimLimit: 120,
    leadClaimLimitByRole: {},
    requiredOnboardingDocuments: ['cartao_cnpj', 'contrato_social', 'owner_identity_document', 'bank_account_proof', 'storefront_photo'],
    merchantRetentionDays: 90,
  },
  calendar: {
    workingHours: { start: '08:00', end: '18:00' },
    weekend: [0, 6],
    holidays: [...HOLIDAYS_2026, ...HOLIDAYS_2027],
    makeupWorkdays: [],
  },
  visitTemplates: brVisitTemplates,
  notifications: { quietHours: { start: '22:00', end: '07:00' }, defaultChannels: ['email', 'push'], smsProvider: 'br' },
  validateBusinessId: validateCnpj,
  demo: brDemo,
  formatAddress: formatBrAddress,
};
