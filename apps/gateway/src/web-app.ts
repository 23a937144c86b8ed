import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PAGE_POLICY } from './page-policy';

/** Paths the web app never answers: the API, GraphQL and the operational endpoints keep their own 404s. */
const NOT_THE_APP = /^\/(api|graphql|metrics|healthz|readyz|\.well-known)(\/|$)/;

/** The page of the tree a deep link belongs to: the field app under `/field`, the console everywhere else. */
export function pageFor(urlPath: string): 'field/index.html' | 'index.html' {
  return urlPath === '/field' || urlPath.startsWith('/field/') ? 'field/index.html' : 'index.html';
}

/** Where the built web app is: `WEB_DIST_DIR`, or the web workspace's `dist/` next to this one. */
export function webDistDirectory(env: Record<string, string | undefined>): string {
  return path.resolve(env.WEB_DIST_DIR || path.join(import.meta.dirname, '../../web/dist'));
}

/**
 * Serves the built web app: its files as they are (hashed assets cached for a year), and `index.html` of the
 * console or the field app for any other GET, so client-side routes survive a reload.
 */
export async function webAppRoutes(app: FastifyInstance, options: { root: string }): Promise<void> {
  await app.register(fastifyStatic, {
    root: options.root,
    serve: false,
    setHeaders(reply, filePath) {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (filePath.endsWith('sw.js')) reply.header('service-worker-allowed', '/field/');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const urlPath = decodedPath(request.url);
    if (urlPath === undefined || NOT_THE_APP.test(urlPath)) return reply.callNotFound();
    reply.header('content-security-policy', PAGE_POLICY);
    const file = path.join(options.root, path.normalize(urlPath));
    if (file.startsWith(options.root + path.sep) && isFile(file)) return reply.sendFile(path.relative(options.root, file));
    // A missing asset is a 404, not a page: a stale tab asking for an old hashed file must not get HTML back.
    if (path.extname(urlPath) && !urlPath.endsWith('.html')) return reply.callNotFound();
    return reply.sendFile(pageFor(urlPath));
  });
}

function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
