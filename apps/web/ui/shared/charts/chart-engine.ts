import { BarChart, type BarSeriesOption, CustomChart, type CustomSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the screens draw: bars, lines and custom marks (interval whiskers, target ticks) on a
 * grid, a reference line and a tooltip, painted as SVG (crisp at any zoom, no canvas, nothing evaluated). This
 * module is loaded on demand, so pages without a chart never fetch it.
 */
use([BarChart, LineChart, CustomChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export { init } from 'echarts/core';

/** The options these charts may set: a chart that needs another series type registers it above first. */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | CustomSeriesOption | GridComponentOption | MarkLineComponentOption | TooltipComponentOption
>;
