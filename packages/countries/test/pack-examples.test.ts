import { describe, expect, it } from 'vitest';
import { COUNTRY_PACKS, createCountryRegistry, localTimeToEpoch } from '../src/index';
import { PACK_EXAMPLES } from '../src/pack-examples';

/** Every pack's published examples, through its policy: the same checks for each country, its data in its folder. */
const registry = createCountryRegistry();

describe.each(PACK_EXAMPLES.map(({ code, examples }) => ({ code, examples, policy: registry.get(code) })))(
  'the $code pack',
  ({ examples, policy }) => {
    it.each(examples.businessIds.valid)('accepts the business id %s', (id) => {
      expect(policy.validateBusinessId(id)).toMatchObject({ ok: true });
    });
    it.each(examples.businessIds.invalid)('refuses the business id %s', (id) => {
      expect(policy.validateBusinessId(id)).toMatchObject({ ok: false });
    });
    it.each(examples.personalIds?.valid ?? [])('accepts the personal id %s', (id) => {
      expect(policy.validatePersonalId(id)).toMatchObject({ ok: true });
    });
    it.each(examples.personalIds?.invalid ?? [])('refuses the personal id %s', (id) => {
      expect(policy.validatePersonalId(id)).toMatchObject({ ok: false });
    });
    it.each(examples.phones.valid)('accepts the phone %s', (phone) => {
      expect(policy.parsePhone(phone)).toMatchObject({ ok: true });
    });
    it.each(examples.phones.invalid)('refuses the phone %s', (phone) => {
      expect(policy.parsePhone(phone)).toMatchObject({ ok: false });
    });
    it.each(examples.addresses)('writes the address $formatted', ({ parts, formatted }) => {
      expect(policy.formatAddress(parts)).toBe(formatted);
    });
    it.each(examples.workingTime.working)('%s is working time', (local) => {
      const [date = '', time = ''] = local.split('T');
      expect(policy.isWorkingTime(localTimeToEpoch(date, time, policy.timezone))).toBe(true);
    });
    it.each(examples.workingTime.notWorking)('%s is not working time', (local) => {
      const [date = '', time = ''] = local.split('T');
      expect(policy.isWorkingTime(localTimeToEpoch(date, time, policy.timezone))).toBe(false);
    });
    it.each(examples.money)('writes $minorUnits minor units as $formatted', ({ minorUnits, formatted }) => {
      // Intl puts no-break spaces where a plain space reads the same.
      expect(policy.formatMoney(minorUnits).replace(/[\u00a0\u202f]/g, ' ')).toBe(formatted);
    });
    it('has a demo whose phones and business ids its own policy accepts', () => {
      const demo = COUNTRY_PACKS.find((pack) => pack.identity.code === policy.code)?.demo;
      expect(demo).toBeDefined();
      if (demo === undefined) return;
      let state = 42;
      const random = () => {
        state = (state * 48_271) % 2_147_483_647;
        return state / 2_147_483_647;
      };
      for (let i = 0; i < 20; i++) expect(policy.validateBusinessId(demo.businessId(random))).toMatchObject({ ok: true });
      const phones = Array.from({ length: 20 }, () => policy.normalizePhone(demo.phone(random)));
      expect(phones.filter((phone) => phone !== null).length).toBeGreaterThan(10);
    });
  },
);
