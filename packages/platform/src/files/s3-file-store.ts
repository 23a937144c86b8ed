import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ConfigError, type Env } from '../config/config';
import { assertValidKey, type DownloadHeaders, type FileStore, type PutOptions, readAll, type StoredObjectInfo } from './file-store';

export interface S3Location {
  bucket: string;
  config: S3ClientConfig;
  /** Endpoint and bucket, without credentials. */
  description: string;
}

/**
 * `s3://bucket?endpoint=http://host:port&region=…&forcePathStyle=true`; credentials from the URL's user:password,
 * else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else the SDK's default chain.
 */
export function parseS3Url(url: string, env: Env, setting = 'FILES_URL'): S3Location {
  const parsed = new URL(url);
  const bucket = parsed.hostname;
  if (!bucket) throw new ConfigError(setting, 'an s3: URL names the bucket: s3://<bucket>?endpoint=…');
  const endpoint = parsed.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new ConfigError(setting, `endpoint "${endpoint}" is not an http(s) URL`);
  }
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const accessKeyId = user || env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = user ? password : env.AWS_SECRET_ACCESS_KEY;
  const config: S3ClientConfig = {
    region: parsed.searchParams.get('region') ?? env.AWS_REGION ?? 'us-east-1',
    forcePathStyle: parsed.searchParams.get('forcePathStyle') === 'true',
    // Ceph RGW, MinIO and older S3-compatible servers do not take the SDK's newer default checksum trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  };
  return { bucket, config, description: `s3://${bucket}${endpoint ? ` at ${endpoint}` : ''}` };
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound')
  );
}

/** Objects in an S3-protocol bucket: AWS S3, Ceph RGW, MinIO. */
export class S3FileStore implements FileStore {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(location: S3Location) {
    this.client = new S3Client(location.config);
    this.bucket = location.bucket;
    this.description = location.description;
  }

  async put(key: string, body: Uint8Array | Readable, options: PutOptions = {}): Promise<void> {
    assertValidKey(key);
    // A stream of unknown length cannot be sent with a plain PutObject: it is read into memory first.
    const streamable = body instanceof Readable && options.size !== undefined;
    const payload = body instanceof Readable && !streamable ? await readAll(body) : body;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: payload,
        ...(streamable ? { ContentLength: options.size } : {}),
        ...(options.contentType ? { ContentType: options.contentType } : {}),
      }),
    );
  }

  async get(key: string): Promise<Readable | undefined> {
    assertValidKey(key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(answer.Body instanceof Readable)) throw new Error(`${this.description}: GET ${key} answered no body stream`);
      return answer.Body;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | undefined> {
    assertValidKey(key);
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: answer.ContentLength ?? 0, contentType: answer.ContentType };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async presignGet(key: string, expiresInSeconds: number, headers?: DownloadHeaders): Promise<string> {
    assertValidKey(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(headers ? { ResponseContentType: headers.contentType, ResponseContentDisposition: headers.contentDisposition } : {}),
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds });
  }

  async presignPut(key: string, expiresInSeconds: number, options: { contentType?: string } = {}): Promise<string> {
    assertValidKey(key);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
