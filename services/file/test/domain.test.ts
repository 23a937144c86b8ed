import { describe, expect, it } from 'vitest';
import { exifTimeToEpochMs } from '../src/domain/exif-time';
import { isAllowedType } from '../src/domain/purpose-rules';
import { blobKey, sha256OfBlobKey } from '../src/domain/storage-keys';

describe('EXIF capture time', () => {
  it('applies OffsetTimeOriginal when the camera wrote one, and reads the time as UTC otherwise', () => {
    expect(exifTimeToEpochMs('2026:11:20 09:15:30', '+08:00')).toBe(Date.parse('2026-11-20T01:15:30Z'));
    expect(exifTimeToEpochMs('2026:11:20 09:15:30', '-03:00')).toBe(Date.parse('2026-11-20T12:15:30Z'));
    expect(exifTimeToEpochMs('2026:11:20 09:15:30', undefined)).toBe(Date.parse('2026-11-20T09:15:30Z'));
  });

  it('ignores what is not an EXIF time', () => {
    for (const value of [undefined, 42, '', '2026-11-20 09:15:30', '0000:00:00 00:00:00', '    :  :     :  :  ']) {
      expect(exifTimeToEpochMs(value, undefined)).toBeNull();
    }
  });
});

describe('what each purpose takes', () => {
  it.each([
    ['visit-photo', 'image/jpeg', true],
    ['visit-photo', 'application/pdf', false],
    ['avatar', 'image/heic', false],
    ['merchant-document', 'application/pdf', true],
    ['lead-import', 'text/plain', true],
    ['lead-import', 'image/png', false],
    ['other', 'application/x-msdownload', true],
  ] as const)('%s + %s → %s', (purpose, type, allowed) => {
    expect(isAllowedType(purpose, type)).toBe(allowed);
  });
});

describe('content addressing', () => {
  it('keys a blob by its hash and reads the hash back', () => {
    const hash = 'ab'.padEnd(64, '0');
    expect(blobKey(hash)).toBe(`blobs/ab/${hash}`);
    expect(sha256OfBlobKey(blobKey(hash))).toBe(hash);
    expect(sha256OfBlobKey('uploads/x')).toBeUndefined();
  });
});
