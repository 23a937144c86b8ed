import { type Access, ConflictError, isUniqueViolation } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { AccountContext } from '../config';
import { type UserRow, userRepository } from '../db/user.repository';
import { userEvents } from '../events/published';
import { hashPassword } from './passwords';
import { agencyForUser, grantableRoles, normalisePhone, orgUnitForUser } from './user-rules';
import { toUserView, type UserView } from './user-view';

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  orgUnitId: string;
  roleIds: string[];
  phone?: string | null;
  agencyId?: string | null;
  locale?: string;
}

export async function createUser(ctx: AccountContext, { caller, scope }: Access, input: CreateUserInput): Promise<UserView> {
  const unit = await orgUnitForUser(ctx.db, scope, input.orgUnitId);
  const roles = await grantableRoles(ctx.db, caller, input.roleIds);
  const agencyId = await agencyForUser(ctx, caller, input.agencyId, unit.country);
  const now = ctx.clock.now();
  const user: UserRow = {
    id: uuidv7(),
    email: input.email.trim().toLowerCase(),
    name: input.name.trim(),
    phone: normalisePhone(ctx, unit.country, input.phone),
    country: unit.country,
    org_unit_id: unit.id,
    agency_id: agencyId,
    password_hash: await hashPassword(input.password),
    status: 'active',
    locale: input.locale ?? ctx.countries.get(unit.country).locale,
    version: 1,
    created_at: now,
    updated_at: now,
    last_login_at: null,
  };
  const roleIds = roles.map((r) => r.id).sort();
  try {
    await ctx.transact(async (trx, events) => {
      await userRepository.insert(trx, user);
      await userRepository.setRoles(trx, user.id, roleIds);
      await events.append(userEvents.created(user, roleIds, caller.userId));
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`A user with the email ${user.email} already exists.`, [
        { field: '/body/email', message: 'is already taken' },
      ]);
    throw error;
  }
  return toUserView(user, roleIds);
}
