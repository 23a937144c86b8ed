import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { BUILT_IN_ROLES } from '../domain/permissions';
import { roleEvents } from '../events/published';

/** Built-in roles exist in every installation and follow the code: a release that changes one updates it. */
export async function ensureBuiltInRoles(ctx: AccountContext): Promise<void> {
  for (const builtIn of BUILT_IN_ROLES) {
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
}
