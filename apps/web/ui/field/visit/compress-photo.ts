import { exifSegmentOf } from './exif-segment';

/** The longest side a photo is sent at: enough to read a shop sign, a tenth of a phone camera's bytes. */
export const MAX_SIDE = 1600;
const QUALITY = 0.8;

/** A JPEG with `segment` put right after its start marker. */
function withSegment(jpeg: Uint8Array, segment: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}

/**
 * A camera photo made fit to queue and send from a phone: at most MAX_SIDE px on its longest side, as JPEG. A photo
 * already that small is kept as it is. The original's EXIF goes along, so the time it was taken still counts.
 */
export async function compressPhoto(file: Blob): Promise<{ photo: Blob; from: number; to: number }> {
  const bitmap = await createImageBitmap(file);
  const longest = Math.max(bitmap.width, bitmap.height);
  if (longest <= MAX_SIDE) {
    bitmap.close();
    return { photo: file, from: longest, to: longest };
  }
  const scale = MAX_SIDE / longest;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const resized = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be resized.'))), 'image/jpeg', QUALITY),
  );
  const exif = file.type === 'image/jpeg' ? exifSegmentOf(new Uint8Array(await file.arrayBuffer())) : undefined;
  const photo = exif ? new Blob([withSegment(new Uint8Array(await resized.arrayBuffer()), exif)], { type: 'image/jpeg' }) : resized;
  return { photo, from: longest, to: MAX_SIDE };
}
