import { describe, expect, it } from 'vitest';
import { mergeOpenApi } from '../src/openapi-merge';

const aDocument = (tag: string, paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) => ({
  openapi: '3.1.0',
  info: { title: `FieldOps ${tag} service`, version: '1.0.0' },
  tags: [{ name: tag, description: `The ${tag} service` }],
  paths,
  components: { schemas },
});

describe('merging the services’ OpenAPI documents', () => {
  it('keeps every path, schema and tag under one title with a bearer scheme', () => {
    const merged = mergeOpenApi(
      [
        {
          service: 'account',
          document: aDocument('account', { '/api/v1/users': { get: { tags: ['account'] } } }, { User: { type: 'object' } }),
        },
        { service: 'leads', document: aDocument('leads', { '/api/v1/leads': { get: { tags: ['leads'] } } }, { Lead: { type: 'object' } }) },
      ],
      [],
    );
    expect(merged).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'FieldOps API' },
      paths: { '/api/v1/users': {}, '/api/v1/leads': {} },
      components: { schemas: { User: {}, Lead: {} }, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      tags: [{ name: 'account' }, { name: 'leads' }],
    });
  });

  it('renames a schema two services name alike and points its references at the new name', () => {
    const ref = { $ref: '#/components/schemas/Address' };
    const merged = mergeOpenApi(
      [
        {
          service: 'account',
          document: aDocument('account', { '/a': { get: { responses: { 200: ref } } } }, { Address: { type: 'string' } }),
        },
        {
          service: 'merchant',
          document: aDocument('merchant', { '/m': { get: { responses: { 200: ref } } } }, { Address: { type: 'object' } }),
        },
      ],
      [],
    );
    expect(merged.components).toMatchObject({ schemas: { Address: { type: 'string' }, 'merchant.Address': { type: 'object' } } });
    expect(merged.paths).toMatchObject({
      '/a': { get: { responses: { 200: { $ref: '#/components/schemas/Address' } } } },
      '/m': { get: { responses: { 200: { $ref: '#/components/schemas/merchant.Address' } } } },
    });
  });

  it('says in the description which services are missing', () => {
    const merged = mergeOpenApi([], ['The leads service could not be reached; its operations are missing.']);
    expect(merged.info).toMatchObject({ description: expect.stringContaining('The leads service could not be reached') });
  });
});
