import { can, type Principal, type ResolvedScope, requirePermission } from './principal';

/** What a use case knows of its caller: who they are, what their data scope covers, and what else they may do. */
export interface Access<Scope = ResolvedScope> {
  caller: Principal;
  scope: Scope;
  can(permission: string): boolean;
}

/** How a service turns a caller into its data scope: the shared `ctx.scopes`, or a rule of its own. */
export interface ScopeSource<Scope> {
  resolve(caller: Principal): Scope | Promise<Scope>;
}

/** The one access check, for REST and RPC alike: the caller must hold `permission`, then their scope is resolved. */
export async function accessOf<Scope>(caller: Principal, permission: string, scopes: ScopeSource<Scope>): Promise<Access<Scope>> {
  requirePermission(caller, permission);
  return { caller, scope: await scopes.resolve(caller), can: (other) => can(caller, other) };
}
