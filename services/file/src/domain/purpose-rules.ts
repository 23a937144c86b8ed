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
