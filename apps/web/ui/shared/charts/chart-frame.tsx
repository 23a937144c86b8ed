import type { EChartsType } from 'echarts/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartOption } from './chart-engine';

/** The app's look as a chart needs it, read from the stylesheet's variables where the chart sits. */
export interface ChartTheme {
  ink: string;
  inkLight: string;
  target: string;
  text: string;
  muted: string;
  rule: string;
  font: string;
  /** The box's width in pixels when drawn: labels take a share of it. */
  width: number;
  rtl: boolean;
  animate: boolean;
}

function themeOf(element: HTMLElement): ChartTheme {
  const style = getComputedStyle(element);
  // The box itself is left-to-right (ECharts places its text itself); the page around it says which way it reads.
  const page = getComputedStyle(element.parentElement ?? element);
  const variable = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    ink: variable('--brand', '#0f5c4d'),
    inkLight: variable('--brand-light', '#e3f1ee'),
    target: variable('--danger', '#b3261e'),
    text: variable('--text', '#1b1f1e'),
    muted: variable('--muted', '#5b6563'),
    rule: variable('--border', '#c8cfcd'),
    font: style.fontFamily || 'sans-serif',
    width: element.clientWidth,
    rtl: page.direction === 'rtl',
    animate: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  };
}

/**
 * Text as the page reads it: the chart's box is left-to-right (ECharts places its own text), so in a right-to-left
 * language a label is isolated right-to-left, and "الهدف 100%" keeps its sign where an Arabic reader expects it.
 */
export function readable(theme: ChartTheme, text: string): string {
  return theme.rtl ? `\u2067${text}\u2069` : text;
}

/** Escapes text for the tooltip, which ECharts writes as HTML: names come from users. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A row's label: as wide as a share of the box (a phone keeps room for the bars), wrapped onto a second line
 * before it is cut, so "Central Region North" and "Central Region South" stay apart on a phone.
 */
export function rowLabel(theme: ChartTheme, rowHeight: number, labels: string[]) {
  // About 8 px a character at 13 px: short labels take no more room than they need.
  const longest = 8 * Math.max(4, ...labels.map((label) => label.length));
  return {
    color: theme.text,
    width: Math.round(Math.min(longest, 200, Math.max(72, theme.width * 0.3))),
    height: rowHeight - 4,
    lineHeight: 14,
    overflow: 'break' as const,
    lineOverflow: 'truncate' as const,
    // Not isolated (see `readable`): a name reads right in either direction, and wrapping measures the marks.
    formatter: (index: string) => labels[Number(index)] ?? '',
  };
}

/** Options every chart shares: the app's font and colours, a tooltip kept inside the chart (phones), calm motion. */
export function baseOption(theme: ChartTheme): ChartOption {
  return {
    animation: theme.animate,
    animationDuration: 300,
    textStyle: { fontFamily: theme.font, color: theme.text, fontSize: 13 },
    tooltip: {
      confine: true,
      textStyle: { fontFamily: theme.font, color: theme.text },
      borderColor: theme.rule,
      extraCssText: theme.rtl ? 'direction: rtl; text-align: right;' : '',
    },
  };
}

let engine: Promise<typeof import('./chart-engine')> | undefined;
const loadEngine = () => {
  engine ??= import('./chart-engine');
  return engine;
};

/**
 * One chart: ECharts painting SVG into a box that follows its container's width (a ResizeObserver) at a fixed
 * height. For screen readers the box is an image named by `title` and described by `description`, the chart's
 * figures in words; a change of that text (or of the page's direction) is what redraws the chart. With `onPick`, a
 * click on a row of the category axis (`pickAlong`) or on its label picks that row's index.
 */
export function ChartFrame({
  title,
  description,
  height,
  build,
  onPick,
  pickAlong = 'y',
}: {
  title: string;
  description: string;
  height: number;
  build: (theme: ChartTheme) => ChartOption;
  onPick?: (index: number) => void;
  pickAlong?: 'x' | 'y';
}) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType>();
  // The latest callbacks, read at event time: the page hands new ones on every render.
  const latest = useRef({ build, onPick, pickAlong });
  const laidOutAt = useRef(0);
  const drawnRtl = useRef<boolean>(undefined);
  latest.current = { build, onPick, pickAlong };

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    let gone = false;
    void loadEngine().then(
      ({ init }) => {
        if (gone) return;
        const made = init(element, null, { renderer: 'svg' });
        instance = made;
        observer = new ResizeObserver(() => {
          made.resize();
          // Label widths are a share of the box: a box much wider or narrower (a phone turned) lays them out anew.
          const drawn = made.getWidth();
          if (Math.abs(drawn - laidOutAt.current) > 24 && laidOutAt.current > 0) {
            laidOutAt.current = drawn;
            made.setOption(latest.current.build(themeOf(element)));
          }
        });
        observer.observe(element);
        const pick = (index: number) => latest.current.onPick?.(index);
        made.getZr().on('click', (event) => {
          const point = [event.offsetX, event.offsetY];
          if (!latest.current.onPick || !made.containPixel('grid', point)) return;
          const [x, y] = made.convertFromPixel({ gridIndex: 0 }, point) as number[];
          const index = Math.round(latest.current.pickAlong === 'x' ? (x ?? Number.NaN) : (y ?? Number.NaN));
          if (Number.isInteger(index) && index >= 0) pick(index);
        });
        // Labels sit outside the grid: they say which row they name.
        made.on('click', (params) => {
          if ((params.componentType === 'xAxis' || params.componentType === 'yAxis') && params.targetType === 'axisLabel')
            pick(Number(params.value));
        });
        setChart(made);
      },
      () => {
        // The chart's module did not load (a dropped connection): the box stays empty, its figures still said in words.
      },
    );
    return () => {
      gone = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(undefined);
    };
  }, []);

  // The language sets the page's direction, which mirrors the axes.
  const { i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the description is the chart's data in words; the builder is new on every render.
  useEffect(() => {
    if (!chart || !box.current) return;
    laidOutAt.current = box.current.clientWidth;
    const theme = themeOf(box.current);
    // Mirrored axes are a new layout, not a change to move towards: start from blank rather than sweep across.
    if (theme.rtl !== drawnRtl.current) chart.clear();
    drawnRtl.current = theme.rtl;
    chart.setOption(latest.current.build(theme), { notMerge: true });
  }, [chart, title, description, height, i18n.language]);

  return (
    <figure className="chart">
      <div
        ref={box}
        className={onPick ? 'chart-box chart-pickable' : 'chart-box'}
        style={{ height }}
        role="img"
        aria-label={title}
        aria-describedby={`${id}-data`}
      />
      <p id={`${id}-data`} className="visually-hidden">
        {description}
      </p>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
