import multipart from '@fastify/multipart';
import type { ServiceApp } from '@fieldops/platform';
import { accessFor } from '@fieldops/platform';
import { completeUpload } from '../app/complete-upload';
import { fileThumbnail } from '../app/file-thumbnail';
import { getFile } from '../app/get-file';
import { listFiles } from '../app/list-files';
import { startUpload } from '../app/start-upload';
import { uploadFile } from '../app/upload-file';
import { FILE_LIMITS, type FileContext } from '../config';
import { FilePermission } from '../domain/permissions';
import { File, FilePage, FileWithDownload, IdParams, ListQuery, StartedUpload, StartUploadBody } from './schemas';
import { readUploadForm } from './upload-form';

export async function fileRoutes(app: ServiceApp, ctx: FileContext): Promise<void> {
  // Only this service takes multipart bodies: registered in its own plugin scope, not on the root.
  await app.register(multipart, { limits: { fileSize: FILE_LIMITS.directUploadBytes } });

  app.post(
    '/api/v1/files',
    {
      schema: {
        operationId: 'uploadFile',
        summary: `Upload a small file (multipart/form-data: "purpose" and "file", at most ${FILE_LIMITS.directUploadBytes} bytes)`,
        consumes: ['multipart/form-data'],
        response: { 201: File },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, FilePermission.write, ctx.scopes);
      const file = await uploadFile(ctx, access, await readUploadForm(request));
      return reply.code(201).header('location', `/api/v1/files/${file.id}`).send(file);
    },
  );

  app.post(
    '/api/v1/files/uploads',
    {
      schema: {
        operationId: 'createUpload',
        summary: 'Start a presigned upload: PUT the bytes to uploadUrl, then POST …/uploads/{id}/complete',
        body: StartUploadBody,
        response: { 201: StartedUpload },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, FilePermission.write, ctx.scopes);
      return reply.code(201).send(await startUpload(ctx, access, request.body));
    },
  );

  app.post(
    '/api/v1/files/uploads/:id/complete',
    {
      schema: {
        operationId: 'completeUpload',
        summary: 'Complete a presigned upload into a file (the same id)',
        params: IdParams,
        response: { 201: File },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, FilePermission.write, ctx.scopes);
      const file = await completeUpload(ctx, access, request.params.id);
      return reply.code(201).header('location', `/api/v1/files/${file.id}`).send(file);
    },
  );

  app.get(
    '/api/v1/files',
    { schema: { operationId: 'listFiles', summary: 'Files I may read, by id', querystring: ListQuery, response: { 200: FilePage } } },
    async (request) => listFiles(ctx, await accessFor(request, FilePermission.read, ctx.scopes), request.query),
  );

  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        operationId: 'getFile',
        summary: `A file's metadata and a download URL valid for ${FILE_LIMITS.downloadUrlSeconds / 60} minutes`,
        params: IdParams,
        response: { 200: FileWithDownload },
      },
    },
    async (request) => getFile(ctx, await accessFor(request, FilePermission.read, ctx.scopes), request.params.id),
  );

  app.get(
    '/api/v1/files/:id/thumbnail',
    { schema: { operationId: 'getFileThumbnail', summary: "An image file's thumbnail (WebP)", params: IdParams } },
    async (request, reply) => {
      const stream = await fileThumbnail(ctx, await accessFor(request, FilePermission.read, ctx.scopes), request.params.id);
      return reply.type('image/webp').header('cache-control', 'private, max-age=3600').send(stream);
    },
  );
}
