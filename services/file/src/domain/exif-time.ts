const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * EXIF `DateTimeOriginal` ("2026:11:20 09:15:30") is the camera's local time; `OffsetTimeOriginal` ("+08:00"), when
 * present, makes it exact. Without it the time is read as UTC: the best known, and stable across servers.
 */
export function exifTimeToEpochMs(dateTime: unknown, offset: unknown): number | null {
  if (typeof dateTime !== 'string') return null;
  const parts = EXIF_TIME.exec(dateTime.trim());
  if (!parts) return null;
  const [, y, mo, d, h, mi, s] = parts.map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined || s === undefined) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(local) || y < 1900) return null;
  const zone = typeof offset === 'string' ? OFFSET.exec(offset.trim()) : null;
  if (!zone) return local;
  const minutes = Number(zone[2]) * 60 + Number(zone[3]);
  return local - (zone[1] === '-' ? -minutes : minutes) * 60_000;
}
