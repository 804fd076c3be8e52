/**
 * A time zone's rules as plain numbers: the UTC offset at any instant and the instants its offset changes, read from the
 * runtime's IANA data through `tzOffset` (@date-fns/tz, over `Intl`) once per zone and year, then answered by
 * arithmetic — calendar feeds and matching convert hundreds of thousands of times per request.
 *
 * Wall-clock times are "local milliseconds": the epoch milliseconds of the same clock reading in UTC, so
 * `localMs = epochMs + offsetAt(zone, epochMs)`. Turning one back into an instant follows RFC 5545 and Temporal: a time
 * skipped by a clock change moves forward by the change ("compatible" and "later") or back ("earlier"); a time that
 * happens twice is the first ("compatible", "earlier") or the second ("later") of the two.
 * Pure: no I/O; every function throws RangeError for a zone the runtime does not know (as Temporal does).
 */
import { tzOffset } from "@date-fns/tz/tzOffset";

/** A change of UTC offset: at `at` (epoch ms) from `before` to `after` (ms east of UTC). */
export interface Transition {
  at: number;
  before: number;
  after: number;
}

/** A (UTC) year of a zone: the offset at its first instant and the changes inside it, in order. */
export interface ZoneYear {
  start: number;
  transitions: Transition[];
}

/** How to read a wall-clock time that is skipped or happens twice (Temporal's names). */
export type Disambiguation = "compatible" | "earlier" | "later";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The offset (ms) straight from the runtime; RangeError for a zone it does not know. */
function rawOffset(zone: string, epochMs: number): number {
  const minutes = tzOffset(zone, new Date(epochMs));
  if (!Number.isFinite(minutes)) throw new RangeError(`unknown time zone: ${zone.slice(0, 64)}`);
  return Math.round(minutes * MINUTE);
}

const years = new Map<string, ZoneYear>();

/** The offset at the start of a (UTC) year of `zone` and its transitions in that year (cached per zone and year). */
export function zoneYear(zone: string, year: number): ZoneYear {
  const key = `${zone}|${year}`;
  let entry = years.get(key);
  if (!entry) {
    const from = Date.UTC(year, 0, 1);
    const to = Date.UTC(year + 1, 0, 1);
    const start = rawOffset(zone, from);
    const transitions: Transition[] = [];
    // Offsets are sampled weekly (no zone changes and changes back within a week; temporal-polyfill assumes 19 days),
    // and each change found is narrowed to the minute by bisection. A change in the year's last minute counts as the
    // next year's starting offset.
    let before = start;
    for (let lo = from; lo < to - MINUTE; ) {
      const hi = Math.min(lo + 7 * DAY, to - MINUTE);
      const offset = rawOffset(zone, hi);
      if (offset !== before) {
        let a = lo;
        let b = hi;
        while (b - a > MINUTE) {
          const mid = a + Math.floor((b - a) / 2 / MINUTE) * MINUTE;
          if (rawOffset(zone, mid) === before) a = mid;
          else b = mid;
        }
        transitions.push({ at: b, before, after: offset });
        before = offset;
      }
      lo = hi;
    }
    entry = { start, transitions };
    if (years.size > 5000) years.clear();
    years.set(key, entry);
  }
  return entry;
}

/** The UTC offset (ms east of UTC) of `zone` at an instant. */
export function offsetAt(zone: string, epochMs: number): number {
  const { start, transitions } = zoneYear(zone, new Date(epochMs).getUTCFullYear());
  let offset = start;
  for (const t of transitions) if (epochMs >= t.at) offset = t.after;
  return offset;
}

/** The wall-clock time (local ms) of an instant in `zone`. */
export function toLocalMs(zone: string, epochMs: number): number {
  return epochMs + offsetAt(zone, epochMs);
}

/** The first change of offset after `epochMs` (within the next two years), or null when the zone has none. */
export function nextTransition(zone: string, epochMs: number): Transition | null {
  const year = new Date(epochMs).getUTCFullYear();
  for (let y = year; y <= year + 2; y++) {
    for (const t of zoneYear(zone, y).transitions) if (t.at > epochMs) return t;
  }
  return null;
}

/**
 * The instants a wall-clock time means in `zone`: one, two (it happens twice, earlier first) or none (it is skipped).
 */
export function instantsOf(zone: string, localMs: number): number[] {
  const offsets = new Set([-DAY, -DAY / 2, 0, DAY / 2, DAY].map((d) => offsetAt(zone, localMs + d)));
  const out = new Set<number>();
  for (const offset of offsets) if (toLocalMs(zone, localMs - offset) === localMs) out.add(localMs - offset);
  return [...out].sort((a, b) => a - b);
}

/** The instant a wall-clock time means in `zone`, skipped and repeated times resolved as `disambiguation` says. */
export function toEpochMs(zone: string, localMs: number, disambiguation: Disambiguation = "compatible"): number {
  const found = instantsOf(zone, localMs);
  if (found.length > 0) return disambiguation === "later" ? found[found.length - 1]! : found[0]!;
  // Skipped: the offsets before and after the jump; forward by the jump, or back.
  const before = offsetAt(zone, localMs - DAY);
  const after = offsetAt(zone, localMs + DAY);
  return disambiguation === "earlier" ? localMs - after : localMs - before;
}

/** True when a wall-clock time is skipped by a clock change or happens twice in `zone`. */
export function isUnclear(zone: string, localMs: number): boolean {
  return instantsOf(zone, localMs).length !== 1;
}
