import { useId } from 'react';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Drawn as a tick across the bar. */
  target?: number;
}

const ROW = 28;
const LABEL = 140;
const WIDTH = 560;

/**
 * Horizontal bars in plain SVG: readable on a phone (it scales to its box), and described for screen readers by a
 * title and one text per bar, so the chart says what it shows without sight.
 */
export function BarChart({
  title,
  bars,
  format,
  onSelect,
}: {
  title: string;
  bars: Bar[];
  format: (value: number) => string;
  onSelect?: (key: string) => void;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.target ?? 0)));
  const scale = (value: number) => (Math.max(0, value) / max) * (WIDTH - LABEL - 60);
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        {bars.map((bar, i) => {
          const y = i * ROW;
          const described = `${bar.label}: ${format(bar.value)}${bar.target !== undefined ? ` / ${format(bar.target)}` : ''}`;
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: the table beside the chart is the keyboard path; the bar is a shortcut for the pointer.
            <g key={bar.key} onClick={onSelect ? () => onSelect(bar.key) : undefined} className={onSelect ? 'chart-pickable' : undefined}>
              <title>{described}</title>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">
                {bar.label.length > 18 ? `${bar.label.slice(0, 17)}…` : bar.label}
              </text>
              <rect x={LABEL} y={y + 5} width={scale(bar.value)} height={ROW - 10} className="chart-bar" rx={3} />
              {bar.target !== undefined && (
                <line x1={LABEL + scale(bar.target)} x2={LABEL + scale(bar.target)} y1={y + 2} y2={y + ROW - 2} className="chart-target" />
              )}
              <text x={LABEL + scale(bar.value) + 6} y={y + ROW / 2 + 4} className="chart-value">
                {format(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
