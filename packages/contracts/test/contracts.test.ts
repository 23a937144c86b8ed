import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { MethodOptions_IdempotencyLevel } from '@bufbuild/protobuf/wkt';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AccountEventData,
  AccountService,
  accountEvents,
  eventCatalogue,
  GetUserResponseSchema,
  ownerOfRpcService,
  rpcServiceOwners,
  UserSchema,
  validateEventData,
} from '../src/index';

describe('AccountService descriptor', () => {
  it('has its read methods and the service-token method, all free of side effects', () => {
    expect(AccountService.typeName).toBe('fieldops.account.v1.AccountService');
    expect(AccountService.methods.map((m) => m.name)).toEqual([
      'GetUser',
      'BatchGetUsers',
      'FindUserByEmail',
      'ResolveScope',
      'GetTeamLeads',
      'ListUsersWithRole',
      'GetJwks',
      'IssueServiceToken',
    ]);
    expect(Object.keys(AccountService.method).sort()).toEqual([
      'batchGetUsers',
      'findUserByEmail',
      'getJwks',
      'getTeamLeads',
      'getUser',
      'issueServiceToken',
      'listUsersWithRole',
      'resolveScope',
    ]);
    for (const m of AccountService.methods) {
      expect(m.methodKind).toBe('unary');
      expect(m.idempotency).toBe(MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS);
    }
    expect(AccountService.method.getUser.input.typeName).toBe('fieldops.account.v1.GetUserRequest');
    expect(AccountService.method.getUser.output.typeName).toBe('fieldops.account.v1.GetUserResponse');
  });

  it('round-trips a User message', () => {
    const user = create(UserSchema, { id: 'u1', email: 'a@b.c', roles: ['admin'], createdAt: 1n });
    const bytes = toBinary(GetUserResponseSchema, create(GetUserResponseSchema, { user }));
    const back = fromBinary(GetUserResponseSchema, bytes);
    expect(back.user?.id).toBe('u1');
    expect(back.user?.agencyId).toBeUndefined();
    expect(back.user?.createdAt).toBe(1n);
  });
});

describe('ownerOfRpcService', () => {
  it('derives the owner from the fieldops.<service>.v<N> package', () => {
    expect(ownerOfRpcService('fieldops.account.v1.AccountService')).toBe('account');
    expect(ownerOfRpcService('fieldops.work_order.v2.WorkOrderService')).toBe('work-order');
    expect(rpcServiceOwners['fieldops.account.v1.AccountService']).toBe('account');
    for (const [typeName, owner] of Object.entries(rpcServiceOwners)) expect(typeName).toContain(`fieldops.${owner}.v`);
  });

  it('rejects type names outside the convention', () => {
    expect(() => ownerOfRpcService('acme.account.v1.AccountService')).toThrow(/convention/);
    expect(() => ownerOfRpcService('fieldops.account.AccountService')).toThrow(/convention/);
  });
});

describe('event catalogue', () => {
  const user: AccountEventData<'account.user.created.v1'> = {
    id: 'u1',
    email: 'ana@example.com',
    name: 'Ana',
    phone: '+6500000000',
    country: 'SG',
    orgUnitId: 'ou1',
    agencyId: null,
    roleIds: ['r1'],
    status: 'active',
    locale: 'en-SG',
    version: 1,
  };

  it('accepts a valid account.user.created.v1 payload', () => {
    expect(validateEventData('account.user.created.v1', user)).toEqual({ ok: true });
  });

  it('rejects a payload with a missing field', () => {
    const { email: _email, ...withoutEmail } = user;
    const result = validateEventData('account.user.created.v1', withoutEmail);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/email/);
  });

  it('rejects fields the contract does not name (no password leaks)', () => {
    const result = validateEventData('account.user.updated.v1', { ...user, passwordHash: 'x' });
    expect(result.ok).toBe(false);
  });

  it('rejects an unknown event type', () => {
    const result = validateEventData('account.user.exploded.v1', user);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/unknown event type/);
  });

  it('checks enums of org unit and role events', () => {
    const ou = { id: 'ou1', parentId: null, kind: 'team', name: 'Team A', country: 'SG', version: 2 };
    expect(validateEventData('account.org-unit.moved.v1', ou).ok).toBe(true);
    expect(validateEventData('account.org-unit.moved.v1', { ...ou, kind: 'galaxy' }).ok).toBe(false);
    const role = { id: 'r1', name: 'Sales', description: '', permissions: ['lead.read'], scope: 'team', version: 1 };
    expect(validateEventData('account.role.created.v1', role).ok).toBe(true);
    expect(validateEventData('account.role.created.v1', { ...role, scope: 'planet' }).ok).toBe(false);
    expect(validateEventData('account.user.logged-in.v1', { userId: 'u1' }).ok).toBe(true);
  });

  it('derives static data types from the schemas', () => {
    expectTypeOf<AccountEventData<'account.user.created.v1'>['agencyId']>().toEqualTypeOf<string | null>();
    expectTypeOf<AccountEventData<'account.org-unit.created.v1'>['kind']>().toEqualTypeOf<'country' | 'city' | 'team'>();
    expectTypeOf<AccountEventData<'account.user.password-changed.v1'>>().toEqualTypeOf<{ userId: string }>();
  });

  it('names every event <service>.<entity>.<past-tense>.v<N>', () => {
    const pattern = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[0-9]+$/;
    const keys = Object.keys(eventCatalogue);
    expect(keys.length).toBeGreaterThanOrEqual(15);
    for (const key of keys) expect(key).toMatch(pattern);
    for (const key of Object.keys(accountEvents)) expect(key.startsWith('account.')).toBe(true);
  });
});
