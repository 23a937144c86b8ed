import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSigned, type Stroke } from './signature';
import { drawStrokes, exportSignature } from './signature-canvas';

const HEIGHT_PX = 180;

/**
 * The merchant contact signs with a finger or a pen: pointer events on a canvas (one pointer at a time), a clear
 * button, and the signature handed on as a PNG cropped to its ink once it is long enough to be one.
 */
export function SignaturePad({ signer, onChange }: { signer?: string; onChange(signature: Blob | null): void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Stroke[]>([]);
  const drawing = useRef<number | undefined>(undefined);
  const [signed, setSigned] = useState(false);

  // The canvas holds device pixels; the strokes are kept in CSS pixels and drawn scaled.
  const redraw = () => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const scale = window.devicePixelRatio || 1;
    const width = element.clientWidth;
    if (element.width !== Math.round(width * scale)) {
      element.width = Math.round(width * scale);
      element.height = Math.round(HEIGHT_PX * scale);
    }
    context.setTransform(scale, 0, 0, scale, 0, 0);
    context.clearRect(0, 0, width, HEIGHT_PX);
    drawStrokes(context, strokes.current);
  };
  useEffect(() => {
    redraw();
    window.addEventListener('resize', redraw);
    return () => window.removeEventListener('resize', redraw);
  });

  const pointOf = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== undefined) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = event.pointerId;
    strokes.current.push([pointOf(event)]);
    redraw();
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== event.pointerId) return;
    strokes.current.at(-1)?.push(pointOf(event));
    redraw();
  };
  const end = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== event.pointerId) return;
    drawing.current = undefined;
    const done = isSigned(strokes.current);
    setSigned(done);
    const element = canvas.current;
    if (!done || !element) {
      onChange(null);
      return;
    }
    void exportSignature(strokes.current, { width: element.clientWidth, height: HEIGHT_PX }).then(onChange, () => onChange(null));
  };
  const clear = () => {
    strokes.current = [];
    setSigned(false);
    redraw();
    onChange(null);
  };

  return (
    <fieldset className="signature-pad">
      <legend>{t('fieldTickets.complete.signature')}</legend>
      <p className="muted">{signer ? t('fieldTickets.complete.signAs', { name: signer }) : t('fieldTickets.complete.signHint')}</p>
      <canvas
        ref={canvas}
        height={HEIGHT_PX}
        role="img"
        aria-label={t('fieldTickets.complete.signaturePad')}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
      />
      <div className="actions">
        <span role="status">{signed ? t('fieldTickets.complete.signed') : t('fieldTickets.complete.notSigned')}</span>
        <button type="button" className="secondary" onClick={clear}>
          {t('fieldTickets.complete.clear')}
        </button>
      </div>
    </fieldset>
  );
}
