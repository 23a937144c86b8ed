import type { DescService } from '@bufbuild/protobuf';
import { AccountService } from './gen/fieldops/account/v1/account_pb';
import { AreaService } from './gen/fieldops/area/v1/area_pb';
import { CheckinService } from './gen/fieldops/checkin/v1/checkin_pb';
import { FileService } from './gen/fieldops/file/v1/file_pb';
import { LeadsService } from './gen/fieldops/leads/v1/leads_pb';
import { MarketingService } from './gen/fieldops/marketing/v1/marketing_pb';
import { MerchantService } from './gen/fieldops/merchant/v1/merchant_pb';
import { PerformanceService } from './gen/fieldops/performance/v1/performance_pb';
import { PoiService } from './gen/fieldops/poi/v1/poi_pb';
import { SearchService } from './gen/fieldops/search/v1/search_pb';
import { TicketsService } from './gen/fieldops/tickets/v1/tickets_pb';

const RPC_PACKAGE = /^fieldops\.([a-z][a-z0-9_]*)\.v[0-9]+\.[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The FieldOps service that owns (serves) an RPC service, from the proto package convention
 * `fieldops.<service>.v<N>`: `ownerOfRpcService('fieldops.account.v1.AccountService') === 'account'`.
 * Underscores in the package segment map to hyphens (`fieldops.work_order.v1` → `work-order`), matching
 * the service names used in event types. Throws for a type name that does not follow the convention.
 */
export function ownerOfRpcService(typeName: string): string {
  const owner = RPC_PACKAGE.exec(typeName)?.[1];
  if (!owner) {
    throw new Error(`RPC service "${typeName}" does not follow the "fieldops.<service>.v<N>.<Service>" convention`);
  }
  return owner.replaceAll('_', '-');
}

/** Every generated RPC service descriptor. Add new services here. */
export const rpcServices: readonly DescService[] = [
  AccountService,
  AreaService,
  CheckinService,
  FileService,
  LeadsService,
  MarketingService,
  MerchantService,
  PerformanceService,
  PoiService,
  SearchService,
  TicketsService,
];

/** Proto service typeName → owning FieldOps service, e.g. `fieldops.account.v1.AccountService` → `account`. */
export const rpcServiceOwners: Record<string, string> = Object.fromEntries(
  rpcServices.map((s) => [s.typeName, ownerOfRpcService(s.typeName)]),
);
