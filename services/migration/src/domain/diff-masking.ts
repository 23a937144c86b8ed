/**
 * Diff samples keep both answers so a person can see the difference, but never a secret or a whole phone number:
 * they are read by operators who need neither, and they outlive the request.
 */
const SECRET_FIELD = /pass(word)?|secret|token|authori[sz]ation|api[-_]?key|cookie|credential/i;
const PHONE_FIELD = /phone|mobile|tel(ephone)?$|whatsapp|msisdn/i;
const PHONE_TEXT = /\+\d[\d\s().-]{6,}\d|\b\d{9,}\b/g;

export function maskPhone(text: string): string {
  const digits = text.replace(/\D/g, '');
  return `${'•'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

export function maskSensitive(value: unknown, field = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSensitive(item, field));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskSensitive(inner, key)]));
  }
  if (value === null || value === undefined) return value;
  if (SECRET_FIELD.test(field)) return '***';
  if (PHONE_FIELD.test(field)) return maskPhone(String(value));
  // Phone numbers also hide in free text (notes, addresses); long digit runs are masked wherever they are.
  return typeof value === 'string' ? value.replace(PHONE_TEXT, (match) => maskPhone(match)) : value;
}
