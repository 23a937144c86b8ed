import type { MigrationMode } from '@fieldops/contracts';
import type { PlatformTables } from '@fieldops/platform';

/** The mode each route is in: the one record every gateway replica follows. */
export interface MigrationRouteModeTable {
  route: string;
  mode: MigrationMode;
  /**
   * The mode the route table file said when this row last followed it: a file whose mode differs from it was edited
   * by an operator, and that edit is a switch (detected once, by whichever replica reads the file first).
   */
  file_mode: MigrationMode;
  changed_by: string;
  changed_at: number;
  version: number;
}

/** A mismatch kept as evidence, both bodies masked; the newest per route are kept. */
export interface MigrationDiffSampleTable {
  id: string;
  route: string;
  at: number;
  method: string;
  path: string;
  served: 'legacy' | 'fieldops';
  legacy_status: number;
  fieldops_status: number;
  /** JSON: Difference[] */
  differences: string;
  legacy_body: string;
  fieldops_body: string;
}

/** Comparisons of one route in one minute, summed over the gateway replicas. */
export interface MigrationCompareMinuteTable {
  route: string;
  /** Epoch ms of the minute's start. */
  minute: number;
  matched: number;
  mismatched: number;
  failed: number;
}

/** The latest reconciliation of a route. */
export interface MigrationDriftTable {
  route: string;
  at: number;
  drift: number;
  /** JSON: DriftReport */
  report: string;
}

/** How far the import adapter has read the legacy system's change feed, per route. */
export interface MigrationImportCursorTable {
  route: string;
  sequence: number;
}

export interface MigrationDb extends PlatformTables {
  migration_route_mode: MigrationRouteModeTable;
  migration_diff_sample: MigrationDiffSampleTable;
  migration_compare_minute: MigrationCompareMinuteTable;
  migration_drift: MigrationDriftTable;
  migration_import_cursor: MigrationImportCursorTable;
}
