import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type ServiceApp, SIGNED_BLOB_PATH, ValidationError } from '@fieldops/platform';
import { Type } from 'typebox';
import { readSignedBlob, writeSignedBlob } from '../app/signed-blob';
import type { FileContext } from '../config';
import { SignedQuery } from './schemas';

/** Even a file opened as a page runs nothing, loads nothing and gets an opaque origin of its own. */
const DOWNLOAD_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

const BlobParams = Type.Object({ '*': Type.String({ minLength: 1, maxLength: 512 }) });

/**
 * The presigned URLs of stores that cannot answer their own (local disk). The signature is the credential: no
 * token, public routes. Stores such as S3 hand out their own URLs and never send clients here.
 */
export async function blobRoutes(app: ServiceApp, ctx: FileContext): Promise<void> {
  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<TypeBoxTypeProvider>();
    // The bytes of any type, streamed to the store as they arrive.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    scope.get(
      `${SIGNED_BLOB_PATH}/*`,
      {
        config: { public: true },
        schema: {
          operationId: 'downloadSignedBlob',
          summary: 'Download through a presigned URL',
          params: BlobParams,
          querystring: SignedQuery,
        },
      },
      async (request, reply) => {
        const { expires, signature, type, disposition } = request.query;
        const headers =
          type !== undefined && disposition !== undefined ? { contentType: type, contentDisposition: disposition } : undefined;
        const blob = await readSignedBlob(ctx, { key: request.params['*'], expires, signature, ...(headers ? { headers } : {}) });
        return reply
          .type(blob.headers.contentType)
          .header('content-disposition', blob.headers.contentDisposition)
          .header('content-security-policy', DOWNLOAD_POLICY)
          .header('cache-control', 'private, max-age=300')
          .send(blob.stream);
      },
    );

    scope.put(
      `${SIGNED_BLOB_PATH}/*`,
      {
        config: { public: true },
        schema: {
          operationId: 'uploadSignedBlob',
          summary: 'Upload through a presigned URL',
          params: BlobParams,
          querystring: SignedQuery,
        },
      },
      async (request, reply) => {
        const { expires, signature } = request.query;
        const body = request.body;
        if (!(body instanceof Readable)) throw new ValidationError([{ field: '/body', message: 'must hold the bytes' }]);
        await writeSignedBlob(ctx, { key: request.params['*'], expires, signature }, body);
        return reply.code(200).send();
      },
    );
  });
}
