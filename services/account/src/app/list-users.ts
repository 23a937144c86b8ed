import { type Access, decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { type UserFilters, userRepository } from '../db/user.repository';
import { toUserView, type UserView } from './user-view';

export async function listUsers(
  ctx: AccountContext,
  { scope }: Access,
  filters: UserFilters,
  page: { limit: number; cursor?: string },
): Promise<Page<UserView>> {
  const after = decodeIdCursor(page.cursor);
  const rows = await userRepository.page(ctx.db, scope, filters, after, page.limit);
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
