/**
 * iCalendar (RFC 5545) output for meeting feeds and single-meeting downloads. Runs in Workers (no Node APIs). It writes
 * the few property kinds Trellis needs itself (TEXT and URI values escaped and stripped of control characters, UTC and
 * local DATE-TIMEs, DATEs, DURATIONs, UTC offsets; lines folded at 75 octets), where ical.js and timezones-ical-library
 * cost a quarter of the worker's size budget (ARCHITECTURE.md says why). The tests read every document back with
 * ical.js, khal and python-icalendar.
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
 * VTIMEZONE blocks are built from the runtime's zone rules (the same rules `occurrences()` uses): one observance at the
 * start of the first year a document needs and one per transition up to the end of the last, so every client maps each
 * written local time to the instant Trellis means.
 */
import { occurrences, rruleOf } from "../domain/meetings/recurrence";
import type { Feed, FeedDay, FeedMeeting, MeetingStatus } from "../domain/meetings/types";
import { isUnclear, nextTransition, offsetAt, zoneYear } from "../domain/zone-rules";

/** The PRODID every calendar Trellis writes carries. */
export const PRODID = "-//Trellis//Mentoring//EN";
/** How often subscribed calendars should fetch the feed again. */
export const REFRESH = "PT1H";

const CRLF = "\r\n";
const DAY_MS = 86_400_000;

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
  return renderedFeedToIcs(feed.name, feed.meetings.map(renderedMeeting), feed.days, feed.stamp, now);
}

/**
 * A feed body from its meetings already rendered (`renderedMeeting`, in feed order): the same bytes as `feedToIcs` for
 * a feed of those meetings, without touching the meetings themselves (feeds.ts keeps them rendered per pairing).
 */
export function renderedFeedToIcs(
  name: string,
  meetings: readonly RenderedMeeting[],
  days: readonly FeedDay[],
  feedStamp: number,
  now: number,
): string {
  const stamp = feedStamp > 0 ? feedStamp : now;
  const head = calendar();
  head.text("X-WR-CALNAME", name);
  head.raw("X-PUBLISHED-TTL", REFRESH);
  head.raw("REFRESH-INTERVAL", REFRESH, { VALUE: "DURATION" });
  const zones = new ZoneSpan();
  const stampText = utcText(stamp);
  const texts: string[] = [];
  for (const rendered of meetings) {
    for (const [zone, from, to] of rendered.spans) zones.add(zone, from).add(zone, to);
    if (rendered.parts.length) texts.push(rendered.parts.join(stampText));
  }
  const dayLines: string[] = [];
  for (const day of days) writeComponent(dayEvent(day, stamp), dayLines);
  if (dayLines.length) texts.push(dayLines.join(CRLF));
  return write(head, zones, texts);
}

/** One meeting (its series and changed occurrences) as a `.ics` download to import. */
export function meetingToIcs(meeting: FeedMeeting, now: number): string {
  const head = calendar();
  head.raw("METHOD", "PUBLISH");
  const zones = new ZoneSpan();
  const rendered = renderMeeting(meeting);
  for (const [zone, from, to] of rendered.spans) zones.add(zone, from).add(zone, to);
  return write(head, zones, rendered.parts.length ? [rendered.parts.join(utcText(now))] : []);
}

/** A strong ETag for a body: the quoted hex SHA-256 of its UTF-8 bytes (pass the bytes when you have them). */
export async function icsEtag(body: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `"${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/** The UID a meeting's events carry (the same in every feed and download, so calendars merge them). */
export function meetingUid(meetingId: string): string {
  return `${meetingId}@trellis`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Components and property values

/** A component being written: its name and its content lines (unfolded), properties in the order they were added. */
class Component {
  readonly lines: string[] = [];
  constructor(readonly name: string) {}

  /** A property whose value is already in iCalendar form (a number, an enumerated value, a rule, a time). */
  raw(name: string, value: string | number, params: Record<string, string> = {}): this {
    let line = name;
    for (const [key, v] of Object.entries(params)) line += `;${key}=${paramValue(v)}`;
    this.lines.push(`${line}:${value}`);
    return this;
  }

  /** A TEXT property (escaped), left out when the value is blank. */
  text(name: string, value: string): this {
    const v = value.trim();
    return v ? this.raw(name, escapeText(v)) : this;
  }

  /** A URI property (control characters removed), left out when the value is blank. */
  uri(name: string, value: string): this {
    const v = value.replace(CONTROLS, "").trim();
    return v ? this.raw(name, v) : this;
  }

  /** A DATE-TIME property in UTC ("...Z"), to the second. */
  utc(name: string, epochMs: number): this {
    return this.raw(name, utcText(epochMs));
  }
}

/** Every control character (TAB, CR and LF included): none may end up inside a content line unescaped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped, other controls removed. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r/g, "\n")
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(CONTROLS, (c) => (c === "\t" ? c : ""));
}

/** A parameter value: quoted when it holds a character that would end it, never holding a quote or a control. */
function paramValue(value: string): string {
  const v = value.replace(CONTROLS, "").replace(/"/g, "");
  return /[;:,]/.test(v) ? `"${v}"` : v;
}

/** YYYYMMDDTHHMMSS of a time on a clock that reads as UTC (the fields of `new Date(ms)` in UTC). */
function dateTimeText(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace(/[-:]/g, "");
}

/** A UTC DATE-TIME value ("...Z"), to the second. */
function utcText(epochMs: number): string {
  return `${dateTimeText(epochMs)}Z`;
}

/** A DURATION value of whole seconds, for example "PT1H30M" or "P1DT2H". */
function durationText(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  let rest = Math.abs(Math.round(seconds));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const parts = [
    [Math.floor(rest / 3600), "H"] as const,
    [Math.floor((rest % 3600) / 60), "M"] as const,
    [rest % 60, "S"] as const,
  ];
  const time = parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join("");
  if (!days && !time) return "PT0S";
  return `${sign}P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}

/** A UTC-OFFSET value (ms east of UTC) as +HHMM, or +HHMMSS when it has seconds. */
function offsetText(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const seconds = total % 60;
  return `${ms < 0 ? "-" : "+"}${pad(Math.floor(total / 3600))}${pad(Math.floor((total % 3600) / 60))}${seconds ? pad(seconds) : ""}`;
}

/** A DATE value from "YYYY-MM-DD". */
function dateText(day: string): string {
  return day.slice(0, 10).replace(/-/g, "");
}

// ---------------------------------------------------------------------------------------------------------------------
// Events

function calendar(): Component {
  return new Component("VCALENDAR").raw("VERSION", "2.0").raw("PRODID", PRODID).raw("CALSCALE", "GREGORIAN");
}

// ---------------------------------------------------------------------------------------------------------------------
// Meetings rendered once

/**
 * Where DTSTAMP's value goes in a rendered meeting: the feed's stamp moves with any of its meetings, so a meeting's text
 * is kept without it and the stamp is put in when the feed is written. NUL never survives into a value otherwise (every
 * TEXT, URI and parameter value is stripped of control characters), and a DTSTAMP line is never folded.
 */
const STAMP = "\u0000";

/**
 * A meeting's VEVENTs as written text cut at each DTSTAMP value (empty when it has no occurrence), and the instants of
 * each zone its times need a VTIMEZONE for.
 */
export interface RenderedMeeting {
  parts: string[];
  spans: [zone: string, from: number, to: number][];
}

/** Renders a meeting's VEVENTs (master and overrides) with STAMP for DTSTAMP. */
function renderMeeting(m: FeedMeeting): RenderedMeeting {
  const zones = new ZoneSpan();
  const lines: string[] = [];
  for (const ev of meetingEvents(m, zones)) writeComponent(ev, lines);
  const spans = [...zones.spans].map(([zone, s]): [string, number, number] => [zone, s.from, s.to]);
  return { parts: lines.length ? lines.join(CRLF).split(STAMP) : [], spans };
}

/**
 * Meetings already rendered in this isolate, by their whole content (every field a VEVENT is written from, so an entry
 * never goes stale: a changed meeting has another key), least recently used first. A feed whose version moved because
 * one meeting changed renders only that one and copies the rest; a new isolate renders everything once.
 */
const rendered = new Map<string, RenderedMeeting>();
let renderedChars = 0;

/** Characters of keys and text the rendered meetings may hold (about 2 bytes each: some 16 MB, 8,000 meetings or so). */
const RENDERED_BUDGET = 8_000_000;

/** A meeting's rendered VEVENTs, from this isolate's memory when the same meeting was rendered before. */
export function renderedMeeting(m: FeedMeeting): RenderedMeeting {
  const key = JSON.stringify(m);
  const kept = rendered.get(key);
  if (kept) {
    rendered.delete(key);
    rendered.set(key, kept);
    return kept;
  }
  const fresh = renderMeeting(m);
  rendered.set(key, fresh);
  renderedChars += sizeOf(key, fresh);
  for (const [old, entry] of rendered) {
    if (renderedChars <= RENDERED_BUDGET) break;
    rendered.delete(old);
    renderedChars -= sizeOf(old, entry);
  }
  return fresh;
}

/** What an entry of `rendered` holds, in characters. */
function sizeOf(key: string, entry: RenderedMeeting): number {
  let n = key.length;
  for (const part of entry.parts) n += part.length;
  return n;
}

/** The VEVENTs of one meeting: the master, then one override per changed (or pinned) occurrence; DTSTAMP is STAMP. */
function meetingEvents(m: FeedMeeting, zones: ZoneSpan): Component[] {
  const s = m.schedule;
  const all = occurrences(s, m.changes);
  if (!all.length) return [];
  const at = new Clock(s.timeZone, zones);
  // The zone's VTIMEZONE must be right for every occurrence, not only the ones written out.
  for (const o of all) at.cover(o.start, o.end);
  const changeOf = new Map(m.changes.map((c) => [c.recurrenceId, c]));
  const status = STATUS[m.status] ?? "TENTATIVE";
  const common = (ev: Component) => ev.raw("UID", escapeText(meetingUid(m.id))).raw("DTSTAMP", STAMP);
  const details = (ev: Component) =>
    ev
      .text("SUMMARY", m.title)
      .text("LOCATION", m.kind === "video" ? m.videoUrl || m.location : m.location)
      .uri("URL", m.url)
      .text("DESCRIPTION", m.description);

  const master = common(new Component("VEVENT"));
  const first = all[0]!;
  const repeating = s.repeat !== "none";
  if (!repeating) {
    // A one-off's change (moved or cancelled) is applied to the event itself.
    const change = first.moved || first.cancelled ? changeOf.get(first.recurrenceId) : undefined;
    master.raw("SEQUENCE", Math.max(m.sequence, change?.sequence ?? 0));
    at.start(master, "DTSTART", first.moved ? change!.startLocal! : s.startLocal, first.start);
    at.end(master, first.end);
  } else {
    master.raw("SEQUENCE", m.sequence);
    // DTSTART is the rule's wall-clock time; the exact length goes in DTEND, or in DURATION when that first local start
    // is not one instant or the first meeting spans a clock change (a client reading DTEND - DTSTART as wall-clock time
    // would otherwise get every occurrence's length wrong).
    const original = first.moved ? occurrences(s)[0]! : first;
    at.local(master, "DTSTART", s.startLocal);
    if (!at.irregular(original)) at.end(master, original.end);
    else master.raw("DURATION", durationText((original.end - original.start) / 1000));
    master.raw("RRULE", rruleOf(s)!);
  }
  details(master);
  master.raw("STATUS", !repeating && first.cancelled ? "CANCELLED" : status);
  master.utc("CREATED", m.createdAt).utc("LAST-MODIFIED", m.updatedAt);
  if (!repeating) return [master];

  // Overrides: cancelled occurrences (original times), moved ones, and irregular ones (pinned at the instants Trellis
  // means, so clients that resolve such times differently, or add the length on the wall clock, still agree).
  const out = [master];
  for (const o of all) {
    const change = o.cancelled || o.moved ? changeOf.get(o.recurrenceId) : undefined;
    if (!change && !at.irregular(o)) continue;
    const ev = common(new Component("VEVENT"));
    at.local(ev, "RECURRENCE-ID", o.recurrenceId);
    ev.raw("SEQUENCE", change?.sequence ?? m.sequence);
    at.start(ev, "DTSTART", o.moved ? change!.startLocal! : o.recurrenceId, o.start);
    at.end(ev, o.end);
    details(ev);
    ev.raw("STATUS", o.cancelled ? "CANCELLED" : status).utc("LAST-MODIFIED", m.updatedAt);
    out.push(ev);
  }
  return out;
}

/** An all-day item: a milestone or a check-in window, shown as free time. */
function dayEvent(d: FeedDay, stamp: number): Component {
  return new Component("VEVENT")
    .raw("UID", escapeText(d.uid))
    .utc("DTSTAMP", stamp)
    .raw("DTSTART", dateText(d.start), { VALUE: "DATE" })
    .raw("DTEND", dateText(d.end > d.start ? d.end : nextDay(d.start)), { VALUE: "DATE" })
    .text("SUMMARY", d.title)
    .uri("URL", d.url)
    .text("DESCRIPTION", d.url)
    .raw("TRANSP", "TRANSPARENT")
    .utc("LAST-MODIFIED", d.updatedAt);
}

// ---------------------------------------------------------------------------------------------------------------------
// Times

/** Writes a series' times in its zone: local with TZID (noting the zone's use), or UTC ("Z") for the UTC zone. */
class Clock {
  /** The zone whose rules apply; null for UTC, written with "Z" and no VTIMEZONE. */
  private readonly ruled: string | null;
  constructor(
    private readonly zone: string,
    private readonly zones: ZoneSpan,
  ) {
    this.ruled = isUtc(zone) ? null : zone;
  }

  /**
   * True when clients may place an occurrence differently from Trellis: its local start is skipped or happens twice,
   * its end's local time does, or a clock change falls inside it (ical.js, for one, adds the length on the wall clock).
   */
  irregular(o: { recurrenceId: string; start: number; end: number }): boolean {
    const zone = this.ruled;
    if (!zone) return false;
    // Each case needs a change of offset within hours of the occurrence or of its original local start (a local time is
    // within 14 hours of its instant): with none within a day, the answer is no without resolving any local time.
    const original = localMs(o.recurrenceId);
    const change = nextTransition(zone, Math.min(o.start, original) - DAY_MS - 1);
    if (!change || change.at > Math.max(o.end, original) + DAY_MS) return false;
    return (
      isUnclear(zone, localMs(o.recurrenceId)) ||
      isUnclear(zone, o.end + offsetAt(zone, o.end)) ||
      offsetAt(zone, o.start) !== offsetAt(zone, o.end)
    );
  }

  /** Notes that the document needs the zone for these instants. */
  cover(...epochMs: number[]) {
    if (this.ruled) for (const ms of epochMs) this.zones.add(this.zone, ms);
  }

  /** DTSTART or RECURRENCE-ID as the local wall-clock time (the series' rule). */
  local(ev: Component, name: string, local: string) {
    const ms = localMs(local);
    if (!this.ruled) return void ev.utc(name, ms);
    this.cover(ms - offsetAt(this.ruled, ms));
    ev.raw(name, dateTimeText(ms), { TZID: this.zone });
  }

  /**
   * A start at local time `local` meaning instant `epochMs`: local with TZID, or the instant in UTC when `local` is
   * unclear.
   */
  start(ev: Component, name: string, local: string, epochMs: number) {
    if (this.ruled && isUnclear(this.ruled, localMs(local))) ev.utc(name, epochMs);
    else this.local(ev, name, local);
  }

  /** DTEND for an instant: local with TZID when that local time means exactly this instant, else in UTC. */
  end(ev: Component, epochMs: number) {
    if (!this.ruled) return void ev.utc("DTEND", epochMs);
    const local = epochMs + offsetAt(this.ruled, epochMs);
    if (isUnclear(this.ruled, local)) return void ev.utc("DTEND", epochMs);
    this.cover(epochMs);
    ev.raw("DTEND", dateTimeText(local), { TZID: this.zone });
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

function nextDay(day: string): string {
  return new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + 1)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------------
// Time zones

/** The zones a document uses and the instants it needs each for. */
class ZoneSpan {
  readonly spans = new Map<string, { from: number; to: number }>();
  add(zone: string, ms: number): this {
    const span = this.spans.get(zone);
    if (!span) this.spans.set(zone, { from: ms, to: ms });
    else {
      if (ms < span.from) span.from = ms;
      if (ms > span.to) span.to = ms;
    }
    return this;
  }
}

/** Written VTIMEZONE blocks by zone and covered years. */
const blocks = new Map<string, string[]>();

/**
 * The folded lines of a VTIMEZONE for `zone` that is right (per the runtime's zone rules) for every instant in the (UTC)
 * years of [from, to]: an observance at the start of the first year, then one per transition, each starting at the
 * transition's wall-clock time in the offset in force before it.
 */
export function vtimezoneLines(zone: string, from: number, to: number): string[] {
  const fromYear = new Date(from).getUTCFullYear();
  const toYear = new Date(to).getUTCFullYear();
  const key = `${zone}|${fromYear}|${toYear}`;
  let lines = blocks.get(key);
  if (!lines) {
    const vtz = new Component("VTIMEZONE").raw("TZID", escapeText(zone));
    const parts: Component[] = [];
    const observance = (kind: "STANDARD" | "DAYLIGHT", before: number, after: number, local: number) =>
      parts.push(
        new Component(kind)
          .raw("TZOFFSETFROM", offsetText(before))
          .raw("TZOFFSETTO", offsetText(after))
          .raw("DTSTART", dateTimeText(local)),
      );
    const first = zoneYear(zone, fromYear);
    observance("STANDARD", first.start, first.start, Date.UTC(fromYear, 0, 1) + first.start);
    for (let year = fromYear; year <= toYear; year++) {
      for (const t of zoneYear(zone, year).transitions)
        observance(t.after > t.before ? "DAYLIGHT" : "STANDARD", t.before, t.after, t.at + t.before);
    }
    lines = [];
    writeComponent(vtz, lines, parts);
    if (blocks.size > 500) blocks.clear();
    blocks.set(key, lines);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------------
// Writing

/**
 * The whole document: calendar properties, the VTIMEZONEs its times use, then the events (already written, CRLF
 * between their lines); CRLF line ends throughout.
 */
function write(head: Component, zones: ZoneSpan, events: string[]): string {
  const lines: string[] = ["BEGIN:VCALENDAR"];
  for (const line of head.lines) lines.push(fold(line));
  for (const [zone, span] of zones.spans) lines.push(...vtimezoneLines(zone, span.from, span.to));
  for (const text of events) lines.push(text);
  lines.push("END:VCALENDAR");
  return lines.join(CRLF) + CRLF;
}

/** A component's folded lines (and those of its subcomponents) between BEGIN and END. */
function writeComponent(component: Component, lines: string[], subcomponents: Component[] = []) {
  lines.push(`BEGIN:${component.name}`);
  for (const line of component.lines) lines.push(fold(line));
  for (const sub of subcomponents) writeComponent(sub, lines);
  lines.push(`END:${component.name}`);
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
