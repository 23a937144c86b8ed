import type { ServiceContext } from '@fieldops/platform';
import type { MerchantDb } from './db/schema';

export type MerchantContext = ServiceContext<MerchantDb>;
