import type { ResolvedScope } from '@fieldops/platform';
import type { DocumentType } from './search-document';

/** The permission each document type needs, as its owning service asks for it. */
export const READ_PERMISSION: Record<DocumentType, string> = {
  merchant: 'merchant:read',
  lead: 'lead:read',
  place: 'place:read',
  visit: 'visit:read',
  ticket: 'ticket:read',
};

/**
 * Who may see what, per document type, exactly as the owners decide:
 * - merchants and visits: the caller's data scope (owner/rep, org subtree, areas, country, all; agency users only
 *   their agency's) — the platform's `scopeFilter` over the document's owner, org unit, area, country and agency;
 * - leads: that scope, or the public pool (unowned leads of the caller's country, within their areas when they have
 *   any or area-less, of their agency or none) — the leads service's `visibleTo`;
 * - tickets: that scope over the assignee, or the tickets the caller opened — the tickets service's `visibleTo`;
 * - places: shared reference data, every place of the caller's country (all countries for scope `all`).
 * A type the caller has no read permission for is not searched at all.
 */
export interface Visibility {
  scope: ResolvedScope;
  types: DocumentType[];
}
