import type { Transaction } from 'kysely';
import { linkRepository, type RecordScope } from '../db/link.repository';
import type { FileDb } from '../db/schema';

/** A record of another service as one of its events describes it. */
export interface RecordDescription {
  recordType: 'merchant' | 'visit';
  recordId: string;
  version: number;
  /** An absent area or country (an owner transfer does not repeat them) keeps what is known. */
  scope: Omit<RecordScope, 'area_id' | 'country'> & { area_id?: string | null; country?: string };
  /** The record's files; absent when the event does not tell them (an owner transfer). */
  fileIds?: string[];
}

/**
 * Keeps which files belong to which record, and who may read that record. Events may arrive out of order across
 * types, so the scope and the file list each keep the highest record version they were taken from.
 */
export async function applyRecordDescription(trx: Transaction<FileDb>, record: RecordDescription, at: number): Promise<void> {
  const { recordType, recordId, version, scope, fileIds } = record;
  const known = await linkRepository.findRecord(trx, recordType, recordId);
  if (!known) {
    await linkRepository.insertRecord(trx, {
      record_type: recordType,
      record_id: recordId,
      ...scope,
      area_id: scope.area_id ?? null,
      country: scope.country ?? '',
      scope_version: version,
      links_version: fileIds ? version : 0,
      updated_at: at,
    });
    if (fileIds) await linkRepository.setLinks(trx, recordType, recordId, fileIds, version, at);
    return;
  }
  if (version > known.scope_version) {
    const merged = {
      ...scope,
      area_id: scope.area_id === undefined ? known.area_id : scope.area_id,
      country: scope.country || known.country,
    };
    await linkRepository.setScope(trx, recordType, recordId, merged, version, at);
  }
  if (fileIds && version > known.links_version) await linkRepository.setLinks(trx, recordType, recordId, fileIds, version, at);
}
