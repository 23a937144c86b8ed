import type { DataScope } from '@fieldops/platform';
import type { Role } from '../db/role.repository';
import { isoTime } from './iso-time';

export interface RoleView {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  scope: DataScope;
  builtIn: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toRoleView(role: Role): RoleView {
  return { ...role, createdAt: isoTime(role.createdAt), updatedAt: isoTime(role.updatedAt) };
}
