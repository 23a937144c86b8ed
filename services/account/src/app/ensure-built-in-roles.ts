import { isUniqueViolation } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { BUILT_IN_ROLES, type BuiltInRole } from '../domain/permissions';
import { roleEvents } from '../events/published';

/**
 * Built-in roles exist in every installation and follow the code: a release that changes one updates it. Replicas
 * (and a seed run) starting together on a fresh installation race to create them: the one that loses finds the
 * winner's role when it looks again.
 */
export async function ensureBuiltInRoles(ctx: AccountContext): Promise<void> {
  for (const builtIn of BUILT_IN_ROLES) {
    try {
      await ensureOne(ctx, builtIn);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await ensureOne(ctx, builtIn);
    }
  }
}

async function ensureOne(ctx: AccountContext, builtIn: BuiltInRole): Promise<void> {
  await ctx.transact(async (trx, events) => {
    const existing = await roleRepository.findByName(trx, builtIn.name);
    const now = ctx.clock.now();
    if (!existing) {
      const role = { id: uuidv7(), ...builtIn, builtIn: true, version: 1, createdAt: now, updatedAt: now };
      await roleRepository.insert(trx, role);
      await events.append(roleEvents.created(role, 'system'));
      return;
    }
    const same = existing.scope === builtIn.scope && existing.permissions.join() === builtIn.permissions.join();
    if (same || !existing.builtIn) return;
    const role = { ...existing, ...builtIn, version: existing.version + 1, updatedAt: now };
    if (await roleRepository.update(trx, role, existing.version)) await events.append(roleEvents.updated(role, 'system'));
  });
}
