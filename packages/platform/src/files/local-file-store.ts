import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, bodyStream, type DownloadHeaders, type FileStore, type PutOptions, type StoredObjectInfo } from './file-store';
import type { UrlSigner } from './signed-url';

/** Files on local disk (`file:<dir>`), for embedded installs and tests; presigned URLs are signed by `signer`. */
export class LocalFileStore implements FileStore {
  readonly description: string;

  constructor(
    private readonly root: string,
    private readonly signer: UrlSigner,
  ) {
    this.description = `file:${root}`;
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Uint8Array | Readable, _options?: PutOptions): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Written beside the target, then renamed: a reader never sees half an object.
    const partial = `${target}.${randomUUID()}.partial`;
    try {
      await pipeline(bodyStream(body), createWriteStream(partial));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable | undefined> {
    if (!(await this.head(key))) return undefined;
    return createReadStream(this.pathOf(key));
  }

  async head(key: string): Promise<StoredObjectInfo | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size, contentType: undefined } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async presignGet(key: string, expiresInSeconds: number, headers?: DownloadHeaders): Promise<string> {
    assertValidKey(key);
    return this.signer.sign('GET', key, expiresInSeconds, headers);
  }

  async presignPut(key: string, expiresInSeconds: number): Promise<string> {
    assertValidKey(key);
    return this.signer.sign('PUT', key, expiresInSeconds);
  }

  async close(): Promise<void> {}
}
