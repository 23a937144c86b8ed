/** Trimmed, non-empty address components in the given order. */
export function presentParts(...parts: Array<string | undefined>): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const trimmed = part?.trim();
    if (trimmed) out.push(trimmed);
  }
  return out;
}
