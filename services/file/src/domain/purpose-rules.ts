import type { FilePurpose } from '@fieldops/contracts';

const PHOTOS = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/avif'];
const SPREADSHEETS = ['text/plain', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** The sniffed types each purpose takes; `other` takes anything. */
const ALLOWED: Record<FilePurpose, readonly string[] | 'any'> = {
  'visit-photo': PHOTOS,
  avatar: ['image/jpeg', 'image/png', 'image/webp'],
  'merchant-document': ['application/pdf', ...PHOTOS],
  'lead-import': SPREADSHEETS,
  other: 'any',
};

export function allowedTypes(purpose: FilePurpose): readonly string[] | 'any' {
  return ALLOWED[purpose];
}

export function isAllowedType(purpose: FilePurpose, mimeType: string): boolean {
  const allowed = ALLOWED[purpose];
  return allowed === 'any' || allowed.includes(mimeType);
}

const MB = 1024 * 1024;

/** The largest file each purpose takes: a phone photo is a few MB, a lead import a big spreadsheet. */
const MAX_BYTES: Record<FilePurpose, number> = {
  'visit-photo': 25 * MB,
  avatar: 5 * MB,
  'merchant-document': 25 * MB,
  'lead-import': 50 * MB,
  other: 100 * MB,
};

export function maxBytes(purpose: FilePurpose): number {
  return MAX_BYTES[purpose];
}
