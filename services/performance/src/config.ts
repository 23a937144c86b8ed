import type { ServiceContext } from '@fieldops/platform';
import type { PerformanceDb } from './db/schema';

export type PerformanceContext = ServiceContext<PerformanceDb>;
