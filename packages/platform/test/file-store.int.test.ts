import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startS3Server, type TestS3Server } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type DownloadHeaders, type FileStore, MigratingFileStore, readObject, UrlSigner } from '../src/index';

let s3: TestS3Server;
const dirs: string[] = [];
let now = Date.now();
const signer = new UrlSigner('a-test-secret-of-at-least-32-characters', '/api/v1/files/blobs', () => now);

beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function localStore(): FileStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-files-'));
  dirs.push(dir);
  return createFileStore(`file:${dir}`, { signer });
}

/** Fetches a presigned URL: absolute for S3; the local store's are checked by the signer (the file service's job). */
async function fetchSigned(url: string, init: RequestInit = {}): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(url, init);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

function verifyLocal(url: string, method: 'GET' | 'PUT', headers?: DownloadHeaders): boolean {
  const parsed = new URL(url, 'http://localhost');
  const key = parsed.pathname.slice('/api/v1/files/blobs/'.length);
  return signer.verify(method, key, Number(parsed.searchParams.get('expires')), parsed.searchParams.get('signature') ?? '', headers);
}

const drivers: { name: string; make: () => FileStore }[] = [
  { name: 'LocalFileStore', make: localStore },
  { name: 'S3FileStore (s3rver)', make: () => createFileStore(s3.url(), { signer }) },
  // The migrating store is a FileStore too: reads and presigned URLs from the new (S3) side, writes to both.
  {
    name: 'MigratingFileStore (dual-write-read-new)',
    make: () => new MigratingFileStore(localStore(), createFileStore(s3.url('bucket2'), { signer }), 'dual-write-read-new'),
  },
];

describe.each(drivers)('$name', ({ name, make }) => {
  let store: FileStore;
  beforeAll(() => {
    store = make();
  });
  afterAll(async () => store?.close());

  it('stores bytes and streams under a key and reads them back, with their size', async () => {
    const bytes = Buffer.from(`hello from ${name} ${Math.random()}`);
    await store.put('blobs/aa/one', bytes, { contentType: 'text/plain' });
    expect(await readObject(store, 'blobs/aa/one')).toEqual(bytes);
    expect((await store.head('blobs/aa/one'))?.size).toBe(bytes.length);
    expect(await store.exists('blobs/aa/one')).toBe(true);

    const streamed = Buffer.alloc(300_000, 7);
    await store.put('blobs/bb/streamed', Readable.from([streamed.subarray(0, 1000), streamed.subarray(1000)]));
    const back = await readObject(store, 'blobs/bb/streamed');
    expect(
      createHash('sha256')
        .update(back ?? '')
        .digest('hex'),
    ).toBe(createHash('sha256').update(streamed).digest('hex'));
  });

  it('answers undefined/false for a missing key, and deletes (twice is fine)', async () => {
    expect(await store.get('blobs/none/here')).toBeUndefined();
    expect(await store.head('blobs/none/here')).toBeUndefined();
    expect(await store.exists('blobs/none/here')).toBe(false);
    await store.put('tmp/gone', Buffer.from('x'));
    await store.delete('tmp/gone');
    await store.delete('tmp/gone');
    expect(await store.exists('tmp/gone')).toBe(false);
  });

  it('overwrites a key with new bytes', async () => {
    await store.put('tmp/over', Buffer.from('first'));
    await store.put('tmp/over', Buffer.from('second'));
    expect((await readObject(store, 'tmp/over'))?.toString()).toBe('second');
  });

  it('refuses keys that could escape the store', async () => {
    for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'a//b', '']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/invalid file store key/);
    }
  });

  it('gives presigned GET and PUT URLs that work until they expire', async () => {
    const bytes = Buffer.from(`presigned ${name}`);
    const putUrl = await store.presignPut('uploads/presigned', 60);
    const getUrl = await store.presignGet('uploads/presigned', 60);
    if (name === 'LocalFileStore') {
      expect(putUrl).toMatch(/^\/api\/v1\/files\/blobs\/uploads\/presigned\?/);
      expect(verifyLocal(putUrl, 'PUT')).toBe(true);
      expect(verifyLocal(putUrl, 'GET')).toBe(false);
      expect(verifyLocal(getUrl, 'GET')).toBe(true);
      expect(verifyLocal(getUrl.replace('presigned', 'other'), 'GET')).toBe(false);
      now += 61_000;
      expect(verifyLocal(getUrl, 'GET')).toBe(false);
      now = Date.now();
      return;
    }
    expect((await fetchSigned(putUrl, { method: 'PUT', body: bytes })).status).toBe(200);
    const read = await fetchSigned(getUrl);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(bytes);
    const expiring = await store.presignGet('uploads/presigned', 1);
    await expect.poll(async () => (await fetchSigned(expiring)).status, { timeout: 5000, interval: 250 }).toBe(403);
  });

  it('answers a presigned download with the type and disposition it was signed with, not the stored ones', async () => {
    await store.put('blobs/aa/page', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { contentType: 'image/svg+xml' });
    const headers = { contentType: 'application/octet-stream', contentDisposition: 'attachment; filename="page.svg"' };
    const url = await store.presignGet('blobs/aa/page', 60, headers);
    if (name === 'LocalFileStore') {
      expect(new URL(url, 'http://localhost').searchParams.get('disposition')).toBe(headers.contentDisposition);
      expect(verifyLocal(url, 'GET', headers)).toBe(true);
      expect(verifyLocal(url, 'GET', { ...headers, contentDisposition: 'inline' })).toBe(false);
      expect(verifyLocal(url, 'GET')).toBe(false);
      return;
    }
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(headers.contentType);
    expect(response.headers.get('content-disposition')).toBe(headers.contentDisposition);
  });
});

it('signs local download URLs for the download origin when one is set, uploads stay on the app origin', () => {
  const elsewhere = new UrlSigner('a-test-secret-of-at-least-32-characters', '/api/v1/files/blobs', () => now, 'https://files.example.com');
  expect(elsewhere.sign('GET', 'blobs/aa/x', 60)).toMatch(/^https:\/\/files\.example\.com\/api\/v1\/files\/blobs\/blobs\/aa\/x\?/);
  expect(elsewhere.sign('PUT', 'uploads/x', 60)).toMatch(/^\/api\/v1\/files\/blobs\/uploads\/x\?/);
});
