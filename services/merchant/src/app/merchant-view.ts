import type { MerchantContact, MerchantSnapshot } from '@fieldops/contracts';
import type { CoordinateSystem, EdgeCoordinates } from '@fieldops/geo';
import type { MerchantRow } from '../db/merchant.repository';
import { parseJsonList } from './merchant-fields';

/** A merchant as the API shows it, its coordinates in the client's system (named in `coords`). */
export interface MerchantView extends Omit<MerchantSnapshot, 'lat' | 'lng'> {
  lat: number;
  lng: number;
  coords: CoordinateSystem;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** What events carry: the stored row, WGS-84. */
export function merchantSnapshot(row: MerchantRow): MerchantSnapshot {
  return {
    id: row.id,
    legalName: row.legal_name,
    brandName: row.brand_name,
    category: row.category,
    tier: row.tier,
    contacts: parseJsonList<MerchantContact>(row.contacts),
    address: row.address,
    placeId: row.place_id,
    country: row.country,
    lat: row.lat,
    lng: row.lng,
    areaId: row.area_id,
    ownerId: row.owner_id,
    orgUnitId: row.org_unit_id,
    agencyId: row.agency_id,
    businessId: row.business_id,
    documents: parseJsonList<string>(row.documents),
    leadId: row.lead_id,
    status: row.status,
    version: Number(row.version),
  };
}

export function toMerchantView(row: MerchantRow, edge: EdgeCoordinates): MerchantView {
  const { lat, lng } = edge.toClient({ lat: row.lat, lng: row.lng });
  return {
    ...merchantSnapshot(row),
    lat,
    lng,
    coords: edge.system,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
