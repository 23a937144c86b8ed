/** The EXIF segment (APP1) of a JPEG, or undefined: it carries the time the photo was taken, evidence for the review. */
export function exifSegmentOf(jpeg: Uint8Array): Uint8Array | undefined {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] ?? 0;
    const length = ((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0);
    // Start of scan: the headers are over.
    if (marker === 0xda) return undefined;
    const isExif = marker === 0xe1 && String.fromCharCode(...jpeg.subarray(at + 4, at + 8)) === 'Exif';
    if (isExif) return jpeg.subarray(at, at + 2 + length);
    at += 2 + length;
  }
  return undefined;
}
