import type { FilePurpose } from '@fieldops/contracts';
import type { PlatformTables } from '@fieldops/platform';

/** One stored byte sequence, keyed by its SHA-256, with what was read from the bytes. Many files may share one. */
export interface BlobTable {
  sha256: string;
  size: number;
  mime_type: string;
  width: number | null;
  height: number | null;
  /** EXIF DateTimeOriginal, epoch ms (UTC as best known). */
  taken_at: number | null;
  gps_lat: number | null;
  gps_lng: number | null;
  /** Where the thumbnail of an image is stored; null for other files. */
  thumbnail_key: string | null;
  created_at: number;
}

/** A file: one upload of a blob by a user, carrying the uploader's scope columns. */
export interface FileTable {
  id: string;
  sha256: string;
  file_name: string;
  purpose: FilePurpose;
  owner_id: string;
  org_unit_id: string | null;
  agency_id: string | null;
  country: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export type UploadStatus = 'pending' | 'completed';

/** A presigned upload: the client PUTs the bytes to `staging_key`, then completes it into the file with the same id. */
export interface FileUploadTable {
  id: string;
  file_name: string;
  purpose: FilePurpose;
  declared_size: number | null;
  staging_key: string;
  owner_id: string;
  org_unit_id: string | null;
  agency_id: string | null;
  country: string;
  status: UploadStatus;
  expires_at: number;
  version: number;
  created_at: number;
  updated_at: number;
}

/** A record of another service that files belong to (a merchant, a visit), as its events last described it. */
export interface LinkedRecordTable {
  record_type: string;
  record_id: string;
  owner_id: string | null;
  org_unit_id: string | null;
  area_id: string | null;
  agency_id: string | null;
  country: string;
  /** The record versions the scope columns and the file list were taken from (events may arrive out of order). */
  scope_version: number;
  links_version: number;
  updated_at: number;
}

export interface FileLinkTable {
  record_type: string;
  record_id: string;
  file_id: string;
}

/** The backfill's progress towards one target store: blobs up to `after_sha256` are done. */
export interface BlobBackfillTable {
  target: string;
  after_sha256: string;
  completed_at: number | null;
  updated_at: number;
}

export interface FileDb extends PlatformTables {
  blob: BlobTable;
  file: FileTable;
  file_upload: FileUploadTable;
  linked_record: LinkedRecordTable;
  file_link: FileLinkTable;
  blob_backfill: BlobBackfillTable;
}
