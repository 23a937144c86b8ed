import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface TestS3Server {
  /** A `FILES_URL` for a fresh bucket on this server, with its credentials. */
  url(bucket?: string): string;
  stop(): Promise<void>;
}

/** s3rver's built-in key pair: it checks signatures with these. */
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

/**
 * A real S3-protocol server (s3rver) on a free port of `address` (loopback unless given), storing in a temporary directory. Its buckets are
 * `bucket` and `bucket2`; both start empty.
 */
export async function startS3Server(address = '127.0.0.1'): Promise<TestS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-s3-'));
  const server = new S3rver({
    address,
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: 'bucket' }, { name: 'bucket2' }],
  });
  const { port } = await server.run();
  return {
    url: (bucket = 'bucket') =>
      `s3://${ACCESS_KEY}:${SECRET_KEY}@${bucket}?endpoint=${encodeURIComponent(`http://${address}:${port}`)}&region=us-east-1&forcePathStyle=true`,
    async stop() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
