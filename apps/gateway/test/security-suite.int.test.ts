import fs from 'node:fs';
import { placeGeneratorService } from '@fieldops/poi';
import { eventually, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedServices } from '../scripts/openapi-snapshot';
import { createGateway } from '../src/index';

/**
 * The security classes run against every operation the public OpenAPI document lists, so a new route is
 * covered the day it is documented: authentication and revocation, security headers, problem+json on bad input,
 * downloads that cannot run script, and an inventory of every field that names another record.
 */

const PROBLEM = 'application/problem+json';

interface Operation {
  raw: Record<string, unknown>;
  method: string;
  path: string;
  operationId: string;
  isPublic: boolean;
  hasJsonBody: boolean;
}

/** A plausible value for each path parameter, so the request reaches the route's own checks. */
const SAMPLE_PARAMETERS: Record<string, string> = {
  id: '0b9f3c3e-4a8e-4c61-9d1e-2f7a0c5b6d41',
  assignmentId: '5d2e8f10-7c3b-4b9a-8e6f-1a2b3c4d5e6f',
  date: '2026-03-02',
  targetType: 'merchant',
  path: 'demo/key',
  type: 'default',
};

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      raw: operation,
      method: method.toUpperCase(),
      path,
      operationId: String(operation.operationId),
      isPublic: Array.isArray(operation.security) && operation.security.length === 0,
      hasJsonBody: JSON.stringify(operation.requestBody ?? {}).includes('application/json'),
    })),
  );
}

function urlOf(operation: Operation, parameters: Record<string, string> = SAMPLE_PARAMETERS): string {
  return operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new Error(`no sample for path parameter {${name}} of ${operation.operationId}`);
    return value;
  });
}

const label = (operation: Operation) => `${operation.method} ${operation.path}`;

/**
 * Every field that names another record, with the scope suite that proves a caller cannot name one outside
 * their scope or country there (422 naming the field, nothing granted). A field the document gains must be
 * added here, with its test; `null` marks a field whose scope check has no test yet (listed in UNPROVEN).
 */
const REFERENCE_FIELDS: Record<string, string | null> = {
  'listAreas /query/parentId': 'services/area/test/areas.int.test.ts',
  'createArea /body/parentId': 'services/area/test/areas.int.test.ts',
  'createArea /body/orgUnitId': 'services/area/test/areas.int.test.ts',
  'updateArea /body/orgUnitId': 'services/area/test/areas.int.test.ts',
  'createAreaAssignment /body/userId': 'services/area/test/assignments.int.test.ts',
  'applyAreaGeometry /body/previewId': 'services/area/test/geometry.int.test.ts',
  'assignLead /body/repId': 'services/leads/test/pool.int.test.ts',
  'convertLead /body/businessId': 'services/leads/test/conversion.int.test.ts',
  'convertLead /body/placeId': 'services/leads/test/scope.int.test.ts',
  'assignLeads /body/leadIds': 'services/leads/test/bulk-assign.int.test.ts',
  'assignLeads /body/repIds': 'services/leads/test/bulk-assign.int.test.ts',
  'createMerchant /body/placeId': 'services/merchant/test/scope.int.test.ts',
  'createMerchant /body/businessId': 'services/merchant/test/scope.int.test.ts',
  'createMerchant /body/documents': 'services/merchant/test/scope.int.test.ts',
  'createMerchant /body/ownerId': 'services/merchant/test/scope.int.test.ts',
  'createMerchant /body/onboardingDocuments': 'services/merchant/test/lifecycle.int.test.ts',
  'listMerchants /query/ownerId': 'services/merchant/test/merchants.int.test.ts',
  'listNotificationDeliveries /query/userId': 'services/notification/test/deliveries.int.test.ts',
  'updateMerchant /body/placeId': 'services/merchant/test/scope.int.test.ts',
  'updateMerchant /body/businessId': 'services/merchant/test/scope.int.test.ts',
  'updateMerchant /body/documents': 'services/merchant/test/scope.int.test.ts',
  'updateMerchant /body/onboardingDocuments': 'services/merchant/test/lifecycle.int.test.ts',
  'transferMerchant /body/ownerId': 'services/merchant/test/lifecycle.int.test.ts',
  'transferMerchants /body/merchantIds': 'services/merchant/test/lifecycle.int.test.ts',
  'transferMerchants /body/ownerId': 'services/merchant/test/lifecycle.int.test.ts',
  'listOrgUnits /query/parentId': 'services/account/test/scope.int.test.ts',
  'createOrgUnit /body/parentId': 'services/account/test/scope.int.test.ts',
  'updateOrgUnit /body/parentId': 'services/account/test/scope.int.test.ts',
  'mergePlace /body/loserId': 'services/poi/test/scope.int.test.ts',
  'getPlan /query/repId': 'services/checkin/test/visits.int.test.ts',
  'savePlan /body/stops/*/targetId': 'services/checkin/test/scope.int.test.ts',
  'savePlan /query/repId': 'services/checkin/test/visits.int.test.ts',
  'search /query/areaId': 'services/search/test/search-api.int.test.ts',
  'listUsers /query/orgUnitId': 'services/account/test/scope.int.test.ts',
  'listUsers /query/agencyId': 'services/account/test/scope.int.test.ts',
  'createUser /body/orgUnitId': 'services/account/test/scope.int.test.ts',
  'createUser /body/roleIds': 'services/account/test/scope.int.test.ts',
  'createUser /body/agencyId': 'services/account/test/scope.int.test.ts',
  'updateUser /body/orgUnitId': 'services/account/test/scope.int.test.ts',
  'updateUser /body/agencyId': 'services/account/test/scope.int.test.ts',
  'updateUser /body/roleIds': 'services/account/test/scope.int.test.ts',
  'checkIn /body/targetId': 'services/checkin/test/scope.int.test.ts',
  'checkIn /body/photoIds': 'services/checkin/test/scope.int.test.ts',
  'listVisits /query/repId': 'services/checkin/test/visits.int.test.ts',
  'listVisits /query/targetId': 'services/checkin/test/scope.int.test.ts',
  'completeTicketOnSite /body/visitId': 'services/tickets/test/on-site.int.test.ts',
  'completeTicketOnSite /body/photoIds': 'services/tickets/test/on-site.int.test.ts',
  'completeTicketOnSite /body/signatureFileId': 'services/tickets/test/on-site.int.test.ts',
  'createTicket /body/merchantId': 'services/tickets/test/scope.int.test.ts',
  'createTicket /body/leadId': 'services/tickets/test/scope.int.test.ts',
  'createTicket /body/placeId': 'services/tickets/test/scope.int.test.ts',
  'createTicket /body/visitId': 'services/tickets/test/scope.int.test.ts',
  'listTickets /query/assigneeId': 'services/tickets/test/scope.int.test.ts',
  'listTickets /query/merchantId': 'services/tickets/test/scope.int.test.ts',
  'assignTicket /body/assigneeId': 'services/tickets/test/scope.int.test.ts',
  'bulkAssignTickets /body/assigneeId': 'services/tickets/test/scope.int.test.ts',
  'bulkAssignTickets /body/ticketIds': 'services/tickets/test/scope.int.test.ts',
  'getLeaderboard /query/agencyId': 'services/performance/test/boards.int.test.ts',
  'getLeaderboard /query/areaId': 'services/performance/test/boards.int.test.ts',
  'getLeaderboard /query/orgUnitId': 'services/performance/test/scope.int.test.ts',
  'previewTargets /body/cascade/reps/*/userId': 'services/performance/test/scope.int.test.ts',
  'setTargets /body/cascade/reps/*/userId': 'services/performance/test/scope.int.test.ts',
  'recordMerchantFigures /body/merchantId': 'services/performance/test/merchant-figures.int.test.ts',
  'getStatements /query/userId': 'services/performance/test/statements.int.test.ts',
  'checkOut /body/photoIds': 'services/checkin/test/scope.int.test.ts',
  'createCampaign /body/filters/areaIds': 'services/marketing/test/scope.int.test.ts',
  'createCampaign /body/filters/withinAreaId': 'services/marketing/test/scope.int.test.ts',
  'createCampaign /body/filters/ownerIds': 'services/marketing/test/scope.int.test.ts',
  'previewSegment /body/filters/areaIds': 'services/marketing/test/scope.int.test.ts',
  'previewSegment /body/filters/withinAreaId': 'services/marketing/test/scope.int.test.ts',
  'previewSegment /body/filters/ownerIds': 'services/marketing/test/scope.int.test.ts',
  'enrollMerchant /body/merchantId': 'services/marketing/test/scope.int.test.ts',
  'enrollMerchant /body/visitId': 'services/marketing/test/scope.int.test.ts',
};

/** The reference fields still waiting for a scope test: this list may only shrink. */
const UNPROVEN: string[] = [];

type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };

/** The fields of a schema whose name says they hold other records' ids (`…Id`, `…Ids`, `documents`, `…Documents`). */
function referenceFields(schema: Schema | undefined, prefix: string, found: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (/Ids?$|^documents$|Documents$/.test(name)) found.add(`${prefix}/${name}`);
    referenceFields(property, `${prefix}/${name}`, found);
    if (property.items) referenceFields(property.items, `${prefix}/${name}/*`, found);
  }
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) referenceFields(branch, prefix, found);
}

// Each test walks every documented operation (hundreds of requests, one after another, while the demo seed's events
// still flow): the default 30 s per test is too short on a busy two-core machine.
describe('the security suite over every documented operation', { timeout: 180_000 }, () => {
  let t: TestHost;
  let operations: Operation[];

  // The demo organisation without its thousands of demo places (the poi service's routes are the same): seeding
  // every service is the slow part, and the suite needs people, not places.
  const services = documentedServices.map((service) => (service.name === 'poi' ? placeGeneratorService(0, { seed: 1 }) : service));

  beforeAll(async () => {
    t = await startTestHost({ services, edge: createGateway({ services }), seedDemo: true });
    operations = operationsOf((await t.api('GET', '/api/openapi.json')).body);
  }, 180_000);
  // Stopping drains what the demo seed still has in flight; on a busy machine that takes a while.
  afterAll(async () => t?.stop(), 180_000);

  it('lists every operation of every service', () => {
    expect(operations.length).toBeGreaterThan(80);
  });

  it('refuses a missing or forged token on every operation that is not public, with 401 problem+json', async () => {
    const forged = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => !o.isPublic)) {
      for (const token of [undefined, forged]) {
        const answer = await t.api(operation.method, urlOf(operation), { token, body: operation.hasJsonBody ? {} : undefined });
        const type = answer.headers.get('content-type') ?? '';
        if (answer.status !== 401 || !type.includes(PROBLEM))
          wrong.push(`${label(operation)} ${token ? 'forged' : 'none'}: ${answer.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers a body that is not JSON, or not an object, with 400 problem+json', async () => {
    const token = await adminToken(t);
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => o.hasJsonBody && !o.isPublic)) {
      for (const body of ['{"unfinished": ', '[1, 2, 3]']) {
        const answer = await t.api(operation.method, urlOf(operation), { token, body });
        const type = answer.headers.get('content-type') ?? '';
        if (answer.status !== 400 || !type.includes(PROBLEM)) wrong.push(`${label(operation)} ${body}: ${answer.status} ${type}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers a malformed id in the path with a 4xx problem+json, never a 5xx', async () => {
    const token = await adminToken(t);
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => o.path.includes('{id}') && !o.isPublic)) {
      const answer = await t.api(operation.method, urlOf(operation, { ...SAMPLE_PARAMETERS, id: 'not-an-id' }), {
        token,
        body: operation.hasJsonBody ? {} : undefined,
      });
      const type = answer.headers.get('content-type') ?? '';
      if (answer.status < 400 || answer.status >= 500 || !type.includes(PROBLEM)) wrong.push(`${label(operation)}: ${answer.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('sends the security headers on every answer, whatever its status', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const answer = await t.api(operation.method, urlOf(operation), { body: operation.hasJsonBody ? {} : undefined });
      const headers = answer.headers;
      const missing = [
        headers.get('x-content-type-options') === 'nosniff' ? '' : 'nosniff',
        headers.get('referrer-policy') ? '' : 'referrer-policy',
        (headers.get('content-security-policy') ?? '').includes("frame-ancestors 'none'") ? '' : 'frame-ancestors',
      ].filter(Boolean);
      if (missing.length > 0) wrong.push(`${label(operation)} ${answer.status}: ${missing.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it("refuses a disabled user's token on every operation that is not public", async () => {
    const admin = await adminToken(t);
    const rep = await t.login('rep1.sg@fieldops.test');
    const me = await t.api('GET', '/api/v1/me', { token: rep });
    expect(me.status).toBe(200);
    const user = await t.api('GET', `/api/v1/users/${me.body.user.id}`, { token: admin });
    const disabled = await t.api('PATCH', `/api/v1/users/${me.body.user.id}`, {
      token: admin,
      body: { status: 'disabled' },
      headers: { 'if-match': user.headers.get('etag') ?? '' },
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    await eventually(async () => expect((await t.api('GET', '/api/v1/me', { token: rep })).status).toBe(401));
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => !o.isPublic)) {
      const answer = await t.api(operation.method, urlOf(operation), { token: rep, body: operation.hasJsonBody ? {} : undefined });
      if (answer.status !== 401) wrong.push(`${label(operation)}: ${answer.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('serves an uploaded SVG as a download that cannot run script on the app', async () => {
    const rep = await t.login('rep2.sg@fieldops.test');
    const form = new FormData();
    form.append('purpose', 'other');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>';
    form.append('file', new Blob([svg], { type: 'image/svg+xml' }), 'logo.svg');
    const uploaded = await fetch(`${t.url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${rep}` }, body: form });
    const file = (await uploaded.json()) as { id: string };
    expect(uploaded.status, JSON.stringify(file)).toBe(201);
    const meta = await t.api('GET', `/api/v1/files/${file.id}`, { token: rep });
    const download = await fetch(new URL(meta.body.downloadUrl, t.url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition') ?? '').toMatch(/^attachment/);
    expect(download.headers.get('content-type') ?? '').not.toMatch(/svg|xml|html/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy') ?? '').toContain('sandbox');
    expect(await download.text()).toBe(svg);
  });

  it('lists every field that names another record with the scope suite that covers it', () => {
    const found = new Set<string>();
    for (const operation of operations) {
      const body = operation.raw.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined;
      const fields = new Set<string>();
      referenceFields(body?.content?.['application/json']?.schema, '/body', fields);
      for (const parameter of (operation.raw.parameters ?? []) as { name: string; in: string }[]) {
        if (parameter.in !== 'path' && /Ids?$/.test(parameter.name)) fields.add(`/${parameter.in}/${parameter.name}`);
      }
      for (const field of fields) found.add(`${operation.operationId} ${field}`);
    }
    expect([...found].sort()).toEqual(Object.keys(REFERENCE_FIELDS).sort());
    const root = new URL('../../../', import.meta.url);
    const unproven: string[] = [];
    for (const [field, test] of Object.entries(REFERENCE_FIELDS)) {
      if (test === null) {
        unproven.push(field);
        continue;
      }
      const source = fs.readFileSync(new URL(test, root), 'utf8');
      const name = field.split('/').at(-1) ?? '';
      expect(source.includes(name), `${test} does not exercise ${field}`).toBe(true);
    }
    expect(unproven.sort()).toEqual(UNPROVEN);
  });
});

/** The demo organisation's administrator, who may call every operation. */
async function adminToken(t: TestHost): Promise<string> {
  return t.login('admin@fieldops.test');
}
