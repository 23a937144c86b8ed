import type { ServiceContext } from '@fieldops/platform';
import type { TicketsDb } from './db/schema';

export type TicketsContext = ServiceContext<TicketsDb>;
