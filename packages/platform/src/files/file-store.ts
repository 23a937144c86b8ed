import { Readable } from 'node:stream';

/** What a store knows of one stored object without reading it. */
export interface StoredObjectInfo {
  size: number;
  contentType: string | undefined;
}

export interface PutOptions {
  contentType?: string;
  /** The length of a stream body, when known: lets a driver stream it instead of buffering. */
  size?: number;
}

/** The headers a presigned download answers with, whatever the object was stored with. */
export interface DownloadHeaders {
  contentType: string;
  contentDisposition: string;
}

/**
 * Where file bytes live: a flat key space of immutable objects (keys like `blobs/ab/<sha256>`). Drivers are chosen
 * by the `FILES_URL` scheme (see `createFileStore`); every driver passes the same conformance tests.
 */
export interface FileStore {
  /** Names the driver and location for logs and errors; never contains credentials. */
  readonly description: string;
  put(key: string, body: Uint8Array | Readable, options?: PutOptions): Promise<void>;
  /** The object's bytes as a stream, or undefined when there is no such key. */
  get(key: string): Promise<Readable | undefined>;
  head(key: string): Promise<StoredObjectInfo | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * A URL that reads the object without other credentials until it expires, answering with `headers` (signed
   * into the URL, so the holder cannot change them).
   */
  presignGet(key: string, expiresInSeconds: number, headers?: DownloadHeaders): Promise<string>;
  /** A URL the client PUTs the object's bytes to, until it expires. */
  presignPut(key: string, expiresInSeconds: number, options?: { contentType?: string }): Promise<string>;
  close(): Promise<void>;
}

/** Reads a whole object into memory, or undefined when the key is missing. */
export async function readObject(store: FileStore, key: string): Promise<Buffer | undefined> {
  const stream = await store.get(key);
  return stream ? readAll(stream) : undefined;
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export function bodyStream(body: Uint8Array | Readable): Readable {
  return body instanceof Readable ? body : Readable.from([body]);
}

/** Keys are relative, slash-separated, without `.`/`..` segments: a key can never escape the store. */
export function assertValidKey(key: string): void {
  const segments = key.split('/');
  const bad = key.length === 0 || key.length > 512 || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'));
  if (bad || !/^[A-Za-z0-9._\-/]+$/.test(key)) throw new Error(`invalid file store key "${key}"`);
}
