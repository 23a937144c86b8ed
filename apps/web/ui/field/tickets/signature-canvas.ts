import { inkBox, type Point, type Stroke } from './signature';

/** Draws the strokes as round dark lines, shifted by `origin` (the corner of what is drawn). */
export function drawStrokes(context: CanvasRenderingContext2D, strokes: readonly Stroke[], origin: Point = { x: 0, y: 0 }): void {
  context.lineWidth = 2.5;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.strokeStyle = '#111827';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    context.beginPath();
    context.moveTo(first.x - origin.x, first.y - origin.y);
    // A single point is a dot: a line to itself a hair away.
    if (rest.length === 0) context.lineTo(first.x - origin.x + 0.1, first.y - origin.y);
    for (const p of rest) context.lineTo(p.x - origin.x, p.y - origin.y);
    context.stroke();
  }
}

/** The signature as a PNG on white, cropped to its ink, at `scale` pixels per CSS pixel so it stays sharp. */
export function exportSignature(strokes: readonly Stroke[], pad: { width: number; height: number }, scale = 2): Promise<Blob> {
  const box = inkBox(strokes, pad);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round(box.height * scale);
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('This browser cannot draw the signature.'));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  drawStrokes(context, strokes, box);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The signature could not be saved.'))), 'image/png'),
  );
}
