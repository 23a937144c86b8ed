/** A point of a signature, in CSS pixels of the pad. */
export interface Point {
  x: number;
  y: number;
}

/** One pen-down-to-pen-up line. */
export type Stroke = Point[];

/** The least ink that counts as a signature: a tap or a slip of the finger is not one. */
export const MIN_INK_PX = 60;
/** White kept around the ink in the exported image. */
export const MARGIN_PX = 8;

/** The length of all the lines drawn. */
export function inkLength(strokes: readonly Stroke[]): number {
  let length = 0;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i += 1) {
      const a = stroke[i - 1] as Point;
      const b = stroke[i] as Point;
      length += Math.hypot(b.x - a.x, b.y - a.y);
    }
  }
  return length;
}

export const isSigned = (strokes: readonly Stroke[]): boolean => inkLength(strokes) >= MIN_INK_PX;

/**
 * The part of the pad the signature covers, with a margin, kept inside the pad: what is exported, so the image is
 * the signature and not a mostly empty pad.
 */
export function inkBox(
  strokes: readonly Stroke[],
  pad: { width: number; height: number },
): { x: number; y: number; width: number; height: number } {
  const points = strokes.flat();
  if (points.length === 0) return { x: 0, y: 0, width: pad.width, height: pad.height };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.max(0, Math.floor(Math.min(...xs) - MARGIN_PX));
  const y = Math.max(0, Math.floor(Math.min(...ys) - MARGIN_PX));
  const right = Math.min(pad.width, Math.ceil(Math.max(...xs) + MARGIN_PX));
  const bottom = Math.min(pad.height, Math.ceil(Math.max(...ys) + MARGIN_PX));
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}
