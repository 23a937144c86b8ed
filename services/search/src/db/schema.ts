import type { PlatformTables } from '@fieldops/platform';

/** Users as the account service published them: owner names, and the team a claimed lead joins. */
export interface SearchUserTable {
  id: string;
  name: string;
  org_unit_id: string | null;
  agency_id: string | null;
  version: number;
}

/** Areas as the area service published them: names and parents, for area paths and descendant filters. */
export interface SearchAreaTable {
  id: string;
  parent_id: string | null;
  name: string;
  deleted: number;
  version: number;
}

/** A merchant's last verified visit, kept even when the visit arrives before the merchant. */
export interface SearchMerchantVisitTable {
  merchant_id: string;
  last_verified_at: number;
}

/** Each ticket's merchant and whether the ticket is open (newest version wins): a merchant's open-ticket flag. */
export interface SearchTicketMerchantTable {
  ticket_id: string;
  merchant_id: string | null;
  open: number;
  version: number;
}

/** Per source service: the newest event applied, when, and how late it was (for /search/status). */
export interface SearchSourceTable {
  source: string;
  last_event_at: number;
  last_applied_at: number;
  last_lag_ms: number;
  events: number;
}

export interface SearchDb extends PlatformTables {
  search_user: SearchUserTable;
  search_area: SearchAreaTable;
  search_merchant_visit: SearchMerchantVisitTable;
  search_source: SearchSourceTable;
  search_ticket_merchant: SearchTicketMerchantTable;
}
