import fs from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

const DOCUMENT = new URL('../../gateway/openapi.json', import.meta.url);
const GENERATED = new URL('../ui/shared/api/openapi.gen.ts', import.meta.url);

describe("the web app's API types", () => {
  it('are generated from the committed OpenAPI document (run `npm run gen:api -w @fieldops/web` after an API change)', async () => {
    const expected = astToString(await openapiTS(DOCUMENT));
    // The command line adds a header above the same code.
    const committed = fs.readFileSync(GENERATED, 'utf8');
    expect(committed.endsWith(expected)).toBe(true);
  });
});
