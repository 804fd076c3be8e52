/**
 * Suggesting meeting times: instants in the next 14 days when every member is available (their weekly availability,
 * in their own zone) and inside their contact hours, not overlapping meetings already planned. Pure.
 */
import {
  type Interval,
  intersectIntervals,
  mergeIntervals,
  type Slot,
  weekContaining,
  weeklySlotsToUtc,
} from "../availability";
import { LocalDateTime } from "../local-date-time";

/** What slot suggestions need to know about one member. */
export interface SlotPerson {
  timeZone: string;
  availability: readonly Slot[];
  /** Contact hours in their zone, minutes after midnight (when end ≤ start, contact hours do not limit anything). */
  contactStart: number;
  contactEnd: number;
}

const STEP_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

/** When a person is free in [from, to): availability ∩ contact hours, as merged UTC intervals. */
function freeTime(p: SlotPerson, from: number, to: number): Interval[] {
  const contact: Slot[] =
    p.contactEnd > p.contactStart
      ? [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: p.contactStart, end: p.contactEnd }))
      : [];
  const available: Interval[] = [];
  const hours: Interval[] = [];
  for (let t = from - 7 * DAY_MS; t < to + 7 * DAY_MS; t += 7 * DAY_MS) {
    const week = weekContaining(t, p.timeZone);
    available.push(...weeklySlotsToUtc(p.availability, p.timeZone, week));
    hours.push(...weeklySlotsToUtc(contact, p.timeZone, week));
  }
  const free = contact.length
    ? intersectIntervals(mergeIntervals(available), mergeIntervals(hours))
    : mergeIntervals(available);
  return intersectIntervals(free, [{ start: from, end: to }]);
}

/** Removes busy intervals from free ones. */
function subtract(free: Interval[], busy: Interval[]): Interval[] {
  let out = free;
  for (const b of mergeIntervals(busy)) {
    out = out.flatMap((f) =>
      b.end <= f.start || b.start >= f.end
        ? [f]
        : [
            { start: f.start, end: b.start },
            { start: b.end, end: f.end },
          ].filter((x) => x.end > x.start),
    );
  }
  return out;
}

/**
 * Up to `max` start instants (epoch ms, on the half hour) for a meeting of `minutes` in the `days` after `now`: the
 * earliest fitting time of as many different days as possible, then more times on the same days.
 */
export function suggestSlots(
  people: readonly SlotPerson[],
  busy: readonly Interval[],
  now: number,
  minutes: number,
  days = 14,
  max = 5,
): number[] {
  if (people.length === 0) return [];
  const from = Math.ceil((now + 60 * 60_000) / STEP_MS) * STEP_MS;
  const to = now + days * DAY_MS;
  let common: Interval[] = [{ start: from, end: to }];
  for (const p of people) common = intersectIntervals(common, freeTime(p, from, to));
  const free = subtract(common, [...busy]);
  const length = minutes * 60_000;
  const candidates: number[] = [];
  for (const f of free) {
    for (let t = Math.ceil(f.start / STEP_MS) * STEP_MS; t + length <= f.end; t += STEP_MS) candidates.push(t);
  }
  const dayOf = (t: number) => LocalDateTime.at(t, people[0]!.timeZone).date;
  const firstPerDay = new Map<string, number>();
  for (const t of candidates) if (!firstPerDay.has(dayOf(t))) firstPerDay.set(dayOf(t), t);
  const picked = [...firstPerDay.values()].slice(0, max);
  for (const t of candidates) {
    if (picked.length >= max) break;
    if (!picked.includes(t) && picked.every((p) => Math.abs(p - t) >= length)) picked.push(t);
  }
  return picked.sort((a, b) => a - b);
}
