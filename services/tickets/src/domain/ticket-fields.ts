import type { TObject } from 'typebox';
import { Value } from 'typebox/value';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The problems of a ticket's `fields` against its type's schema, each naming the field under `base`
 * (`/body/fields/serialNumber`): a missing required field and an unknown one are named too. Empty when valid.
 */
export function fieldProblems(schema: TObject, fields: unknown, base = '/body/fields'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of Value.Errors(schema, fields)) {
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      for (const name of missing)
        problems.push({ field: `${base}${error.instancePath}/${name}`, message: 'is required for this ticket type' });
    } else if (error.keyword === 'additionalProperties') {
      const extra = (error.params as { additionalProperties?: string[] }).additionalProperties ?? [];
      for (const name of extra)
        problems.push({ field: `${base}${error.instancePath}/${name}`, message: 'is not a field of this ticket type' });
    } else if (error.keyword !== 'boolean') {
      problems.push({ field: `${base}${error.instancePath}`, message: error.message });
    }
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}
