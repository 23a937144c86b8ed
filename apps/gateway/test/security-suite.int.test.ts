import { startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedServices } from '../scripts/openapi-snapshot';
import { createGateway } from '../src/index';

/**
 * The security classes run against every operation the public OpenAPI document lists, so a new route is
 * covered the day it is documented: authentication, problem+json on bad input.
 */

const PROBLEM = 'application/problem+json';

interface Operation {
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
};

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
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

describe('the security suite over every documented operation', () => {
  let t: TestHost;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestHost({ services: documentedServices, edge: createGateway({ services: documentedServices }), seedDemo: true });
    operations = operationsOf((await t.api('GET', '/api/openapi.json')).body);
  });
  afterAll(async () => t?.stop());

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
});

/** The demo organisation's administrator, who may call every operation. */
async function adminToken(t: TestHost): Promise<string> {
  return t.login('admin@fieldops.test');
}
