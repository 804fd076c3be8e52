/** Chart geometry in whole SVG units: bar lengths, stacked segments and column heights. Pure. */
import { apportion } from "./rates";

/** A bar's length for `value` on a scale where `max` fills `length` (non-zero values get at least 1 unit). */
export function barLength(value: number, max: number, length: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.round((Math.min(value, max) / max) * length));
}

/** Stacked segments of one bar of `length` split by `parts`: offsets and lengths that add up to `length` exactly. */
export function stackSegments(parts: number[], length: number): { offset: number; size: number }[] {
  const sizes = apportion(parts, length);
  let offset = 0;
  return sizes.map((size) => {
    const s = { offset, size };
    offset += size;
    return s;
  });
}

/** Where `count` equal slots of `width` start (each `gap` apart, the first after `left`), for columns or rows. */
export function slotStarts(count: number, left: number, width: number, gap: number): number[] {
  return Array.from({ length: count }, (_, i) => left + i * (width + gap));
}
