import type { DownloadHeaders } from '@fieldops/platform';

/** Raster images every browser shows and none runs script from. SVG, HTML and XML are never among them. */
const SHOWN_INLINE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/** An ASCII stand-in for clients that ignore `filename*`: no quotes, backslashes or control characters. */
function asciiName(fileName: string): string {
  const plain = fileName.replace(/[^A-Za-z0-9._ -]/g, '_').trim();
  return plain === '' || /^\.+$/.test(plain) ? 'file' : plain;
}

/** RFC 5987 encoding for `filename*`: percent-encodes everything but attr-chars. */
function encodedName(fileName: string): string {
  return encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * How a download answers: a raster image that decoded when it was uploaded is shown (photos in the console);
 * everything else — whatever it sniffed as — is a download of opaque bytes under its file name, so an uploaded
 * SVG or HTML page never runs as a page.
 */
export function downloadHeadersOf(file: { mimeType: string; width: number | null; fileName: string }): DownloadHeaders {
  const disposition = SHOWN_INLINE.has(file.mimeType) && file.width !== null ? 'inline' : 'attachment';
  return {
    contentType: disposition === 'inline' ? file.mimeType : 'application/octet-stream',
    contentDisposition: `${disposition}; filename="${asciiName(file.fileName)}"; filename*=UTF-8''${encodedName(file.fileName)}`,
  };
}
