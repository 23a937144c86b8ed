import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/command';
import { planServe } from '../src/serve-plan';

describe('what a serve process runs', () => {
  it('runs every service and the gateway, embedded, when no services are named', () => {
    const plan = planServe(undefined);
    expect(plan).toMatchObject({ gateway: true, embedded: true });
    expect(plan.services.map((s) => s.name)).toContain('account');
  });

  it('runs only the named service, without the edge and never embedded', () => {
    const plan = planServe(['account']);
    expect(plan).toMatchObject({ gateway: false, embedded: false });
    expect(plan.services.map((s) => s.name)).toEqual(['account']);
  });

  it('runs the gateway alone, or beside a service', () => {
    expect(planServe(['gateway'])).toMatchObject({ services: [], gateway: true, embedded: false });
    expect(planServe(['gateway', 'account']).services.map((s) => s.name)).toEqual(['account']);
  });

  it('refuses a name it does not know, listing the ones it does', () => {
    expect(() => planServe(['billing'])).toThrow(UsageError);
    expect(() => planServe(['billing'])).toThrow(/known: gateway, account/);
    expect(() => planServe([])).toThrow(UsageError);
  });
});
