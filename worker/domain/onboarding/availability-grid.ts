/**
 * Weekly availability as a grid of days × time blocks (checkboxes that work without JavaScript), turned into the
 * weekly slots the rest of Trellis uses (worker/domain/availability.ts) and back. Times are in the person's own zone.
 */
import { type MessageId, msg } from "../i18n/translate";
import { DAY_NAMES, formatTime, type Slot } from "../availability";

/** One row of the grid: a block of the day, minutes after midnight, end exclusive. */
export interface TimeBlock {
  start: number;
  end: number;
  /** The part of the day it belongs to (a message id). */
  label: MessageId;
}

const h = (hours: number) => hours * 60;

/** The grid's rows: the night as one block, then two-hour blocks from 06:00 to midnight. */
export const TIME_BLOCKS: readonly TimeBlock[] = [
  { start: h(0), end: h(6), label: "onboarding.block.Night" },
  { start: h(6), end: h(8), label: "onboarding.block.Early" },
  { start: h(8), end: h(10), label: "onboarding.block.Morning" },
  { start: h(10), end: h(12), label: "onboarding.block.Morning" },
  { start: h(12), end: h(14), label: "onboarding.block.Midday" },
  { start: h(14), end: h(16), label: "onboarding.block.Afternoon" },
  { start: h(16), end: h(18), label: "onboarding.block.Afternoon" },
  { start: h(18), end: h(20), label: "onboarding.block.Evening" },
  { start: h(20), end: h(22), label: "onboarding.block.Evening" },
  { start: h(22), end: h(24), label: "onboarding.block.Late" },
];

/** The form value of one cell: "day-start", e.g. "0-480" for Monday 08:00. */
export const cellValue = (day: number, block: TimeBlock): string => `${day}-${block.start}`;

/** The most cells a grid can hold (the form accepts no more values than this). */
export const GRID_CELLS = DAY_NAMES.length * TIME_BLOCKS.length;

/** A block as people read it: "08:00–10:00". */
export const blockText = (b: TimeBlock): string => `${formatTime(b.start)}–${formatTime(b.end)}`;

/** The grid read back from a form: the weekly slots, or why the values are not cells of the grid. */
export type GridResult = { ok: true; slots: Slot[] } | { ok: false; error: string };

/**
 * Turns the ticked cells ("day-start" values) into weekly slots, joining blocks that touch on the same day; refuses
 * values that are not cells and asks for at least one.
 */
export function gridToSlots(values: readonly string[]): GridResult {
  if (values.length > GRID_CELLS) return { ok: false, error: msg("onboarding.error.gridOnly") };
  const chosen = new Set<string>();
  for (const v of values) {
    const [day, start] = v.split("-").map(Number);
    const block = TIME_BLOCKS.find((b) => b.start === start);
    if (
      !block ||
      day === undefined ||
      !Number.isInteger(day) ||
      day < 0 ||
      day >= DAY_NAMES.length ||
      !/^\d-\d+$/.test(v)
    )
      return { ok: false, error: msg("onboarding.error.gridOnly") };
    chosen.add(cellValue(day, block));
  }
  if (chosen.size === 0) return { ok: false, error: msg("onboarding.error.gridEmpty") };
  const slots: Slot[] = [];
  for (let day = 0; day < DAY_NAMES.length; day++) {
    for (const block of TIME_BLOCKS) {
      if (!chosen.has(cellValue(day, block))) continue;
      const last = slots[slots.length - 1];
      if (last && last.day === day && last.end === block.start) last.end = block.end;
      else slots.push({ day, start: block.start, end: block.end });
    }
  }
  return { ok: true, slots };
}

/**
 * The cells to show ticked for saved slots: a block is ticked when the slots cover at least half of it (exact times
 * typed on the profile page round to the nearest blocks).
 */
export function slotsToCells(slots: readonly Slot[]): Set<string> {
  const cells = new Set<string>();
  for (let day = 0; day < DAY_NAMES.length; day++) {
    for (const block of TIME_BLOCKS) {
      const covered = slots
        .filter((s) => s.day === day)
        .reduce((sum, s) => sum + Math.max(0, Math.min(s.end, block.end) - Math.max(s.start, block.start)), 0);
      if (covered * 2 >= block.end - block.start) cells.add(cellValue(day, block));
    }
  }
  return cells;
}

/** True when the grid shows `slots` exactly (every slot made of whole blocks), so editing on it loses nothing. */
export function fitsGrid(slots: readonly Slot[]): boolean {
  if (slots.length === 0) return true;
  const back = gridToSlots([...slotsToCells(slots)]);
  const key = (list: readonly Slot[]) =>
    [...list]
      .sort((a, b) => a.day - b.day || a.start - b.start)
      .map((s) => `${s.day}-${s.start}-${s.end}`)
      .join(",");
  return back.ok && key(back.slots) === key(slots);
}
