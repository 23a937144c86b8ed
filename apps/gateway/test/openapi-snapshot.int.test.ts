import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_SNAPSHOT, printOpenApi } from './support/openapi-snapshot';

describe('the public OpenAPI document', () => {
  it('is the committed snapshot (`npm run gen:openapi -w @fieldops/gateway` after a deliberate API change)', async () => {
    expect(JSON.parse(await printOpenApi())).toEqual(JSON.parse(fs.readFileSync(OPENAPI_SNAPSHOT, 'utf8')));
  });
});
