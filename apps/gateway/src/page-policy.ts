/**
 * The Content-Security-Policy of the pages the gateway serves (the web app, the API docs) and of their files.
 * Scripts only from this origin and never inline: a file or a field that slips HTML into a page still runs
 * nothing. Styles may be inline (React and Swagger UI set style attributes). MapLibre runs its workers from
 * blob: URLs and fetches a base map from wherever MAP_STYLE_URL points (the self-hosted tiles, glyphs and Natural
 * Earth land come from this origin); photos come from the file store's
 * own origin (S3, FILES_DOWNLOAD_ORIGIN), hence images and fetches from anywhere.
 */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self' https: http: wss: ws: data: blob:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
