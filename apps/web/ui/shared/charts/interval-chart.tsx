import { useId } from 'react';

export interface IntervalRow {
  key: string;
  label: string;
  /** Null when there is nothing to estimate (too few data): the row says so in `missing`. */
  interval: { estimate: number; low: number; high: number } | null;
}

const ROW = 30;
const LABEL = 150;
const WIDTH = 560;
const RIGHT = 90;

/**
 * Estimates with their intervals on one axis around zero (a forest plot) in plain SVG: each row a dot on a bar,
 * described for screen readers by a title per row, so a difference whose interval crosses zero reads as such.
 */
export function IntervalChart({
  title,
  rows,
  format,
  missing,
}: {
  title: string;
  rows: IntervalRow[];
  format: (value: number) => string;
  missing: string;
}) {
  const id = useId();
  const values = rows.flatMap((r) => (r.interval ? [r.interval.low, r.interval.high] : []));
  const reach = Math.max(0.05, ...values.map(Math.abs));
  const plot = WIDTH - LABEL - RIGHT;
  const x = (v: number) => LABEL + ((v + reach) / (2 * reach)) * plot;
  const height = Math.max(ROW, rows.length * ROW) + 20;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <line x1={x(0)} x2={x(0)} y1={0} y2={height - 20} className="chart-axis" />
        <text x={x(0)} y={height - 6} textAnchor="middle" className="chart-label">
          {format(0)}
        </text>
        <text x={x(-reach)} y={height - 6} className="chart-label">
          {format(-reach)}
        </text>
        <text x={x(reach)} y={height - 6} textAnchor="end" className="chart-label">
          {format(reach)}
        </text>
        {rows.map((row, i) => {
          const y = i * ROW + ROW / 2;
          const iv = row.interval;
          const described = iv
            ? `${row.label}: ${format(iv.estimate)} (${format(iv.low)} … ${format(iv.high)})`
            : `${row.label}: ${missing}`;
          return (
            <g key={row.key}>
              <title>{described}</title>
              <text x={LABEL - 8} y={y + 4} textAnchor="end" className="chart-label">
                {row.label.length > 20 ? `${row.label.slice(0, 19)}…` : row.label}
              </text>
              {iv ? (
                <>
                  <line x1={x(iv.low)} x2={x(iv.high)} y1={y} y2={y} className="chart-interval" />
                  <circle cx={x(iv.estimate)} cy={y} r={5} className="chart-point" />
                  <text x={WIDTH - RIGHT + 8} y={y + 4} className="chart-value">
                    {format(iv.estimate)}
                  </text>
                </>
              ) : (
                <text x={x(0) + 8} y={y + 4} className="chart-label">
                  {missing}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
