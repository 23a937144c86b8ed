import type { FilePurpose, FileSnapshot } from '@fieldops/contracts';
import type { StoredFileRow } from '../db/file.repository';

const iso = (ms: number) => new Date(ms).toISOString();

/** A file as the API and its events show it. */
export function fileSnapshot(row: StoredFileRow): FileSnapshot {
  return {
    id: row.id,
    sha256: row.sha256,
    size: Number(row.size),
    mimeType: row.mime_type,
    fileName: row.file_name,
    purpose: row.purpose as FilePurpose,
    ownerId: row.owner_id,
    orgUnitId: row.org_unit_id,
    agencyId: row.agency_id,
    country: row.country,
    width: row.width,
    height: row.height,
    takenAt: row.taken_at === null ? null : iso(Number(row.taken_at)),
    gpsLat: row.gps_lat,
    gpsLng: row.gps_lng,
    createdAt: iso(Number(row.created_at)),
  };
}

export type FileView = FileSnapshot & { hasThumbnail: boolean; version: number };

export function toFileView(row: StoredFileRow): FileView {
  return { ...fileSnapshot(row), hasThumbnail: row.thumbnail_key !== null, version: Number(row.version) };
}
