import { type Access, decodeCursor, type Page, toPage } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { type UserFilters, userRepository } from '../db/user.repository';
import { toUserView, type UserView } from './user-view';

export async function listUsers(
  ctx: AccountContext,
  { scope }: Access,
  filters: UserFilters,
  page: { limit: number; cursor?: string },
): Promise<Page<UserView>> {
  const after = decodeCursor(page.cursor)?.[0];
  const rows = await userRepository.page(ctx.db, scope, filters, typeof after === 'string' ? after : undefined, page.limit);
  const roleIds = await userRepository.roleIdsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    page.limit,
    (r) => [r.id],
    (r) => toUserView(r, roleIds.get(r.id) ?? []),
  );
}
