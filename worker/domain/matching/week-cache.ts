/**
 * availabilityInUtcWeek for a whole cohort: the same rules (the person's slots in the local weeks before, of and after
 * the reference week, each end resolved with "compatible" disambiguation, clipped to the UTC week), computed once per
 * distinct weekly pattern (zone and slots: people who give the same hours share the answer), with every wall-clock →
 * instant conversion memoised per (zone, day, minute) under a numeric key, since a cohort shares a handful of zones
 * and round times.
 */
import {
  type Interval,
  intersectIntervals,
  mondayOf,
  utcWeekWindow,
  wallClockToEpochMs,
  type WeeklyAvailability,
} from "../availability";
import { LocalDateTime } from "../local-date-time";

/**
 * Returns a function giving a person's real availability inside the UTC week of `week`, identical to
 * availabilityInUtcWeek (people with the same pattern get the same array: read it, never change it).
 */
export function weekResolver(week: string): (person: WeeklyAvailability) => Interval[] {
  const window = utcWeekWindow(week);
  const monday = LocalDateTime.fromDate(mondayOf(week))!;
  const days = Array.from({ length: 21 }, (_, d) => monday.add({ days: d - 7 }));
  const zoneIds = new Map<string, number>();
  const memo = new Map<number, number>();
  const instant = (zone: string, zoneId: number, day: number, minutes: number): number => {
    // Days are 0–20; whole minutes of a day 0–1440 have a key of their own, anything else is not memoised.
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440)
      return wallClockToEpochMs(days[day]!, minutes, zone);
    const key = (zoneId * 21 + day) * 1441 + minutes;
    let ms = memo.get(key);
    if (ms === undefined) {
      ms = wallClockToEpochMs(days[day]!, minutes, zone);
      memo.set(key, ms);
    }
    return ms;
  };
  const patterns = new Map<string, Interval[]>();
  return (person) => {
    let pattern = person.timeZone;
    for (const slot of person.availability) pattern += `|${slot.day},${slot.start},${slot.end}`;
    const known = patterns.get(pattern);
    if (known) return known;
    let zoneId = zoneIds.get(person.timeZone);
    if (zoneId === undefined) {
      zoneId = zoneIds.size;
      zoneIds.set(person.timeZone, zoneId);
    }
    const spans: Interval[] = [];
    for (const week of [0, 7, 14]) {
      for (const slot of person.availability) {
        const start = instant(person.timeZone, zoneId, week + slot.day, slot.start);
        const end = instant(person.timeZone, zoneId, week + slot.day, slot.end);
        if (end > start) spans.push({ start, end });
      }
    }
    const found = intersectIntervals(spans, [window]);
    if (patterns.size >= 100_000) patterns.clear(); // a resolver kept for pages' scoring does not grow for ever
    patterns.set(pattern, found);
    return found;
  };
}
