import fs from 'node:fs';
import { lintFromString, loadConfig } from '@redocly/openapi-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { liveOpenApi, OPENAPI_SNAPSHOT, printOpenApi } from '../scripts/openapi-snapshot';

const CONFIG = new URL('../../../redocly.yaml', import.meta.url).pathname;
/** The one explained exception: the public key set has no error answer of its own (no input, no token, no limit). */
const EXPLAINED = [
  'warn operation-4xx-response: Operation must have at least one `4XX` response. (#/paths/~1.well-known~1jwks.json/get/responses)',
];

interface Operation {
  operationId?: string;
  responses?: Record<string, unknown>;
}

describe('the public OpenAPI document, as reviewers and client generators read it', () => {
  let document: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    document = (await liveOpenApi()) as typeof document;
  });

  it('matches the committed snapshot (run `npm run gen:openapi -w @fieldops/gateway` after a deliberate change)', () => {
    expect(printOpenApi(document)).toBe(fs.readFileSync(OPENAPI_SNAPSHOT, 'utf8'));
  });

  it("passes Redocly's recommended rules: no error, and no warning left unexplained", async () => {
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config: await loadConfig({ configPath: CONFIG }),
    });
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`);
    expect(found).toEqual(EXPLAINED);
  });

  it('names every operation once, and documents its problem+json answers', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, ...operation })),
    );
    expect(operations.length).toBeGreaterThan(80);
    const ids = operations.map((o) => o.operationId);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const undocumented = operations.filter((o) => !Object.keys(o.responses ?? {}).some((code) => code.startsWith('4')));
    expect(undocumented.map((o) => o.route)).toEqual(['GET /.well-known/jwks.json']);
    const createLead = document.paths['/api/v1/leads']?.post?.responses ?? {};
    expect(Object.keys(createLead)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '422', '429']));
  });
});
