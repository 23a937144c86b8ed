import type { OrgUnitRow } from '../db/org-unit.repository';
import type { OrgUnitKind } from '../domain/org-unit';
import { orgUnitSnapshot } from '../events/published';
import { isoTime } from './iso-time';

/**
 * An org unit as the API shows it. The materialised path stays inside: a move rewrites the paths of the whole
 * subtree without changing the descendants' versions, so showing it would make their ETags lie. Clients walk the
 * tree through `parentId`.
 */
export interface OrgUnitView {
  id: string;
  parentId: string | null;
  kind: OrgUnitKind;
  name: string;
  country: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toOrgUnitView(unit: OrgUnitRow): OrgUnitView {
  return {
    ...orgUnitSnapshot(unit),
    createdAt: isoTime(unit.created_at),
    updatedAt: isoTime(unit.updated_at),
  };
}
