import type { ServiceContext } from '@fieldops/platform';
import type { LeadsDb } from './db/schema';

export type LeadsContext = ServiceContext<LeadsDb>;
