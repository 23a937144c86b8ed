import type { AgencyRow } from '../db/agency.repository';
import { isoTime } from './iso-time';

export interface AgencyView {
  id: string;
  name: string;
  country: string;
  status: AgencyRow['status'];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toAgencyView(agency: AgencyRow): AgencyView {
  return {
    id: agency.id,
    name: agency.name,
    country: agency.country,
    status: agency.status,
    version: agency.version,
    createdAt: isoTime(agency.created_at),
    updatedAt: isoTime(agency.updated_at),
  };
}
