import type {
  Area as AreaMessage,
  Lead as LeadMessage,
  Merchant as MerchantMessage,
  Place as PlaceMessage,
  User as UserMessage,
  Visit as VisitMessage,
} from '@fieldops/contracts';

/**
 * The shapes resolvers hand to GraphQL. Records come from RPC (epoch-ms bigints, optional fields) or from REST
 * (ISO strings, nulls); both are turned into these, so a type resolves the same wherever its record came from.
 */
export interface MerchantView {
  id: string;
  legalName: string;
  brandName: string;
  category: string;
  tier: string;
  status: string;
  address: string;
  businessId: string;
  country: string;
  lat: number;
  lng: number;
  contacts: { name: string; role: string; phone: string | null }[];
  ownerId: string | null;
  areaId: string | null;
  placeId: string | null;
  updatedAt: string;
}

export interface LeadView {
  id: string;
  name: string;
  phone: string | null;
  address: string;
  category: string;
  stage: string;
  pool: string;
  lat: number;
  lng: number;
  protectedUntil: string | null;
  createdAt: string;
  ownerId: string | null;
  areaId: string | null;
  duplicateOf: string | null;
}

/** A visit as the checkin service's RPC answers it (the fields the BFF shows). */
export interface VisitView {
  id: string;
  repId: string;
  targetType: string;
  targetId: string;
  targetName: string;
  verification: string;
  riskScore: number;
  distanceM: number;
  outcome: string | null;
  checkedInAt: string;
  checkedOutAt: string | null;
  lat: number;
  lng: number;
  photoIds: string[];
}

/** One stop of a day plan as the checkin service answers it (GET /api/v1/plans/{date}), in visiting order. */
export interface PlanStopView {
  targetType: string;
  targetId: string;
  targetName: string;
  lat: number;
  lng: number;
  appointmentAt: string | null;
  arriveAt: string;
  late: boolean;
}

const iso = (epochMs: bigint): string => new Date(Number(epochMs)).toISOString();
const orNull = <T>(value: T | undefined): T | null => value ?? null;

export function merchantFromRpc(m: MerchantMessage): MerchantView {
  return {
    id: m.id,
    legalName: m.legalName,
    brandName: m.brandName,
    category: m.category,
    tier: m.tier,
    status: m.status,
    address: m.address,
    businessId: m.businessId,
    country: m.country,
    lat: m.lat,
    lng: m.lng,
    contacts: m.contacts.map((c) => ({ name: c.name, role: c.role, phone: orNull(c.phone) })),
    ownerId: orNull(m.ownerId),
    areaId: orNull(m.areaId),
    placeId: orNull(m.placeId),
    updatedAt: iso(m.updatedAt),
  };
}

export function leadFromRpc(l: LeadMessage): LeadView {
  return {
    id: l.id,
    name: l.name,
    phone: orNull(l.phone),
    address: l.address,
    category: l.category,
    stage: l.stage,
    pool: l.pool,
    lat: l.lat,
    lng: l.lng,
    protectedUntil: l.protectedUntil === undefined ? null : iso(l.protectedUntil),
    createdAt: iso(l.createdAt),
    ownerId: orNull(l.ownerId),
    areaId: orNull(l.areaId),
    duplicateOf: orNull(l.duplicateOf),
  };
}

export function userView(u: UserMessage) {
  return { id: u.id, name: u.name, email: u.email, country: u.country, orgUnitId: u.orgUnitId };
}

export function areaView(a: AreaMessage) {
  return { id: a.id, name: a.name, kind: a.kind, code: a.code };
}

export function placeView(p: PlaceMessage) {
  return { id: p.id, name: p.name, address: p.address, category: p.category, lat: p.lat, lng: p.lng };
}

export function visitFromRpc(v: VisitMessage): VisitView {
  return {
    id: v.id,
    repId: v.repId,
    targetType: v.targetType,
    targetId: v.targetId,
    targetName: v.targetName,
    verification: v.verification,
    riskScore: v.riskScore,
    distanceM: v.distanceM,
    outcome: orNull(v.outcome),
    checkedInAt: iso(v.checkedInAt),
    checkedOutAt: v.checkedOutAt === undefined ? null : iso(v.checkedOutAt),
    lat: v.lat,
    lng: v.lng,
    photoIds: v.photoIds,
  };
}
