import type { Transaction } from 'kysely';
import type { AreaContext } from '../config';
import { stateRepository } from '../db/coverage.repository';
import type { AreaDb } from '../db/schema';
import { INDEX_VERSION } from './area-index-holder';

/** Every write the spatial index must see calls this inside its transaction; replicas poll the counter. */
export async function bumpIndexVersion(ctx: AreaContext, trx: Transaction<AreaDb>): Promise<void> {
  await stateRepository.increment(trx, ctx.dialect, INDEX_VERSION);
}
