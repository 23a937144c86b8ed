import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { FILE_LIMITS } from '../config';
import { exifTimeToEpochMs } from '../domain/exif-time';

export interface Inspected {
  sha256: string;
  size: number;
  mimeType: string;
  width: number | null;
  height: number | null;
  takenAt: number | null;
  gpsLat: number | null;
  gpsLng: number | null;
  /** A small WebP of an image, stored next to the blob. */
  thumbnail: Buffer | null;
  /** Why bytes that sniff as an image are not a usable one (too many pixels, truncated, corrupt), or null. */
  imageProblem: string | null;
}

/** Types whose decoder this build of libvips may lack (HEVC in HEIC): failing to decode them is not a fault of the file. */
const DECODER_MAY_BE_MISSING = new Set(['image/heic', 'image/heif']);

const RASTER_IMAGES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/tiff',
  'image/heic',
  'image/heif',
]);

/** A raster type whose decoder is always here: no pixels recorded for it means the bytes did not decode. */
export function isUndecodedImage(mimeType: string): boolean {
  return RASTER_IMAGES.has(mimeType) && !DECODER_MAY_BE_MISSING.has(mimeType);
}

/** Text has no magic number: UTF-8 without NUL bytes in the first 8 KiB counts as text. */
function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.length === 0 || head.includes(0)) return false;
  try {
    // stream: a character cut at the end of the window is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The type the bytes say they are; the name the client gave is never consulted. */
async function sniffType(bytes: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  return looksLikeText(bytes) ? 'text/plain' : 'application/octet-stream';
}

type ImageFacts = Pick<Inspected, 'width' | 'height' | 'thumbnail' | 'imageProblem'>;

const unusable = (imageProblem: string | null): ImageFacts => ({ width: null, height: null, thumbnail: null, imageProblem });

/** Reads the header, refuses too many pixels before decoding any, then decodes the whole image into a thumbnail. */
async function imageFacts(bytes: Buffer, mimeType: string): Promise<ImageFacts> {
  const limitInputPixels = FILE_LIMITS.maxImagePixels;
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels }).metadata();
  } catch {
    return DECODER_MAY_BE_MISSING.has(mimeType) ? unusable(null) : unusable('cannot be read as an image');
  }
  const { width, height } = meta;
  if (!width || !height) return unusable('has no size in its header');
  if (width * height > limitInputPixels) {
    return unusable(`claims ${width}×${height} pixels; images are at most ${limitInputPixels / 1_000_000} million pixels`);
  }
  // EXIF orientations 5–8 turn the picture a quarter: the displayed width is the stored height.
  const turned = (meta.orientation ?? 1) >= 5;
  const shown = { width: turned ? height : width, height: turned ? width : height };
  try {
    // Decoding every pixel (the default failOn: 'warning') is what finds a truncated or corrupt file.
    const thumbnail = await sharp(bytes, { limitInputPixels })
      .rotate()
      .resize(FILE_LIMITS.thumbnailPixels, FILE_LIMITS.thumbnailPixels, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    return { ...shown, thumbnail, imageProblem: null };
  } catch {
    return unusable(DECODER_MAY_BE_MISSING.has(mimeType) ? null : 'is truncated or corrupt');
  }
}

async function exifFacts(bytes: Buffer): Promise<Pick<Inspected, 'takenAt' | 'gpsLat' | 'gpsLng'>> {
  try {
    const times = await exifr.parse(bytes, { pick: ['DateTimeOriginal', 'OffsetTimeOriginal'], reviveValues: false });
    const gps = await exifr.gps(bytes);
    const valid = (n: unknown, max: number) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= max;
    const hasGps = gps && valid(gps.latitude, 90) && valid(gps.longitude, 180);
    return {
      takenAt: exifTimeToEpochMs(times?.DateTimeOriginal, times?.OffsetTimeOriginal),
      gpsLat: hasGps ? gps.latitude : null,
      gpsLng: hasGps ? gps.longitude : null,
    };
  } catch {
    return { takenAt: null, gpsLat: null, gpsLng: null };
  }
}

/** Everything the service records about some bytes: hash, sniffed type, and for images pixels, EXIF and a thumbnail. */
export async function inspectBytes(bytes: Buffer): Promise<Inspected> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const mimeType = await sniffType(bytes);
  const image = RASTER_IMAGES.has(mimeType);
  const pixels = image ? await imageFacts(bytes, mimeType) : { width: null, height: null, thumbnail: null, imageProblem: null };
  const exif = image ? await exifFacts(bytes) : { takenAt: null, gpsLat: null, gpsLng: null };
  return { sha256, size: bytes.length, mimeType, ...pixels, ...exif };
}
