import type { Access, Principal, ScopeSource } from '@fieldops/platform';

/**
 * The data scope of places. Places are shared reference data rather than anyone's records: whoever may read
 * places sees every place of their own country, whatever their role's scope (self, team, area, agency…), and a
 * caller with scope `all` sees every country. The country is the only filter; outside it a place is not found.
 */
export interface PlaceScope {
  /** Null: every country. */
  country: string | null;
}

export function placeScopeOf(caller: Pick<Principal, 'scope' | 'country'>): PlaceScope {
  return { country: caller.scope === 'all' ? null : caller.country };
}

export function inScope(scope: PlaceScope, country: string): boolean {
  return scope.country === null || scope.country === country;
}

/** A caller of this service, with the places they may see. */
export type PlaceAccess = Access<PlaceScope>;

/** The scope source of this service's access checks. */
export const placeScopes: ScopeSource<PlaceScope> = { resolve: placeScopeOf };
