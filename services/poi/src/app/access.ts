import { callerOf, type Principal, requirePermission } from '@fieldops/platform';
import type { FastifyRequest } from 'fastify';
import { type PlaceScope, placeScopeOf } from '../domain/place-scope';

export interface Access {
  caller: Principal;
  scope: PlaceScope;
}

/** The one access check of this service: the permission, then the country scope (see domain/place-scope.ts). */
export function accessFor(request: FastifyRequest, permission: 'place:read' | 'place:write'): Access {
  const caller = callerOf(request);
  requirePermission(caller, permission);
  return { caller, scope: placeScopeOf(caller) };
}
