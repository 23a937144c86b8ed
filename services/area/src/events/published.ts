import type { AreaEventData, AreaEventType } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import type { AreaRow } from '../db/area.repository';
import type { AssignmentRow } from '../db/assignment.repository';
import type { BBox } from '../domain/geometry';

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. */
function event<T extends AreaEventType>(
  type: T,
  subject: string,
  data: AreaEventData<T>,
  country?: string,
  actor?: string,
): NewEvent<AreaEventData<T>> {
  return { type, subject, data, ...(country ? { country } : {}), ...(actor ? { actor } : {}) };
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export const rowBBox = (row: Pick<AreaRow, 'min_lng' | 'min_lat' | 'max_lng' | 'max_lat'>): BBox => [
  Number(row.min_lng),
  Number(row.min_lat),
  Number(row.max_lng),
  Number(row.max_lat),
];

export function areaSnapshot(row: AreaRow): AreaEventData<'area.area.created.v1'> {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    code: row.code,
    country: row.country,
    priority: Number(row.priority),
    orgUnitId: row.org_unit_id,
    bbox: rowBBox(row),
    version: Number(row.version),
  };
}

export const areaEvents = {
  created: (row: AreaRow, actor: string) => event('area.area.created.v1', row.id, areaSnapshot(row), row.country, actor),
  updated: (row: AreaRow, actor: string) => event('area.area.updated.v1', row.id, areaSnapshot(row), row.country, actor),
  deleted: (row: AreaRow, actor: string) => event('area.area.deleted.v1', row.id, areaSnapshot(row), row.country, actor),
  geometryChanged: (row: AreaRow, previousBbox: BBox, actor: string) =>
    event(
      'area.area.geometry-changed.v1',
      row.id,
      { areaId: row.id, country: row.country, version: row.version, bbox: rowBBox(row), previousBbox },
      row.country,
      actor,
    ),
};

function assignmentSnapshot(row: AssignmentRow): AreaEventData<'area.assignment.created.v1'> {
  return {
    id: row.id,
    areaId: row.area_id,
    userId: row.user_id,
    role: row.role,
    effectiveFrom: iso(row.effective_from),
    effectiveTo: row.effective_to === null ? null : iso(row.effective_to),
    version: row.version,
  };
}

export const assignmentEvents = {
  created: (row: AssignmentRow, actor: string) => event('area.assignment.created.v1', row.id, assignmentSnapshot(row), row.country, actor),
  ended: (row: AssignmentRow, endedAt: number, actor: string) =>
    event('area.assignment.ended.v1', row.id, { ...assignmentSnapshot(row), endedAt: iso(endedAt) }, row.country, actor),
};

export const coverageEvents = {
  changed: (userId: string, areaIds: string[], version: number, country: string | undefined) =>
    event('area.coverage.changed.v1', userId, { userId, areaIds, version }, country, 'system'),
};
