/** Content addressing: the same bytes always have the same key, so they are stored once. */
export function blobKey(sha256: string): string {
  return `blobs/${sha256.slice(0, 2)}/${sha256}`;
}

export function thumbnailKey(sha256: string): string {
  return `thumbnails/${sha256.slice(0, 2)}/${sha256}.webp`;
}

/** Where a presigned upload's bytes wait until the upload is completed. */
export function stagingKey(uploadId: string): string {
  return `uploads/${uploadId}`;
}

/** The only keys a presigned PUT may write: blobs are written by the service, after checking their hash. */
export function isStagingKey(key: string): boolean {
  return key.startsWith('uploads/');
}

const BLOB_KEY = /^blobs\/[0-9a-f]{2}\/([0-9a-f]{64})$/;

export function sha256OfBlobKey(key: string): string | undefined {
  return BLOB_KEY.exec(key)?.[1];
}
