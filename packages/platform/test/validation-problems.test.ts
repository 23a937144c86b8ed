import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../src/http/problem';
import { validatorCompiler } from '../src/http/validation';

/** Validates `value` against `schema` the way a route body is validated, and maps the issues as a 400 answer does. */
function problemsOf(schema: object, value: unknown) {
  const validate = validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '/x' }) as unknown as ((v: unknown) => boolean) & {
    errors?: object[];
  };
  expect(validate(value)).toBe(false);
  return fieldProblems('body', validate.errors ?? []);
}

describe('validation problems', () => {
  const Kind = Type.Union([Type.Literal('country'), Type.Literal('city'), Type.Literal('district'), Type.Literal('grid')]);

  it('names the allowed values of a union of literals once, instead of one "equal to constant" per literal', () => {
    const problems = problemsOf(Type.Object({ kind: Kind }), { kind: 'planet' });
    expect(problems).toEqual([{ field: '/body/kind', message: 'must be one of: country, city, district, grid' }]);
  });

  it('names the allowed values of a nullable enum and of a plain enum, wherever they sit', () => {
    const schema = Type.Object({
      items: Type.Array(Type.Object({ role: Type.Union([Type.Literal('primary'), Type.Literal('backup'), Type.Null()]) })),
      size: { enum: ['S', 'M', 'L'] },
    });
    const problems = problemsOf(schema, { items: [{ role: 'primary' }, { role: 'boss' }], size: 'XL' });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: '/body/items/1/role', message: 'must be one of: primary, backup, null' },
        { field: '/body/size', message: 'must be one of: S, M, L' },
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('leaves a union of other shapes as it was', () => {
    const problems = problemsOf(Type.Object({ at: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) }), { at: 'nope' });
    expect(problems.map((p) => p.message)).not.toContain('must be one of: null');
    expect(problems.every((p) => p.field === '/body/at')).toBe(true);
  });
});
