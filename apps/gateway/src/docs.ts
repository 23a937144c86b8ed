import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PAGE_POLICY } from './page-policy';

const DOCS = '/api/docs';

/** The Swagger UI files the page loads; nothing else from the package is served (its sample page loads a remote URL). */
const ASSETS = new Set([
  '/swagger-ui.css',
  '/index.css',
  '/swagger-ui-bundle.js',
  '/swagger-ui-standalone-preset.js',
  '/favicon-32x32.png',
  '/favicon-16x16.png',
]);

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>FieldOps API</title>
    <link rel="stylesheet" type="text/css" href="${DOCS}/swagger-ui.css">
    <link rel="stylesheet" type="text/css" href="${DOCS}/index.css">
    <link rel="icon" type="image/png" href="${DOCS}/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="${DOCS}/favicon-16x16.png" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS}/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${DOCS}/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="${DOCS}/fieldops-docs.js" charset="UTF-8"></script>
  </body>
</html>
`;

// validatorUrl: null, or Swagger UI shows a badge loaded from validator.swagger.io.
const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
});
`;

/** Where npm put swagger-ui-dist: the UI is served from there, never from a CDN. */
function swaggerUiDirectory(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** `GET /api/docs`: a reference UI for `/api/openapi.json` that loads every file from this server. */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: swaggerUiDirectory(),
    prefix: `${DOCS}/`,
    index: false,
    decorateReply: false,
    allowedPath: (pathName) => ASSETS.has(pathName),
  });
  for (const url of [DOCS, `${DOCS}/`]) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_POLICY).send(PAGE),
    );
  }
  app.get(`${DOCS}/fieldops-docs.js`, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(INITIALIZER),
  );
}
