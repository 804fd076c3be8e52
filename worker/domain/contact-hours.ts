/**
 * Contact hours: when a person may be emailed. People give them as wall-clock minutes in their own IANA zone
 * (`contact_start`/`contact_end`, minutes after midnight); an end at or before the start means "no limit".
 *
 * Mail that is due outside the window waits for the next start of the window, found with the zone's rules
 * (zone-rules.ts), so daylight-saving changes are handled:
 * - a start that does not exist that day (clocks jump forward past it) opens the window at the jump: the first instant
 *   whose wall-clock time is inside the hours;
 * - a start that happens twice (clocks fall back) is the first of the two still ahead;
 * - a day whose whole window falls into a gap is skipped.
 * So the result is always the earliest instant at or after `now` that `isWithinContactHours` accepts.
 * Pure: no I/O, the current instant is a parameter.
 */
import { LocalDateTime } from "./local-date-time";
import { currentZoneName, isKnownTimeZone } from "./time-zones";
import { nextTransition, toEpochMs } from "./zone-rules";

/** A person's contact hours: minutes after local midnight in `timeZone`; `end <= start` means any time. */
export interface ContactHours {
  timeZone: string;
  start: number;
  end: number;
}

const DAY_MINUTES = 24 * 60;

/** True when the hours limit anything (a window inside one day); false for "any time" and for nonsense values. */
export function limitsContact({ start, end }: Pick<ContactHours, "start" | "end">): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= DAY_MINUTES && end > start;
}

/** The zone to reckon in: the person's when the runtime knows it, else UTC (never throws). */
function zoneOf(timeZone: string): string {
  return isKnownTimeZone(currentZoneName(timeZone)) ? timeZone : "UTC";
}

/** True when `epochMs` falls inside the person's contact hours (always true without a limit). */
export function isWithinContactHours(epochMs: number, hours: ContactHours): boolean {
  if (!limitsContact(hours)) return true;
  const minute = LocalDateTime.at(epochMs, zoneOf(hours.timeZone)).minuteOfDay;
  return minute >= hours.start && minute < hours.end;
}

/**
 * The earliest instant at or after `now` (epoch ms) inside the person's contact hours: `now` itself when it is inside
 * them (or there is no limit), else the next start of the window in their zone.
 */
export function nextContactTime(now: number, hours: ContactHours): number {
  if (isWithinContactHours(now, hours)) return now;
  const zone = zoneOf(hours.timeZone);
  const start = nextWindowStart(now, hours, zone);
  // Clocks going back can also carry the local time into the window before it next starts (a window ending at 02:01
  // is entered again at 02:00 when 03:00 becomes 02:00): the window then opens at that change.
  const change = nextTransition(zone, now)?.at;
  return change !== undefined && change > now && change < start && isWithinContactHours(change, hours) ? change : start;
}

/** When the contact window next starts by the wall clock, from `now` (outside it). */
function nextWindowStart(now: number, hours: ContactHours, zone: string): number {
  // Today's start if still ahead (possibly a second time, when the clocks go back), else tomorrow's; a further day
  // only when a whole window is lost in a gap.
  let day = LocalDateTime.at(now, zone).startOfDay();
  for (let i = 0; i < 4; i++, day = day.add({ days: 1 })) {
    const wall = day.withMinuteOfDay(hours.start);
    const earlier = toEpochMs(zone, wall.localMs, "earlier");
    const later = toEpochMs(zone, wall.localMs, "later");
    // A start in a gap (clocks jump past it): the window opens at the jump. A start that happens twice: the first still
    // ahead.
    const gap = LocalDateTime.at(earlier, zone).localMs !== wall.localMs;
    const candidates = gap ? [nextTransition(zone, earlier)?.at ?? later] : [earlier, later];
    for (const at of candidates) {
      if (at < now) continue;
      const local = LocalDateTime.at(at, zone);
      if (local.date === day.date && local.minuteOfDay >= hours.start && local.minuteOfDay < hours.end) return at;
      break;
    }
  }
  // Unreachable for real zones (no zone skips four days); stay safe rather than hold mail forever.
  return now;
}
