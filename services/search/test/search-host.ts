import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import type { LeadSnapshot, MerchantSnapshot, PlaceSnapshot, TicketSnapshot, VisitSnapshot } from '@fieldops/contracts';
import { buildEnvelope, type ServiceDefinition } from '@fieldops/platform';
import { startTestHost, type TestEngines, type TestHost } from '@fieldops/testing';
import { uuidv7 } from 'uuidv7';
import { searchService } from '../src/index';

/** Account (logins, owners, scopes), area (polygons, paths) and search, with demo users and areas. */
export async function startSearchHost(
  engines: TestEngines,
  services: ServiceDefinition[] = [],
  env?: Record<string, string>,
): Promise<TestHost> {
  return startTestHost({ services: [accountService, areaService, ...services, searchService], engines, seedDemo: true, env });
}

/** Publishes events as their owning service would (the first segment of the type names the source). */
export async function publish(t: TestHost, type: string, subject: string, data: unknown, options: { country?: string; at?: number } = {}) {
  const source = type.split('.')[0] ?? 'test';
  await t.host.runtime.bus.publish([buildEnvelope(source, { type, subject, data, country: options.country }, options.at ?? Date.now())]);
}

/** The claims of an access token (user id, org unit). */
export function claimsOf(token: string): { sub: string; org: string; name: string } {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

export function aMerchantSnapshot(overrides: Partial<MerchantSnapshot> = {}): MerchantSnapshot {
  return {
    id: uuidv7(),
    legalName: 'Test Kopitiam Pte Ltd',
    brandName: 'Kopitiam',
    category: 'cafe',
    tier: 'B',
    contacts: [{ name: 'Tan Ah Kow', role: 'owner', phone: '+6591234567' }],
    address: '1 North Bridge Road',
    placeId: null,
    country: 'SG',
    lat: 1.2903,
    lng: 103.8519,
    areaId: null,
    ownerId: null,
    orgUnitId: null,
    agencyId: null,
    businessId: '201912345K',
    documents: [],
    leadId: null,
    status: 'onboarding',
    version: 1,
    ...overrides,
  };
}

export function aLeadSnapshot(overrides: Partial<LeadSnapshot> = {}): LeadSnapshot {
  return {
    id: uuidv7(),
    name: 'Lead Shop',
    phone: '+6598765432',
    address: '2 Orchard Road',
    category: 'restaurant',
    lat: 1.3048,
    lng: 103.8318,
    country: 'SG',
    areaId: null,
    ownerId: null,
    orgUnitId: null,
    agencyId: null,
    pool: 'public',
    stage: 'new',
    protectedUntil: null,
    claimedAt: null,
    nextFollowUpAt: null,
    duplicateOf: null,
    merchantId: null,
    conversionStatus: 'none',
    version: 1,
    ...overrides,
  };
}

export function aPlaceSnapshot(overrides: Partial<PlaceSnapshot> = {}): PlaceSnapshot {
  return {
    id: uuidv7(),
    name: 'Test Place',
    address: '3 Beach Road',
    category: 'retail',
    phone: null,
    country: 'SG',
    lat: 1.3,
    lng: 103.86,
    source: 'import',
    status: 'active',
    mergedInto: null,
    areaId: null,
    version: 1,
    ...overrides,
  };
}

export function aVisitSnapshot(overrides: Partial<VisitSnapshot> = {}): VisitSnapshot {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    repId: 'rep',
    orgUnitId: null,
    agencyId: null,
    country: 'SG',
    targetType: 'merchant',
    targetId: 'merchant',
    targetName: 'Visited Shop',
    areaId: null,
    lat: 1.29,
    lng: 103.85,
    accuracyM: 10,
    distanceM: 5,
    checkedInAt: now,
    receivedAt: now,
    checkedOutAt: null,
    dwellSeconds: null,
    outcome: null,
    notes: '',
    followUpAt: null,
    photoIds: [],
    riskScore: 0,
    riskSignals: [],
    verification: 'open',
    version: 1,
    ...overrides,
  };
}

export function aTicketSnapshot(overrides: Partial<TicketSnapshot> = {}): TicketSnapshot {
  return {
    id: uuidv7(),
    country: 'SG',
    type: 'equipment-repair',
    title: 'POS terminal does not print',
    state: 'assigned',
    pendingOn: null,
    priority: 'normal',
    queue: 'field-service',
    assigneeId: null,
    orgUnitId: null,
    agencyId: null,
    areaId: null,
    merchantId: null,
    leadId: null,
    placeId: null,
    visitId: null,
    lat: 1.2903,
    lng: 103.8519,
    createdBy: 'service:tickets',
    slaStatus: 'on-track',
    slaBreachAt: null,
    version: 1,
    ...overrides,
  };
}
