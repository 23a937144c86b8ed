import { baseOption, ChartFrame, type ChartTheme, escapeHtml } from './chart-frame';

export interface Point {
  /** What `onSelect` names the point by; its label when left out. */
  key?: string;
  label: string;
  value: number;
}

const HEIGHT = 200;

/**
 * A line over time with a dot per point, its value on hover or touch; labels along the bottom thin out to fit
 * the width. With `onSelect`, a click anywhere above a point picks it. Mirrored in right-to-left languages: time
 * runs the way the page reads.
 */
export function LineChart({
  title,
  points,
  format,
  onSelect,
}: {
  title: string;
  points: Point[];
  format: (value: number) => string;
  onSelect?: (key: string) => void;
}) {
  const described = points.map((p) => `${p.label}: ${format(p.value)}`);

  const build = (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { top: 16, bottom: 8, left: 8, right: 8 },
    xAxis: {
      type: 'category' as const,
      data: points.map((_, i) => String(i)),
      inverse: theme.rtl,
      boundaryGap: false,
      triggerEvent: onSelect !== undefined,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.rule } },
      axisLabel: { color: theme.muted, hideOverlap: true, formatter: (index: string) => points[Number(index)]?.label ?? '' },
    },
    yAxis: {
      type: 'value' as const,
      position: theme.rtl ? ('right' as const) : ('left' as const),
      minInterval: 1,
      splitNumber: 3,
      splitLine: { lineStyle: { color: theme.rule, type: 'dashed' as const } },
      axisLabel: { color: theme.muted, formatter: (value: number) => format(value) },
    },
    tooltip: {
      ...baseOption(theme).tooltip,
      trigger: 'axis' as const,
      axisPointer: { type: 'line' as const, lineStyle: { color: theme.muted } },
      formatter: (params: unknown) => {
        const index = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        return escapeHtml(described[index] ?? '');
      },
    },
    series: [
      {
        type: 'line' as const,
        data: points.map((p) => p.value),
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { color: theme.ink, width: 2 },
        itemStyle: { color: theme.ink },
        areaStyle: { color: theme.inkLight },
      },
    ],
  });

  return (
    <ChartFrame
      title={title}
      description={described.join('; ')}
      height={HEIGHT}
      build={build}
      pickAlong="x"
      onPick={onSelect ? (index) => points[index] && onSelect(points[index].key ?? points[index].label) : undefined}
    />
  );
}
