/**
 * availabilityInUtcWeek for a whole cohort: the same rules (the person's slots in the local weeks before, of and after
 * the reference week, each end resolved with "compatible" disambiguation, clipped to the UTC week), with every
 * wall-clock → instant conversion memoised per (zone, day, minute), since a cohort shares a handful of zones and round
 * times.
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
 * availabilityInUtcWeek.
 */
export function weekResolver(week: string): (person: WeeklyAvailability) => Interval[] {
  const window = utcWeekWindow(week);
  const monday = LocalDateTime.fromDate(mondayOf(week))!;
  const days = Array.from({ length: 21 }, (_, d) => monday.add({ days: d - 7 }));
  const memo = new Map<string, number>();
  const instant = (zone: string, day: number, minutes: number): number => {
    const key = `${zone}|${day}|${minutes}`;
    let ms = memo.get(key);
    if (ms === undefined) {
      ms = wallClockToEpochMs(days[day]!, minutes, zone);
      memo.set(key, ms);
    }
    return ms;
  };
  return (person) => {
    const spans: Interval[] = [];
    for (const week of [0, 7, 14]) {
      for (const slot of person.availability) {
        const start = instant(person.timeZone, week + slot.day, slot.start);
        const end = instant(person.timeZone, week + slot.day, slot.end);
        if (end > start) spans.push({ start, end });
      }
    }
    return intersectIntervals(spans, [window]);
  };
}
