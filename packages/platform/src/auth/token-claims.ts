import type { JWTPayload } from 'jose';
import { UnauthorizedError } from '../errors';
import { DATA_SCOPES, type DataScope, type Principal } from './principal';
import type { TokenSession } from './token-revocations';

export const TOKEN_ISSUER = 'fieldops';
export const TOKEN_AUDIENCE = 'fieldops-api';

/** The claims an access token carries: enough for every service to authorise without a lookup. */
export interface AccessClaims extends JWTPayload {
  sub: string;
  email: string;
  name: string;
  country: string;
  org: string;
  agency: string | null;
  roles: string[];
  perms: string[];
  scope: DataScope;
  locale: string;
  /** The login session (refresh-token family) the token belongs to: logging out revokes the session's tokens. */
  sid?: string;
}

export function claimsOf(principal: Omit<Principal, 'token'>): AccessClaims {
  return {
    sub: principal.userId,
    email: principal.email,
    name: principal.name,
    country: principal.country,
    org: principal.orgUnitId,
    agency: principal.agencyId,
    roles: principal.roles,
    perms: principal.permissions,
    scope: principal.scope,
    locale: principal.locale,
  };
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export function principalOf(payload: JWTPayload, token: string): Principal {
  const p = payload as Partial<AccessClaims>;
  if (
    typeof p.sub !== 'string' ||
    typeof p.email !== 'string' ||
    typeof p.country !== 'string' ||
    typeof p.org !== 'string' ||
    !isStringArray(p.roles) ||
    !isStringArray(p.perms) ||
    !DATA_SCOPES.includes(p.scope as DataScope)
  ) {
    throw new UnauthorizedError('The access token lacks required claims.');
  }
  return {
    userId: p.sub,
    email: p.email,
    name: typeof p.name === 'string' ? p.name : p.email,
    country: p.country,
    orgUnitId: p.org,
    agencyId: typeof p.agency === 'string' ? p.agency : null,
    roles: p.roles,
    permissions: p.perms,
    scope: p.scope as DataScope,
    locale: typeof p.locale === 'string' ? p.locale : 'en',
    token,
  };
}

/** What the revocation list is checked against; `iat` may carry milliseconds, so a cutoff is exact. */
export function sessionOf(payload: JWTPayload): TokenSession {
  return {
    userId: typeof payload.sub === 'string' ? payload.sub : '',
    sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
    issuedAtMs: Math.round((payload.iat ?? 0) * 1000),
  };
}
