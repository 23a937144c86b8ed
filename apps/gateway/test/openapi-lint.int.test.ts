import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { checkinService } from '@fieldops/checkin';
import { fileService } from '@fieldops/file';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import { poiService } from '@fieldops/poi';
import { searchService } from '@fieldops/search';
import { startTestHost, type TestHost } from '@fieldops/testing';
import { lintFromString, loadConfig } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';

const services = [accountService, areaService, poiService, fileService, merchantService, leadsService, checkinService, searchService];
const CONFIG = new URL('../../../redocly.yaml', import.meta.url).pathname;
/** The one explained exception: the public key set has no error answer of its own (no input, no token, no limit). */
const EXPLAINED = [
  'warn operation-4xx-response: Operation must have at least one `4XX` response. (#/paths/~1.well-known~1jwks.json/get/responses)',
];

describe('the public OpenAPI document, as client generators read it', () => {
  let t: TestHost;
  let document: { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>> };

  beforeAll(async () => {
    t = await startTestHost({ services, edge: createGateway({ services }) });
    const answer = await t.api('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    document = answer.body;
  });
  afterAll(async () => t?.stop());

  it("passes Redocly's recommended rules with no error and no warning", async () => {
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
