import { decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { AccountContext } from '../config';
import { roleRepository } from '../db/role.repository';
import { type RoleView, toRoleView } from './role-view';

export async function listRoles(ctx: AccountContext, page: { limit: number; cursor?: string }): Promise<Page<RoleView>> {
  const after = decodeIdCursor(page.cursor);
  const roles = await roleRepository.page(ctx.db, after, page.limit);
  return toPage(roles, page.limit, (r) => [r.id], toRoleView);
}
