import { FILE_PURPOSES, type FilePurpose } from '@fieldops/contracts';
import { PayloadTooLargeError, unsafeTextProblems, ValidationError } from '@fieldops/platform';
import type { FastifyRequest } from 'fastify';
import { FILE_LIMITS } from '../config';

export interface UploadForm {
  bytes: Buffer;
  fileName: string;
  purpose: FilePurpose;
}

const isPurpose = (value: string): value is FilePurpose => (FILE_PURPOSES as readonly string[]).includes(value);

function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE';
}

/** The multipart parser's own complaints (no boundary, a form cut short) carry no status: they are the client's. */
function isMalformedForm(error: unknown): boolean {
  return error instanceof Error && !('statusCode' in error);
}

/** Reads a multipart upload: one `file` part and a `purpose` field, in any order. */
export async function readUploadForm(request: FastifyRequest): Promise<UploadForm> {
  if (!request.isMultipart()) {
    throw new ValidationError([{ field: '/body', message: 'must be multipart/form-data with a purpose field and a file' }]);
  }
  let purpose: string | undefined;
  let file: { bytes: Buffer; fileName: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: FILE_LIMITS.directUploadBytes, files: 1, fields: 5 } })) {
      if (part.type === 'file') file = { bytes: await part.toBuffer(), fileName: part.filename || 'file' };
      else if (part.fieldname === 'purpose' && typeof part.value === 'string') purpose = part.value;
    }
  } catch (error) {
    if (isTooLarge(error)) {
      throw new PayloadTooLargeError(`Direct uploads are at most ${FILE_LIMITS.directUploadBytes} bytes; use POST /api/v1/files/uploads.`, [
        { field: '/body/file', message: `is larger than ${FILE_LIMITS.directUploadBytes} bytes` },
      ]);
    }
    if (isMalformedForm(error)) {
      throw new ValidationError([{ field: '/body', message: `is not well-formed multipart/form-data (${(error as Error).message})` }]);
    }
    throw error;
  }
  const problems = [
    ...(file === undefined || file.bytes.length === 0 ? [{ field: '/body/file', message: 'is required (a non-empty file part)' }] : []),
    ...(purpose === undefined || !isPurpose(purpose)
      ? [{ field: '/body/purpose', message: `must be one of ${FILE_PURPOSES.join(', ')}` }]
      : []),
    ...unsafeTextProblems(file?.fileName, '/body/file/filename'),
  ];
  if (problems.length > 0 || file === undefined || purpose === undefined || !isPurpose(purpose)) throw new ValidationError(problems);
  return { bytes: file.bytes, fileName: file.fileName.slice(0, 255), purpose };
}
