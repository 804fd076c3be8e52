/**
 * Horizontal 100% stacked bars as inline SVG: one row per period, one segment per part, each part with its own colour
 * AND pattern, named in a legend, with the percentage written on segments wide enough to hold it. Right-to-left
 * languages get the mirror image (see bar-chart.tsx).
 */
import { stackSegments } from "../../../worker/domain/dashboard/chart-geometry";
import { sharesOf } from "../../../worker/domain/dashboard/rates";
import { CHART_WIDTH, useMirror } from "./bar-chart";
import { useNumbers } from "./numbers";

/** A row: its label, the parts in legend order, and text after the bar (e.g. the number of answers). */
export interface StackRow {
  label: string;
  parts: number[];
  text: string;
}

const LABEL_W = 150;
const ROW_H = 26;
const BAR_H = 18;
const BAR_W = 350;
const LEGEND_H = 28;
/** Pattern drawn over each part's colour, in legend order: solid, diagonal, dots, horizontal lines. */
const PATTERNS = ["", "M0 0v8", "M3 3h2v2h-2z", "M0 4h8"];

/** The chart; `parts` names the parts (legend order) and every row's `parts` lists counts in that order. */
export function StackedBarChart({
  id,
  title,
  desc,
  parts,
  rows,
}: {
  id: string;
  title: string;
  desc: string;
  parts: string[];
  rows: StackRow[];
}) {
  const at = useMirror();
  const { pct } = useNumbers();
  const height = LEGEND_H + rows.length * ROW_H + 4;
  const fill = (k: number) => `url(#${id}-${k})`;
  const legendStep = Math.floor((CHART_WIDTH - 10) / parts.length);
  return (
    <svg class="chart" viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <defs>
        {parts.map((_, k) => (
          <pattern
            id={`${id}-${k}`}
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform={k === 1 ? "rotate(45)" : undefined}
          >
            <rect width="8" height="8" class={`a${k}`} />
            {PATTERNS[k % PATTERNS.length] ? <path d={PATTERNS[k % PATTERNS.length]} class="stripe" /> : null}
          </pattern>
        ))}
      </defs>
      {parts.map((name, k) => (
        <g>
          <rect x={at(k * legendStep, 16)} y={4} width={16} height={16} fill={fill(k)} />
          <text x={at(k * legendStep + 22)} y={17}>
            {name}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = LEGEND_H + i * ROW_H + 4;
        const shares = sharesOf(r.parts);
        const segments = stackSegments(r.parts, BAR_W);
        return (
          <g>
            <text x={at(LABEL_W - 8)} y={y + 14} text-anchor="end">
              {r.label}
            </text>
            {segments.map((s, k) =>
              s.size > 0 ? (
                <>
                  <rect x={at(LABEL_W + s.offset, s.size)} y={y} width={s.size} height={BAR_H} fill={fill(k)} />
                  {s.size >= 40 ? (
                    <text x={at(LABEL_W + s.offset + 4)} y={y + 14} class="in">
                      {pct(shares[k]!)}
                    </text>
                  ) : null}
                </>
              ) : null,
            )}
            <text x={at(LABEL_W + BAR_W + 6)} y={y + 14}>
              {r.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
