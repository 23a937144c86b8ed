import { useId } from 'react';

export interface Point {
  label: string;
  value: number;
}

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

/** A line over time in plain SVG, with its points titled for screen readers and the first and last dates labelled. */
export function LineChart({ title, points, format }: { title: string; points: Point[]; format: (value: number) => string }) {
  const id = useId();
  const max = Math.max(1, ...points.map((p) => p.value));
  const min = Math.min(0, ...points.map((p) => p.value));
  const x = (i: number) => PAD.left + (points.length <= 1 ? 0 : (i / (points.length - 1)) * (WIDTH - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + ((max - v) / (max - min || 1)) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const first = points[0];
  const last = points.at(-1);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{title}</title>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="chart-axis" />
        <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" className="chart-label">
          {format(max)}
        </text>
        <path d={path} className="chart-line" fill="none" />
        {points.map((p, i) => (
          <circle key={p.label} cx={x(i)} cy={y(p.value)} r={3} className="chart-point">
            <title>{`${p.label}: ${format(p.value)}`}</title>
          </circle>
        ))}
        {first && (
          <text x={x(0)} y={HEIGHT - 8} className="chart-label">
            {first.label}
          </text>
        )}
        {last && points.length > 1 && (
          <text x={x(points.length - 1)} y={HEIGHT - 8} textAnchor="end" className="chart-label">
            {last.label}
          </text>
        )}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
