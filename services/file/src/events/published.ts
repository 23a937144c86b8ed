import type { FileEventData, FileEventType } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import { fileSnapshot } from '../app/file-view';
import type { StoredFileRow } from '../db/file.repository';

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. */
function event<T extends FileEventType>(type: T, subject: string, data: FileEventData<T>, country: string, actor: string) {
  const built: NewEvent<FileEventData<T>> = { type, subject, data, country, actor };
  return built;
}

export const fileEvents = {
  uploaded: (row: StoredFileRow, actor: string) => event('file.file.uploaded.v1', row.id, fileSnapshot(row), row.country, actor),
};
