import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../src/domain/ticket-fields';
import { ticketSetupOf, ticketTypeOf } from '../src/domain/ticket-types';

describe('ticket types as country data', () => {
  it('every country has the standard types, each with its queue, priority and field schema', () => {
    for (const country of ['SG', 'CN', 'ID', 'BR']) {
      const types = ticketSetupOf(country).types.map((t) => t.type);
      expect(types).toEqual(
        expect.arrayContaining(['equipment-repair', 'equipment-install', 'onboarding-task', 'complaint', 'data-correction', 'photo-shoot']),
      );
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
