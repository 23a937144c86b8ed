import type { CustomSeriesRenderItem } from 'echarts';
import { baseOption, ChartFrame, type ChartTheme, escapeHtml, readable, rowLabel } from './chart-frame';

export interface IntervalRow {
  key: string;
  label: string;
  /** Null when there is nothing to estimate (too few data): the row says so in `missing`. */
  interval: { estimate: number; low: number; high: number } | null;
}

const ROW = 34;
const AXIS = 28;
const VALUE_ROOM = 64;

/**
 * Estimates with their intervals on one axis around zero (a forest plot): each row a dot on a whisker with the
 * estimate written beside it, so a difference whose interval crosses the zero line reads as such. Mirrored in
 * right-to-left languages.
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
  const described = rows.map((row) => {
    const iv = row.interval;
    return iv ? `${row.label}: ${format(iv.estimate)} (${format(iv.low)} … ${format(iv.high)})` : `${row.label}: ${missing}`;
  });
  const reach = Math.max(0.05, ...rows.flatMap((r) => (r.interval ? [Math.abs(r.interval.low), Math.abs(r.interval.high)] : [])));
  const height = Math.max(1, rows.length) * ROW + AXIS + 8;

  const build = (theme: ChartTheme) => {
    const whisker: CustomSeriesRenderItem = (params, api) => {
      const row = rows[params.dataIndex];
      const [zero = 0, y = 0] = api.coord([0, params.dataIndex]);
      const [edge = 0] = api.coord([reach, params.dataIndex]);
      const [start = 0] = api.coord([-reach, params.dataIndex]);
      const outward = theme.rtl ? -1 : 1;
      const beside = {
        x: edge + outward * 8,
        y,
        align: theme.rtl ? ('right' as const) : ('left' as const),
        verticalAlign: 'middle' as const,
      };
      const iv = row?.interval;
      if (!iv) {
        return {
          type: 'text',
          // Centred on zero and wrapped within the plot: the reason fits a phone's narrow plot too.
          style: {
            text: readable(theme, missing),
            x: zero,
            y,
            align: 'center',
            verticalAlign: 'middle',
            width: Math.abs(edge - start) - 8,
            overflow: 'break',
            lineHeight: 14,
            fill: theme.muted,
            font: `12px ${theme.font}`,
          },
        };
      }
      const [low = 0] = api.coord([iv.low, params.dataIndex]);
      const [high = 0] = api.coord([iv.high, params.dataIndex]);
      const [dot = 0] = api.coord([iv.estimate, params.dataIndex]);
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: low, y1: y, x2: high, y2: y }, style: { stroke: theme.ink, lineWidth: 3, lineCap: 'round' } },
          { type: 'circle', shape: { cx: dot, cy: y, r: 5 }, style: { fill: theme.ink, stroke: '#fff', lineWidth: 1 } },
          { type: 'text', style: { text: readable(theme, format(iv.estimate)), ...beside, fill: theme.text, font: `12px ${theme.font}` } },
        ],
      };
    };
    return {
      ...baseOption(theme),
      grid: { top: 8, bottom: AXIS, left: theme.rtl ? VALUE_ROOM : 8, right: theme.rtl ? 8 : VALUE_ROOM },
      xAxis: {
        type: 'value' as const,
        min: -reach,
        max: reach,
        interval: reach,
        inverse: theme.rtl,
        splitLine: { show: false },
        axisLine: { show: false },
        axisLabel: { color: theme.muted, formatter: (value: number) => format(value) },
      },
      yAxis: {
        type: 'category' as const,
        data: rows.map((_, i) => String(i)),
        inverse: true,
        position: theme.rtl ? ('right' as const) : ('left' as const),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: rowLabel(
          theme,
          ROW,
          rows.map((row) => row.label),
        ),
      },
      tooltip: {
        ...baseOption(theme).tooltip,
        trigger: 'item' as const,
        formatter: (params: unknown) => escapeHtml(described[(params as { dataIndex: number }).dataIndex] ?? ''),
      },
      series: [
        {
          type: 'custom' as const,
          renderItem: whisker,
          data: rows.map((_, i) => [0, i]),
          encode: { x: 0, y: 1 },
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ xAxis: 0 }],
            lineStyle: { color: theme.muted, type: 'solid' as const, width: 1 },
            label: { show: false },
          },
        },
      ],
    };
  };

  return <ChartFrame title={title} description={described.join('; ')} height={height} build={build} />;
}
