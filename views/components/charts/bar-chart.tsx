/**
 * A horizontal bar chart as inline SVG: one labelled row per item, each bar labelled with its value (no colour needed
 * to read it). In right-to-left languages the chart is drawn from the right edge (labels on the right, bars growing
 * leftwards); text keeps its anchors, which the inherited `direction` turns around.
 */
import { barLength } from "../../../worker/domain/dashboard/chart-geometry";
import { useI18n } from "../../i18n";

/** One bar: its label, length value, the text printed after it, and whether it is hatched (e.g. a month still open). */
export interface Bar {
  label: string;
  value: number;
  text: string;
  hatched?: boolean;
}

export const CHART_WIDTH = 600;

/** Where a shape from `x` of width `w`, drawn left to right, goes in the viewer's direction. */
export function useMirror(): (x: number, w?: number) => number {
  const rtl = useI18n().dir === "rtl";
  return (x, w = 0) => (rtl ? CHART_WIDTH - x - w : x);
}
const LABEL_W = 150;
const ROW_H = 26;
const BAR_H = 18;
const TEXT_ROOM = 110;

/** The chart; `max` is the value a full-length bar stands for (default: the largest value). */
export function BarChart({
  id,
  title,
  desc,
  bars,
  max,
}: {
  id: string;
  title: string;
  desc: string;
  bars: Bar[];
  max?: number;
}) {
  const at = useMirror();
  const scale = max ?? Math.max(1, ...bars.map((b) => b.value));
  const room = CHART_WIDTH - LABEL_W - TEXT_ROOM;
  const height = bars.length * ROW_H + 4;
  return (
    <svg class="chart" viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {bars.some((b) => b.hatched) ? <Hatch id={`${id}-h`} /> : null}
      {bars.map((b, i) => {
        const y = i * ROW_H + 4;
        const w = barLength(b.value, scale, room);
        return (
          <g>
            <text x={at(LABEL_W - 8)} y={y + 14} text-anchor="end">
              {b.label}
            </text>
            <rect
              x={at(LABEL_W, w)}
              y={y}
              width={w}
              height={BAR_H}
              class={b.hatched ? undefined : "b"}
              fill={b.hatched ? `url(#${id}-h)` : undefined}
            />
            <text x={at(LABEL_W + w + 6)} y={y + 14}>
              {b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Diagonal stripes over the bar colour: marks bars that may still change (e.g. months with open check-ins). */
function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" class="b" />
        <path d="M0 0v8" class="stripe" />
      </pattern>
    </defs>
  );
}
