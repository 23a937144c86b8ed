import { type Access, NotFoundError } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { userRepository } from '../db/user.repository';
import { toUserView, type UserView } from './user-view';

/** A user inside the caller's scope; one outside it is simply not found. */
export async function getUser(ctx: AccountContext, { scope }: Access, id: string): Promise<UserView> {
  const user = await userRepository.findById(ctx.db, id, scope);
  if (!user) throw new NotFoundError('User');
  const roleIds = (await userRepository.roleIdsOf(ctx.db, [id])).get(id) ?? [];
  return toUserView(user, roleIds);
}
