import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError, type Env, type PlatformConfig } from '../config/config';
import type { FileStore } from './file-store';
import { LocalFileStore } from './local-file-store';
import { MigratingFileStore } from './migrating-file-store';
import { parseS3Url, S3FileStore } from './s3-file-store';
import { UrlSigner } from './signed-url';

/** Where the file service answers the signed URLs of stores that cannot sign their own. */
export const SIGNED_BLOB_PATH = '/api/v1/files/blobs';

export interface FileStoreOptions {
  /** Signs and checks the local store's presigned URLs. */
  signer: UrlSigner;
  /** For S3 credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION). */
  env?: Env;
  /** The setting the URL came from, named in errors. */
  setting?: string;
}

/** The driver a URL names: `file:<dir>` → LocalFileStore, `s3://bucket?…` → S3FileStore. */
export function createFileStore(url: string, options: FileStoreOptions): FileStore {
  const setting = options.setting ?? 'FILES_URL';
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') {
    const location = decodeURIComponent(url.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
    if (!location) throw new ConfigError(setting, 'a file: URL names a directory: file:<dir>');
    return new LocalFileStore(path.resolve(location), options.signer);
  }
  if (parsed.protocol === 's3:') return new S3FileStore(parseS3Url(url, options.env ?? {}, setting));
  throw new ConfigError(setting, `unsupported scheme "${parsed.protocol}"; expected file: or s3:`);
}

/**
 * The file store this installation is configured with: `FILES_URL`, or — while files move to another store —
 * a MigratingFileStore over `FILES_URL` (old) and `FILES_MIGRATION_TARGET_URL` (new) in `FILES_MIGRATION_PHASE`.
 */
export function fileStoreFromConfig(config: PlatformConfig, signer: UrlSigner): FileStore {
  const current = createFileStore(config.filesUrl, { signer, env: config.env });
  const migration = config.filesMigration;
  if (!migration) return current;
  const target = createFileStore(migration.targetUrl, { signer, env: config.env, setting: 'FILES_MIGRATION_TARGET_URL' });
  return new MigratingFileStore(current, target, migration.phase);
}

/** The signer of local presigned URLs: the installation's shared secret, or this process's own. */
export function blobUrlSigner(config: PlatformConfig, now: () => number): UrlSigner {
  return new UrlSigner(config.internalSecret ?? randomBytes(32).toString('hex'), SIGNED_BLOB_PATH, now, config.filesDownloadOrigin);
}
