import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedScope } from '@fieldops/platform';
import { afterEach } from 'vitest';
import { ElasticSearchIndex } from '../src/db/elastic/elastic-search-index';
import type { SearchIndex } from '../src/db/search-index';
import { SqliteSearchIndex } from '../src/db/sqlite/sqlite-search-index';
import { DOCUMENT_TYPES, type SearchDocument } from '../src/domain/search-document';
import type { SearchQuery } from '../src/domain/search-query';
import type { Visibility } from '../src/domain/visibility';

let made = 0;

/** Index files of the SQLite driver, each in a temporary folder removed after each test of the calling suite. */
export function tempIndexFiles(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-search-'));
    dirs.push(dir);
    return path.join(dir, 'index.sqlite');
  };
}

/** A merchant document in Shanghai; override what the test is about. */
export function aDoc(overrides: Partial<SearchDocument> = {}): SearchDocument {
  made++;
  return {
    type: 'merchant',
    id: `m-${made}`,
    version: 1,
    updatedAt: 1_700_000_000_000 + made,
    title: `Merchant ${made}`,
    address: '',
    keywords: [],
    phones: [],
    country: 'CN',
    lat: 31.2304,
    lng: 121.4737,
    areaId: null,
    ownerId: 'owner-1',
    orgUnitId: 'team-1',
    agencyId: null,
    status: 'active',
    stage: null,
    pool: null,
    category: 'restaurant',
    ownerName: null,
    areaPath: null,
    lastVerifiedVisitAt: null,
    details: {},
    ...overrides,
  };
}

export function aScope(overrides: Partial<ResolvedScope> = {}): ResolvedScope {
  return {
    userId: 'owner-1',
    scope: 'all',
    country: 'CN',
    orgUnitId: 'team-1',
    orgUnitIds: ['team-1'],
    areaIds: [],
    agencyId: null,
    ...overrides,
  };
}

export const everything: Visibility = { scope: aScope(), types: [...DOCUMENT_TYPES] };

export function aQuery(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { q: '', filters: { types: [...DOCUMENT_TYPES] }, sort: 'recency', limit: 100, facets: [], ...overrides };
}

export interface TestDriver {
  name: string;
  open(): Promise<SearchIndex>;
}

/** The SQLite driver always; Elasticsearch/OpenSearch only when SEARCH_TEST_URL names a server. */
export function testDrivers(): TestDriver[] {
  const drivers: TestDriver[] = [
    {
      name: 'sqlite',
      async open() {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-search-'));
        return new SqliteSearchIndex(path.join(dir, 'index.sqlite'));
      },
    },
  ];
  const url = process.env.SEARCH_TEST_URL;
  if (url) {
    drivers.push({
      name: 'elasticsearch',
      async open() {
        made++;
        return ElasticSearchIndex.open(new URL(url), `fot-search-${process.pid}-${made}-${Date.now().toString(36)}`);
      },
    });
  }
  return drivers;
}
