import { DATA_SCOPES } from '@fieldops/platform';
import { describe, expect, it } from 'vitest';
import { DataScopeSchema, OrgUnitKindSchema } from '../src/api/schemas';
import { ORG_UNIT_KINDS } from '../src/domain/org-unit';

const literals = (union: { anyOf: { const?: unknown }[] }) => union.anyOf.map((member) => member.const);

describe('API schemas', () => {
  it('offer exactly the data scopes the platform knows', () => {
    expect(literals(DataScopeSchema)).toEqual([...DATA_SCOPES]);
  });

  it('offer exactly the org unit kinds the domain knows', () => {
    expect(literals(OrgUnitKindSchema)).toEqual([...ORG_UNIT_KINDS]);
  });
});
