/**
 * iCalendar (RFC 5545) output for meeting feeds and single-meeting downloads, built with ical.js. Runs in Workers (no
 * Node APIs): ical.js builds the components and writes each property; this module folds the lines itself (at 75 octets,
 * the leading space included) and adds one VTIMEZONE per TZID used.
 *
 * Times: a series' DTSTART is its local wall-clock start with TZID = the organiser's zone and RRULE from `rruleOf`, so
 * calendars keep the organiser's wall-clock time across daylight-saving changes, as `occurrences()` does. Where a local
 * start is not a single instant (clocks jump forward past it, or it happens twice when they go back), clients resolve
 * it their own way (ical.js takes the later of two and moves a skipped time back, khal and python-icalendar via pytz
 * take the later of two, dateutil moves a skipped time back), where RFC 5545 and `occurrences()` take the first and
 * move a skipped time forward; and ical.js adds a meeting's length on the wall clock, so one that a clock change falls
 * into comes out an hour long or short. Such occurrences are pinned with an override at the instants Trellis means (a
 * start that is not one instant, and any such end, written in UTC), so every client shows what Trellis shows.
 *
 * VTIMEZONE blocks come from timezones-ical-library, checked against the runtime's zone rules (Temporal, the same rules
 * `occurrences()` uses) over the years the feed covers; a block that disagrees (or a zone it lacks) is replaced by one
 * built from those rules' transitions.
 */
import ICAL from "ical.js";
import { Temporal } from "temporal-polyfill";
import { tzlib_get_ical_block, tzlib_get_timezones } from "timezones-ical-library";
import { occurrences, rruleOf } from "../domain/meetings/recurrence";
import { type Feed, type FeedDay, type FeedMeeting, MEETING_KINDS, type MeetingStatus } from "../domain/meetings/types";

/** The PRODID every calendar Trellis writes carries. */
export const PRODID = "-//Trellis//Mentoring//EN";
/** How often subscribed calendars should fetch the feed again. */
export const REFRESH = "PT1H";

const CRLF = "\r\n";
/** ical.js's iCalendar design, with X-WR-CALNAME read and written as TEXT (escaped) rather than an unknown value. */
const DESIGN = {
  ...ICAL.design.icalendar,
  property: { ...ICAL.design.icalendar.property, "x-wr-calname": { defaultType: "text" } },
};

const STATUS: Record<MeetingStatus, string> = {
  proposed: "TENTATIVE",
  confirmed: "CONFIRMED",
  declined: "CANCELLED",
  cancelled: "CANCELLED",
};

/** The zone written as UTC ("...Z") instead of a TZID. */
const isUtc = (zone: string) => zone === "UTC";

// ---------------------------------------------------------------------------------------------------------------------
// Public API

/** A whole feed (a member's or a pairing's meetings and all-day items) as an iCalendar subscription body. */
export function feedToIcs(feed: Feed, now: number): string {
  const stamp = feed.stamp > 0 ? feed.stamp : now;
  const cal = calendar();
  cal.addProperty(new ICAL.Property(["x-wr-calname", {}, "text", feed.name]));
  cal.addPropertyWithValue("x-published-ttl", REFRESH);
  const refresh = new ICAL.Property("refresh-interval");
  refresh.resetType("duration");
  refresh.setValue(ICAL.Duration.fromString(REFRESH));
  cal.addProperty(refresh);
  const events: ICAL.Component[] = [];
  const zones = new ZoneSpan();
  for (const meeting of feed.meetings) events.push(...meetingEvents(meeting, stamp, zones));
  for (const day of feed.days) events.push(dayEvent(day, stamp));
  return write(cal, zones, events);
}

/** One meeting (its series and changed occurrences) as a `.ics` download to import. */
export function meetingToIcs(meeting: FeedMeeting, now: number): string {
  const cal = calendar();
  cal.addPropertyWithValue("method", "PUBLISH");
  const zones = new ZoneSpan();
  return write(cal, zones, meetingEvents(meeting, now, zones));
}

/** A strong ETag for a body: the quoted hex SHA-256 of its UTF-8 bytes. */
export async function icsEtag(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  return `"${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/** The UID a meeting's events carry (the same in every feed and download, so calendars merge them). */
export function meetingUid(meetingId: string): string {
  return `${meetingId}@trellis`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Events

function calendar(): ICAL.Component {
  const cal = new ICAL.Component("vcalendar");
  cal.addPropertyWithValue("version", "2.0");
  cal.addPropertyWithValue("prodid", PRODID);
  cal.addPropertyWithValue("calscale", "GREGORIAN");
  return cal;
}

/** The VEVENTs of one meeting: the master, then one override per changed (or pinned) occurrence. */
function meetingEvents(m: FeedMeeting, stamp: number, zones: ZoneSpan): ICAL.Component[] {
  const s = m.schedule;
  const all = occurrences(s, m.changes);
  if (!all.length) return [];
  const at = new Clock(s.timeZone, zones);
  // The zone's VTIMEZONE must be right for every occurrence, not only the ones written out.
  for (const o of all) at.cover(o.start, o.end);
  const changeOf = new Map(m.changes.map((c) => [c.recurrenceId, c]));
  const status = STATUS[m.status] ?? "TENTATIVE";
  const common = (ev: ICAL.Component) => {
    ev.addPropertyWithValue("uid", meetingUid(m.id));
    ev.addPropertyWithValue("dtstamp", utcTime(stamp));
  };
  const details = (ev: ICAL.Component) => {
    text(ev, "summary", m.title);
    text(ev, "location", m.kind === "video" ? m.videoUrl || m.location : m.location);
    text(ev, "url", m.url);
    text(ev, "description", describe(m));
  };

  const master = new ICAL.Component("vevent");
  common(master);
  const first = all[0]!;
  const repeating = s.repeat !== "none";
  if (!repeating) {
    // A one-off's change (moved or cancelled) is applied to the event itself.
    const change = first.moved || first.cancelled ? changeOf.get(first.recurrenceId) : undefined;
    master.addPropertyWithValue("sequence", Math.max(m.sequence, change?.sequence ?? 0));
    at.start(master, "dtstart", first.moved ? change!.startLocal! : s.startLocal, first.start);
    at.end(master, first.end);
  } else {
    master.addPropertyWithValue("sequence", m.sequence);
    // DTSTART is the rule's wall-clock time; the exact length goes in DTEND, or in DURATION when that first local start
    // is not one instant or the first meeting spans a clock change (a client reading DTEND - DTSTART as wall-clock time
    // would otherwise get every occurrence's length wrong).
    const original = first.moved ? occurrences(s)[0]! : first;
    at.local(master, "dtstart", s.startLocal);
    if (!at.irregular(original)) at.end(master, original.end);
    else master.addPropertyWithValue("duration", ICAL.Duration.fromSeconds((original.end - original.start) / 1000));
    master.addPropertyWithValue("rrule", ICAL.Recur.fromString(rruleOf(s)!));
  }
  details(master);
  master.addPropertyWithValue("status", !repeating && first.cancelled ? "CANCELLED" : status);
  master.addPropertyWithValue("created", utcTime(m.createdAt));
  master.addPropertyWithValue("last-modified", utcTime(m.updatedAt));
  if (!repeating) return [master];

  // Overrides: cancelled occurrences (original times), moved ones, and irregular ones (pinned at the instants Trellis
  // means, so clients that resolve such times differently, or add the length on the wall clock, still agree).
  const out = [master];
  for (const o of all) {
    const change = o.cancelled || o.moved ? changeOf.get(o.recurrenceId) : undefined;
    if (!change && !at.irregular(o)) continue;
    const ev = new ICAL.Component("vevent");
    common(ev);
    at.local(ev, "recurrence-id", o.recurrenceId);
    ev.addPropertyWithValue("sequence", change?.sequence ?? m.sequence);
    at.start(ev, "dtstart", o.moved ? change!.startLocal! : o.recurrenceId, o.start);
    at.end(ev, o.end);
    details(ev);
    ev.addPropertyWithValue("status", o.cancelled ? "CANCELLED" : status);
    ev.addPropertyWithValue("last-modified", utcTime(m.updatedAt));
    out.push(ev);
  }
  return out;
}

/** An all-day item: a milestone or a check-in window, shown as free time. */
function dayEvent(d: FeedDay, stamp: number): ICAL.Component {
  const ev = new ICAL.Component("vevent");
  ev.addPropertyWithValue("uid", d.uid);
  ev.addPropertyWithValue("dtstamp", utcTime(stamp));
  ev.addPropertyWithValue("dtstart", dateOf(d.start));
  ev.addPropertyWithValue("dtend", dateOf(d.end > d.start ? d.end : nextDay(d.start)));
  text(ev, "summary", d.title);
  text(ev, "url", d.url);
  text(ev, "description", d.url);
  ev.addPropertyWithValue("transp", "TRANSPARENT");
  ev.addPropertyWithValue("last-modified", utcTime(d.updatedAt));
  return ev;
}

/**
 * What the meeting is and where to go: its kind, the video link or phone note, and its page in Trellis (never agenda or
 * notes).
 */
function describe(m: FeedMeeting): string {
  const lines: string[] = [MEETING_KINDS[m.kind] ?? ""];
  if (m.kind === "video" && m.videoUrl) lines.push(`Join: ${m.videoUrl}`);
  else if (m.kind === "phone" && m.location) lines.push(`Phone: ${m.location}`);
  if (m.url) lines.push(`In Trellis: ${m.url}`);
  return lines.filter(Boolean).join("\n");
}

/** Adds a text (or URI) property unless the value is blank. */
function text(ev: ICAL.Component, name: string, value: string) {
  const v = value.trim();
  if (v) ev.addPropertyWithValue(name, v);
}

// ---------------------------------------------------------------------------------------------------------------------
// Times

/** Writes a series' times in its zone: local with TZID (noting the zone's use), or UTC ("Z") for the UTC zone. */
class Clock {
  private readonly rules: ZoneRules | null;
  constructor(
    private readonly zone: string,
    private readonly zones: ZoneSpan,
  ) {
    this.rules = isUtc(zone) ? null : zoneRules(zone);
  }

  /**
   * True when clients may place an occurrence differently from Trellis: its local start is skipped or happens twice,
   * its end's local time does, or a clock change falls inside it (ical.js, for one, adds the length on the wall clock).
   */
  irregular(o: { recurrenceId: string; start: number; end: number }): boolean {
    const rules = this.rules;
    if (!rules) return false;
    return (
      rules.unclear(localMs(o.recurrenceId)) ||
      rules.unclear(o.end + rules.offsetAt(o.end)) ||
      rules.offsetAt(o.start) !== rules.offsetAt(o.end)
    );
  }

  /** Notes that the document needs the zone for these instants. */
  cover(...epochMs: number[]) {
    if (this.rules) for (const ms of epochMs) this.zones.add(this.zone, ms);
  }

  /** DTSTART or RECURRENCE-ID as the local wall-clock time (the series' rule). */
  local(ev: ICAL.Component, name: string, local: string) {
    const ms = localMs(local);
    if (!this.rules) return void ev.addPropertyWithValue(name, utcTime(ms));
    this.cover(ms - this.rules.offsetAt(ms));
    const prop = new ICAL.Property(name);
    prop.setParameter("tzid", this.zone);
    prop.setValue(floatingTime(ms));
    ev.addProperty(prop);
  }

  /**
   * A start at local time `local` meaning instant `epochMs`: local with TZID, or the instant in UTC when `local` is
   * unclear.
   */
  start(ev: ICAL.Component, name: string, local: string, epochMs: number) {
    if (this.rules?.unclear(localMs(local))) ev.addPropertyWithValue(name, utcTime(epochMs));
    else this.local(ev, name, local);
  }

  /** DTEND for an instant: local with TZID when that local time means exactly this instant, else in UTC. */
  end(ev: ICAL.Component, epochMs: number) {
    const local = this.rules ? epochMs + this.rules.offsetAt(epochMs) : epochMs;
    if (!this.rules || this.rules.unclear(local)) return void ev.addPropertyWithValue("dtend", utcTime(epochMs));
    this.cover(epochMs);
    const prop = new ICAL.Property("dtend");
    prop.setParameter("tzid", this.zone);
    prop.setValue(floatingTime(local));
    ev.addProperty(prop);
  }
}

/** "YYYY-MM-DDTHH:MM" as milliseconds on a clock that reads that local time as if it were UTC. */
function localMs(local: string): number {
  return Date.UTC(
    +local.slice(0, 4),
    +local.slice(5, 7) - 1,
    +local.slice(8, 10),
    +local.slice(11, 13),
    +local.slice(14, 16),
  );
}

/** A wall-clock time (from `localMs`) as an ical.js time without zone; the TZID parameter says where. */
function floatingTime(ms: number): ICAL.Time {
  const d = new Date(ms);
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    isDate: false,
  });
}

function utcTime(ms: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(Math.floor(ms / 1000) * 1000), true);
}

function dateOf(day: string): ICAL.Time {
  return ICAL.Time.fromData({ year: +day.slice(0, 4), month: +day.slice(5, 7), day: +day.slice(8, 10), isDate: true });
}

function nextDay(day: string): string {
  return new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + 1)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------------
// Time zones

/** A change of UTC offset: at `at` (epoch ms) from `before` to `after` (ms east of UTC). */
interface Transition {
  at: number;
  before: number;
  after: number;
}

/**
 * A zone's offsets by year, from Temporal (the rules `occurrences()` uses), asked once per zone and year; answering
 * from the table is plain arithmetic, which matters when a feed has thousands of occurrences.
 */
class ZoneRules {
  private readonly years = new Map<number, { start: number; transitions: Transition[] }>();
  constructor(readonly zone: string) {}

  /** The offset at the start of a (UTC) year and the transitions in it. */
  year(year: number): { start: number; transitions: Transition[] } {
    let entry = this.years.get(year);
    if (!entry) {
      const end = Date.UTC(year + 1, 0, 1);
      const newYear = Temporal.Instant.fromEpochMilliseconds(Date.UTC(year, 0, 1)).toZonedDateTimeISO(this.zone);
      const start = newYear.offsetNanoseconds / 1e6;
      const transitions: Transition[] = [];
      let before = start;
      let zdt = newYear.getTimeZoneTransition("next");
      while (zdt && zdt.epochMilliseconds < end) {
        const after = zdt.offsetNanoseconds / 1e6;
        transitions.push({ at: zdt.epochMilliseconds, before, after });
        before = after;
        zdt = zdt.getTimeZoneTransition("next");
      }
      entry = { start, transitions };
      this.years.set(year, entry);
    }
    return entry;
  }

  /** The UTC offset (ms) at an instant. */
  offsetAt(epochMs: number): number {
    const { start, transitions } = this.year(new Date(epochMs).getUTCFullYear());
    let offset = start;
    for (const t of transitions) if (epochMs >= t.at) offset = t.after;
    return offset;
  }

  /** True when a local time (from `localMs`) is skipped by a clock change or happens twice. */
  unclear(local: number): boolean {
    const year = new Date(local).getUTCFullYear();
    for (let y = year - 1; y <= year + 1; y++) {
      for (const t of this.year(y).transitions) {
        if (local >= t.at + Math.min(t.before, t.after) && local < t.at + Math.max(t.before, t.after)) return true;
      }
    }
    return false;
  }
}

const rulesByZone = new Map<string, ZoneRules>();
function zoneRules(zone: string): ZoneRules {
  let rules = rulesByZone.get(zone);
  if (!rules) {
    rules = new ZoneRules(zone);
    rulesByZone.set(zone, rules);
  }
  return rules;
}

/** The zones a document uses and the instants it needs each for. */
class ZoneSpan {
  readonly spans = new Map<string, { from: number; to: number }>();
  add(zone: string, ms: number) {
    const span = this.spans.get(zone);
    if (!span) this.spans.set(zone, { from: ms, to: ms });
    else {
      if (ms < span.from) span.from = ms;
      if (ms > span.to) span.to = ms;
    }
  }
}

let libraryZones: Set<string> | null = null;
/** Written VTIMEZONE blocks by zone and covered years, checked against Temporal's rules. */
const blocks = new Map<string, string[]>();

/**
 * The folded lines of a VTIMEZONE for `zone` that is right (per Temporal) for every instant in the (UTC) years of
 * [from, to]: timezones-ical-library's block when it agrees, else one built from Temporal's transitions.
 */
export function vtimezoneLines(zone: string, from: number, to: number): string[] {
  const fromYear = new Date(from).getUTCFullYear();
  const toYear = new Date(to).getUTCFullYear();
  const key = `${zone}|${fromYear}|${toYear}`;
  let lines = blocks.get(key);
  if (!lines) {
    libraryZones ??= new Set(tzlib_get_timezones() as string[]);
    const rules = zoneRules(zone);
    const library = libraryZones.has(zone) ? libraryBlock(zone) : null;
    const component =
      library && agrees(library, rules, fromYear, toYear) ? library : builtBlock(rules, fromYear, toYear);
    lines = [];
    writeComponent(component.jCal, lines);
    if (blocks.size > 500) blocks.clear();
    blocks.set(key, lines);
  }
  return lines;
}

/** timezones-ical-library's block for a zone, under the zone's own name (it files links under their target's). */
function libraryBlock(zone: string): ICAL.Component | null {
  const block = tzlib_get_ical_block(zone);
  const text = Array.isArray(block) ? block[0] : "";
  if (!text) return null;
  const component = new ICAL.Component(ICAL.parse(text));
  component.updatePropertyWithValue("tzid", zone);
  if (component.hasProperty("x-lic-location")) component.updatePropertyWithValue("x-lic-location", zone);
  return component;
}

/**
 * True when a VTIMEZONE maps local times to the same UTC offset as Temporal (the direction clients use it in): at noon
 * UTC on the 1st and 15th of every month of the years, and from 4 hours before to 4 hours after every transition
 * Temporal knows, so a missing, extra or shifted transition is caught. Local times that are skipped or repeated are not
 * compared.
 */
function agrees(component: ICAL.Component, rules: ZoneRules, fromYear: number, toYear: number): boolean {
  const tz = new ICAL.Timezone(component);
  const probes: number[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (let month = 0; month < 12; month++) probes.push(Date.UTC(year, month, 1, 12), Date.UTC(year, month, 15, 12));
    for (const t of rules.year(year).transitions) {
      for (const minutes of [-240, -120, -70, -40, -10, 10, 40, 70, 120, 240]) probes.push(t.at + minutes * 60_000);
    }
  }
  return probes.every((ms) => {
    const offset = rules.offsetAt(ms);
    const local = ms + offset;
    return rules.unclear(local) || tz.utcOffset(floatingTime(local)) * 1000 === offset;
  });
}

/** A VTIMEZONE built from Temporal's transitions in the years: an observance at the start and one per transition. */
function builtBlock(rules: ZoneRules, fromYear: number, toYear: number): ICAL.Component {
  const vtz = new ICAL.Component("vtimezone");
  vtz.addPropertyWithValue("tzid", rules.zone);
  const observance = (kind: "standard" | "daylight", before: number, after: number, local: number) => {
    const o = new ICAL.Component(kind);
    o.addPropertyWithValue("tzoffsetfrom", ICAL.UtcOffset.fromSeconds(before / 1000));
    o.addPropertyWithValue("tzoffsetto", ICAL.UtcOffset.fromSeconds(after / 1000));
    o.addPropertyWithValue("dtstart", floatingTime(local));
    vtz.addSubcomponent(o);
  };
  const first = rules.year(fromYear);
  observance("standard", first.start, first.start, Date.UTC(fromYear, 0, 1) + first.start);
  for (let year = fromYear; year <= toYear; year++) {
    // Each observance starts at the transition's wall-clock time in the offset in force before it.
    for (const t of rules.year(year).transitions)
      observance(t.after > t.before ? "daylight" : "standard", t.before, t.after, t.at + t.before);
  }
  return vtz;
}

// ---------------------------------------------------------------------------------------------------------------------
// Writing

/**
 * The whole document: calendar properties, the VTIMEZONEs its times use, then the events; CRLF line ends throughout.
 */
function write(cal: ICAL.Component, zones: ZoneSpan, events: ICAL.Component[]): string {
  const lines: string[] = ["BEGIN:VCALENDAR"];
  for (const prop of cal.jCal[1] as unknown[][]) lines.push(fold(ICAL.stringify.property(prop, DESIGN, true)));
  for (const [zone, span] of zones.spans) lines.push(...vtimezoneLines(zone, span.from, span.to));
  for (const ev of events) writeComponent(ev.jCal, lines);
  lines.push("END:VCALENDAR");
  return lines.join(CRLF) + CRLF;
}

function writeComponent(jCal: unknown[], lines: string[]) {
  const [name, props, subs] = jCal as [string, unknown[][], unknown[][]];
  lines.push(`BEGIN:${name.toUpperCase()}`);
  for (const prop of props) lines.push(fold(ICAL.stringify.property(prop, DESIGN, true)));
  for (const sub of subs) writeComponent(sub, lines);
  lines.push(`END:${name.toUpperCase()}`);
}

/**
 * Folds a content line so no line is longer than 75 octets of UTF-8, the leading space of a continuation included
 * (RFC 5545 3.1), never splitting a character.
 */
export function fold(line: string): string {
  if (line.length <= 25) return line; // 25 UTF-16 units are at most 75 octets
  let out = "";
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const units = cp > 0xffff ? 2 : 1;
    if (octets + size > limit) {
      out += `${line.slice(start, i)}${CRLF} `;
      start = i;
      octets = 0;
      limit = 74;
    }
    octets += size;
    i += units;
  }
  return out + line.slice(start);
}
