import { COUNTRY_CODES, COUNTRY_PACKS } from '@fieldops/countries';
import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../src/domain/ticket-fields';
import { hasTicketSetup, ticketSetupOf, ticketTypeOf } from '../src/domain/ticket-types';

describe('ticket types as country data', () => {
  it('every country has the standard types, each with its queue, priority and field schema', () => {
    for (const country of COUNTRY_CODES) {
      const types = ticketSetupOf(country).types.map((t) => t.type);
      expect(types).toEqual(
        expect.arrayContaining(['equipment-repair', 'equipment-install', 'onboarding-task', 'complaint', 'data-correction', 'photo-shoot']),
      );
    }
  });

  it('every country pack has its ticket types', () => {
    for (const country of COUNTRY_CODES) expect(hasTicketSetup(country), country).toBe(true);
  });

  it('the countries whose reps read another language first label each type in it too', () => {
    // Found through the registry (a pack's literals stay in its folder): the packs whose locale is not English.
    const locales = Object.fromEntries(COUNTRY_PACKS.map((p) => [p.identity.locale, p.identity.code]));
    const complaint = (locale: string) => ticketTypeOf(locales[locale] ?? '', 'complaint').labels;
    expect(complaint('zh-HK')).toEqual({ 'zh-HK': '商戶投訴' });
    expect(complaint('es-MX')).toEqual({ 'es-MX': 'Queja de un comercio' });
    expect(complaint('ar-SA')).toEqual({ ar: 'شكوى تاجر' });
    expect(complaint('th-TH')).toEqual({ th: 'ข้อร้องเรียนของร้านค้า' });
    for (const code of ['zh-HK', 'es-MX', 'ar-SA', 'th-TH'].map((locale) => locales[locale] ?? '')) {
      for (const type of ticketSetupOf(code).types) expect(Object.values(type.labels ?? {})[0], `${code} ${type.type}`).toBeTruthy();
    }
  });

  it('the terminal models differ by country', () => {
    const repair = (country: string) => ticketTypeOf(country, 'equipment-repair').fields;
    const fields = { terminalModel: 'Sunmi P2', serialNumber: 'SN12345678AB', symptom: 'printer' };
    expect(fieldProblems(repair('CN'), fields)).toEqual([]);
    expect(fieldProblems(repair('SG'), fields).map((p) => p.field)).toEqual(['/body/fields/terminalModel']);
  });

  it('each problem names its field: missing, unknown, wrong', () => {
    const problems = fieldProblems(ticketTypeOf('SG', 'equipment-repair').fields, { serialNumber: 'bad serial!', colour: 'red' });
    expect(problems.map((p) => p.field).sort()).toEqual([
      '/body/fields/colour',
      '/body/fields/serialNumber',
      '/body/fields/symptom',
      '/body/fields/terminalModel',
    ]);
  });

  it('an unknown type of the country is a 400 naming /body/type', () => {
    expect(() => ticketTypeOf('SG', 'teleport')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
