import { Stream } from 'node:stream';
import type { FieldProblem } from '../errors';

// NUL ends strings in C libraries, logs and some databases; an unpaired UTF-16 surrogate cannot be stored as
// UTF-8 (MySQL refuses it, SQLite keeps mojibake). Neither is text anyone means to send.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

export function isSafeText(text: string): boolean {
  return !text.includes('\0') && !LONE_SURROGATE.test(text);
}

const pointerPart = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Every string (and object key) in `value` that is not safe text, named as a field under `field`. */
export function unsafeTextProblems(value: unknown, field: string): FieldProblem[] {
  if (typeof value === 'string') return isSafeText(value) ? [] : [{ field, message: UNSAFE_TEXT_MESSAGE }];
  if (Array.isArray(value)) return value.flatMap((item, index) => unsafeTextProblems(item, `${field}/${index}`));
  // Parsed JSON, query strings and params only: a body left as a stream or a buffer is not text to walk.
  if (value === null || typeof value !== 'object' || value instanceof Stream || ArrayBuffer.isView(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    isSafeText(key)
      ? unsafeTextProblems(item, `${field}/${pointerPart(key)}`)
      : [{ field: `${field}/${pointerPart(key)}`, message: UNSAFE_TEXT_MESSAGE }],
  );
}
