import zlib from 'node:zlib';
import { accountService } from '@fieldops/account';
import { merchantService } from '@fieldops/merchant';
import type { EventEnvelope, ServiceDefinition } from '@fieldops/platform';
import type { ApiResponse, MovableClock, TestDatabaseEngine, TestHost } from '@fieldops/testing';
import { serviceDb, startTestHost } from '@fieldops/testing';
import sharp from 'sharp';
import { expect } from 'vitest';
import { type FileDb, fileService } from '../src/index';

/** The account service (logins, scopes), the merchant service (records that own files) and the file service. */
export function startFileHost(
  database: TestDatabaseEngine,
  options: { clock?: MovableClock; env?: Record<string, string>; files?: ServiceDefinition } = {},
): Promise<TestHost> {
  return startTestHost({
    services: [accountService, merchantService, options.files ?? fileService],
    engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
    seedDemo: true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
}

/** The file service's own database, for checking what is stored (tests only). */
export const fileDb = (t: TestHost) => serviceDb<FileDb>(t, 'file');

/** A direct multipart upload, as a browser sends it. */
export async function upload(
  t: TestHost,
  token: string,
  bytes: Buffer,
  form: { purpose?: string; fileName?: string; mimeType?: string } = {},
): Promise<ApiResponse> {
  const body = new FormData();
  if (form.purpose !== undefined) body.append('purpose', form.purpose);
  body.append(
    'file',
    new Blob([new Uint8Array(bytes)], { type: form.mimeType ?? 'application/octet-stream' }),
    form.fileName ?? 'upload.bin',
  );
  const response = await fetch(`${t.url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Fetches a URL the API handed out: relative ones (local store) go to the test host. */
export async function fetchUrl(
  t: TestHost,
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const response = await fetch(url.startsWith('/') ? `${t.url}${url}` : url, init);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

let made = 0;

/**
 * A JPEG photo as a phone takes it: EXIF DateTimeOriginal with its UTC offset and a GPS position (Singapore).
 * Every call makes different bytes unless `seed` repeats.
 */
export async function aPhoto(options: { width?: number; height?: number; seed?: number; exif?: boolean } = {}): Promise<Buffer> {
  const seed = options.seed ?? ++made * 7919;
  const image = sharp({
    create: {
      width: options.width ?? 640,
      height: options.height ?? 480,
      channels: 3,
      background: { r: seed % 256, g: (seed >> 3) % 256, b: (seed >> 6) % 256 },
    },
  }).jpeg();
  if (options.exif === false) return image.toBuffer();
  return image
    .withExif({
      IFD0: { Make: 'FieldPhone' },
      IFD2: { DateTimeOriginal: '2026:11:20 09:15:30', OffsetTimeOriginal: '+08:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '1/1 17/1 2520/100', GPSLongitudeRef: 'E', GPSLongitude: '103/1 51/1 700/100' },
    })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A few hundred bytes of well-formed PNG whose header claims `width` × `height` pixels it does not have. */
export function aPngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const pixels = zlib.deflateSync(Buffer.alloc(256));
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A minimal valid PDF. */
export function aPdf(): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF ${++made}\n`,
  );
}

/** Asserts a problem+json answer, and that it names `field` when given. */
export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
}

/** The events of one subject in the file service's outbox, oldest first. */
export async function outboxOf(t: TestHost, subject: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const rows = await fileDb(t).selectFrom('outbox').select(['envelope']).where('subject', '=', subject).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.envelope) as EventEnvelope<Record<string, unknown>>);
}
