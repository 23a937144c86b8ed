import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService, AreaService, LeadsService, MerchantService, PoiService } from '@fieldops/contracts';
import { asCaller, type RpcClients } from '@fieldops/platform';
import DataLoader from 'dataloader';

/** At most this many ids per Batch RPC (the services' own cap is higher). */
const MAX_BATCH = 200;

/** Answers in the order of `ids`, with undefined where the service found nothing (or nothing in scope). */
function inOrder<T extends { id: string }>(ids: readonly string[], found: T[]): (T | undefined)[] {
  const byId = new Map(found.map((record) => [record.id, record]));
  return ids.map((id) => byId.get(id));
}

/**
 * One set of loaders per GraphQL request: every record a query mentions is fetched once, and all records of a
 * kind asked for in the same tick go in one Batch RPC, however many items a list holds. The caller's token
 * rides along, so each service applies the caller's scope.
 */
export function createLoaders(rpc: RpcClients, token: string) {
  const options = asCaller(token);
  const batch = { maxBatchSize: MAX_BATCH };
  return {
    users: new DataLoader(async (ids: readonly string[]) => {
      const { users } = await rpc.client(AccountService).batchGetUsers({ ids: [...ids] }, options);
      return inOrder(ids, users);
    }, batch),
    merchants: new DataLoader(async (ids: readonly string[]) => {
      const { merchants } = await rpc.client(MerchantService).batchGetMerchants({ ids: [...ids] }, options);
      return inOrder(ids, merchants);
    }, batch),
    leads: new DataLoader(async (ids: readonly string[]) => {
      const { leads } = await rpc.client(LeadsService).batchGetLeads({ ids: [...ids] }, options);
      return inOrder(ids, leads);
    }, batch),
    places: new DataLoader(async (ids: readonly string[]) => {
      const { places } = await rpc.client(PoiService).batchGetPlaces({ ids: [...ids] }, options);
      return inOrder(ids, places);
    }, batch),
    // The area service has no batch read; the loader still asks once per distinct area of the request.
    areas: new DataLoader(async (ids: readonly string[]) =>
      Promise.all(
        ids.map(async (id) => {
          try {
            return (await rpc.client(AreaService).getArea({ id }, options)).area;
          } catch (error) {
            if (error instanceof ConnectError && error.code === Code.NotFound) return undefined;
            throw error;
          }
        }),
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
