import type { CustomSeriesRenderItem } from 'echarts';
import { baseOption, ChartFrame, type ChartTheme, escapeHtml, readable, rowLabel } from './chart-frame';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Drawn as a tick across the bar. */
  target?: number;
}

const ROW = 34;
const PAD = 12;
const REFERENCE_ROOM = 22;

/**
 * Horizontal bars, one row per bar, the first on top: each row a light track to the scale's end with the bar and
 * its value on it, a bar's target as a tick across it, and `reference` (a target every bar shares) as a dashed
 * line. A click anywhere on a row or its label picks it (`onSelect`); the page beside keeps a list or table for
 * the keyboard. Mirrored in right-to-left languages.
 */
export function BarChart({
  title,
  bars,
  format,
  onSelect,
  reference,
}: {
  title: string;
  bars: Bar[];
  format: (value: number) => string;
  onSelect?: (key: string) => void;
  reference?: { value: number; label: string };
}) {
  const values = bars.map((bar) => format(bar.value));
  const described = bars.map((bar, i) => `${bar.label}: ${values[i]}${bar.target !== undefined ? ` / ${format(bar.target)}` : ''}`);
  const description = [...described, ...(reference ? [reference.label] : [])].join('; ');
  const height = Math.max(1, bars.length) * ROW + 2 * PAD + (reference ? REFERENCE_ROOM : 0);

  const build = (theme: ChartTheme) => {
    const top = Math.max(1, reference?.value ?? 0, ...bars.map((bar) => Math.max(bar.value, bar.target ?? 0))) * 1.05;
    const valueRoom = 12 + 7 * Math.max(0, ...values.map((text) => text.length));
    const targetTick: CustomSeriesRenderItem = (_params, api) => {
      const [x = 0, y = 0] = api.coord([api.value(0), api.value(1)]);
      const band = (api.size?.([0, 1]) as number[] | undefined)?.[1] ?? ROW;
      return { type: 'rect', shape: { x: x - 1.5, y: y - band / 2 + 3, width: 3, height: band - 6 }, style: { fill: theme.target } };
    };
    return {
      ...baseOption(theme),
      grid: {
        top: PAD + (reference ? REFERENCE_ROOM : 0),
        bottom: PAD,
        left: theme.rtl ? valueRoom : 8,
        right: theme.rtl ? 8 : valueRoom,
      },
      xAxis: { type: 'value' as const, show: false, min: 0, max: top, inverse: theme.rtl },
      yAxis: {
        type: 'category' as const,
        data: bars.map((_, i) => String(i)),
        inverse: true,
        position: theme.rtl ? ('right' as const) : ('left' as const),
        triggerEvent: onSelect !== undefined,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: theme.rule } },
        axisLabel: rowLabel(
          theme,
          ROW,
          bars.map((bar) => bar.label),
        ),
      },
      tooltip: {
        ...baseOption(theme).tooltip,
        trigger: 'axis' as const,
        axisPointer: { type: 'none' as const },
        formatter: (params: unknown) => {
          const index = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          return escapeHtml(described[index] ?? '');
        },
      },
      series: [
        {
          // The row's track: the whole row is the target of a click, and the bar reads against the scale's end.
          type: 'bar' as const,
          data: bars.map(() => top),
          barWidth: ROW - 12,
          itemStyle: { color: theme.inkLight, borderRadius: 3 },
          silent: true,
          tooltip: { show: false },
        },
        {
          type: 'bar' as const,
          data: bars.map((bar) => Math.max(0, bar.value)),
          barWidth: ROW - 12,
          barGap: '-100%',
          itemStyle: { color: theme.ink, borderRadius: 3 },
          label: {
            show: true,
            position: theme.rtl ? ('left' as const) : ('right' as const),
            color: theme.text,
            formatter: (params: { dataIndex: number }) => readable(theme, values[params.dataIndex] ?? ''),
          },
          ...(reference
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  data: [{ xAxis: reference.value }],
                  lineStyle: { color: theme.target, type: 'dashed' as const, width: 2 },
                  label: { formatter: readable(theme, reference.label), position: 'start' as const, color: theme.target },
                },
              }
            : {}),
        },
        {
          type: 'custom' as const,
          renderItem: targetTick,
          silent: true,
          data: bars.flatMap((bar, i) => (bar.target !== undefined ? [[bar.target, i]] : [])),
          encode: { x: 0, y: 1 },
          z: 3,
        },
      ],
    };
  };

  return (
    <ChartFrame
      title={title}
      description={description}
      height={height}
      build={build}
      onPick={onSelect ? (index) => bars[index] && onSelect(bars[index].key) : undefined}
    />
  );
}
