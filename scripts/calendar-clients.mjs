/**
 * Real calendar clients read Trellis's iCalendar feeds: `node --import tsx scripts/calendar-clients.mjs [--json]
 * [--keep]` (run by test/e2e/calendar-clients.test.mjs; tsx lets it import the TypeScript feed writer and recurrence
 * rules).
 *
 * 1. Builds one feed with `feedToIcs` of recurring series that cross daylight-saving changes in Europe/Berlin,
 *    America/New_York, Australia/Sydney and Asia/Kolkata (weekly, fortnightly, monthly; COUNT and UNTIL), with
 *    cancelled and moved occurrences, series whose wall-clock time is skipped or repeated on a change night, one-offs
 *    and an all-day item. Expected: `occurrences()` of each series, cancelled ones left out.
 * 2. khal (Debian's `khal`): a temporary config and a vdir calendar holding one file per UID (the VTIMEZONEs it uses,
 *    the master and its overrides, cut from the feed as written), then `khal list` over the feed's span, local zone
 *    UTC.
 * 3. python3-icalendar: parses the whole feed, expands each RRULE with dateutil.rrule from the tz-aware DTSTART (the
 *    TZID's zone, first of two for repeated times as RFC 5545 says), applies RECURRENCE-ID overrides and
 *    STATUS:CANCELLED, and prints UTC instants with SUMMARY, LOCATION and DESCRIPTION as it read them.
 * Both must list exactly the expected instants (and python the expected texts). Prints a report (or, with --json, one
 * JSON object: { ok, missing, clients: { khal, python: { ok, events, mismatches, excerpt } } }); exits 0 when both
 * agree, 1 when one disagrees, 2 when a client is missing (with what to install).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { feedToIcs } from "../worker/calendar/ics.ts";
import { translator } from "../worker/domain/i18n/translate.ts";
import { describeMeeting } from "../worker/domain/meetings/describe.ts";
import { checkLocal, occurrences, parseLocal } from "../worker/domain/meetings/recurrence.ts";

const PYTHON = process.env.PYTHON3 ?? "/usr/bin/python3";
const KHAL = process.env.KHAL ?? "khal";
/** The series whose client output the report shows. */
export const EXCERPT_UID = "berlin-weekly@trellis";

const BASE = {
  pairingId: "pair-1",
  kind: "video",
  location: "",
  videoUrl: "https://meet.example.org/trellis-abc",
  status: "confirmed",
  sequence: 1,
  changes: [],
  createdAt: Date.UTC(2026, 0, 10, 8),
  updatedAt: Date.UTC(2026, 1, 1, 8),
};
const schedule = (timeZone, startLocal, durationMinutes, repeat, count, until = null) => ({
  timeZone,
  startLocal,
  durationMinutes,
  repeat,
  count,
  until,
});
const cancel = (recurrenceId, sequence = 2) => ({
  recurrenceId,
  status: "cancelled",
  startLocal: null,
  durationMinutes: null,
  sequence,
});
const move = (recurrenceId, startLocal, durationMinutes = null, sequence = 3) => ({
  recurrenceId,
  status: "moved",
  startLocal,
  durationMinutes,
  sequence,
});

/** The meetings of the feed: series across DST changes in four zones, edge times, one-offs. */
export function clientMeetings() {
  const m = (id, title, s, extra = {}) => ({
    ...BASE,
    id,
    title,
    schedule: s,
    url: `https://trellis.example.org/pairings/pair-1/meetings/${id}`,
    ...extra,
  });
  return [
    // Europe/Berlin: summer time starts 2026-03-29, ends 2026-10-25.
    m(
      "berlin-weekly",
      "Weekly check-in, Berlin; ünïcödé \\ 🎉",
      schedule("Europe/Berlin", "2026-03-12T18:00", 60, "weekly", 8),
      {
        changes: [cancel("2026-03-19T18:00"), move("2026-04-02T18:00", "2026-04-03T09:30", 45)],
      },
    ),
    m(
      "berlin-fortnightly",
      "Fortnightly, Berlin",
      schedule("Europe/Berlin", "2026-09-03T19:30", 90, "fortnightly", null, "2026-12-10"),
      {
        kind: "in-person",
        videoUrl: "",
        location: "Café Linden, Room 2; 3rd floor",
        changes: [move("2026-10-29T19:30", "2026-10-25T10:00")],
      },
    ),
    m(
      "berlin-gap",
      "Berlin 02:30 across the spring change",
      schedule("Europe/Berlin", "2026-03-15T02:30", 60, "weekly", 4),
    ),
    m(
      "berlin-overlap",
      "Berlin 02:30 across the autumn change",
      schedule("Europe/Berlin", "2026-10-11T02:30", 60, "weekly", 4),
      {
        changes: [cancel("2026-11-01T02:30")],
      },
    ),
    // America/New_York: DST starts 2026-03-08, ends 2026-11-01.
    m("ny-weekly", "Tuesday mentoring, New York", schedule("America/New_York", "2026-02-24T17:00", 60, "weekly", 6), {
      kind: "phone",
      videoUrl: "",
      location: "+1 212 555 0100, ext. 4",
      changes: [move("2026-03-10T17:00", "2026-03-11T08:00", 30)],
    }),
    m(
      "ny-monthly",
      "Monthly review, New York",
      schedule("America/New_York", "2026-08-05T09:00", 60, "monthly", null, "2027-01-05"),
    ),
    m(
      "ny-overlap",
      "New York 01:30 across the autumn change",
      schedule("America/New_York", "2026-10-18T01:30", 45, "weekly", 3),
    ),
    // Australia/Sydney: daylight time ends 2026-04-05, starts 2026-10-04.
    m("sydney-weekly", "Morning call, Sydney", schedule("Australia/Sydney", "2026-03-20T07:30", 45, "weekly", 5), {
      changes: [cancel("2026-04-03T07:30")],
    }),
    m(
      "sydney-fortnightly",
      "Fortnightly, Sydney",
      schedule("Australia/Sydney", "2026-09-20T18:00", 60, "fortnightly", null, "2026-11-15"),
    ),
    m(
      "sydney-gap",
      "Sydney 02:30 across the spring change",
      schedule("Australia/Sydney", "2026-09-27T02:30", 30, "weekly", 2),
    ),
    // Asia/Kolkata: no daylight-saving time.
    m(
      "kolkata-weekly",
      "Weekly, Kolkata",
      schedule("Asia/Kolkata", "2026-03-01T20:00", 60, "weekly", null, "2026-04-30"),
      {
        changes: [move("2026-03-29T20:00", "2026-03-28T21:15")],
      },
    ),
    m("kolkata-monthly", "Monthly, Kolkata", schedule("Asia/Kolkata", "2026-10-28T09:30", 30, "monthly", 4)),
    // One-offs, and a whole series that was cancelled.
    m("oneoff-utc", "One-off in UTC", schedule("UTC", "2026-06-01T12:00", 30, "none", null), { status: "proposed" }),
    m("oneoff-moved", "One-off, moved", schedule("Europe/Berlin", "2026-07-01T10:00", 60, "none", null), {
      changes: [move("2026-07-01T10:00", "2026-07-02T15:00")],
    }),
    m("cancelled-series", "Cancelled series", schedule("America/New_York", "2026-10-20T12:00", 60, "weekly", 3), {
      status: "cancelled",
    }),
    m(
      "berlin-spans-autumn",
      "Berlin 01:30–03:30, the autumn change inside",
      schedule("Europe/Berlin", "2026-10-18T01:30", 120, "weekly", 3),
    ),
    ...randomSeries(40, 20261121),
  ];
}

/**
 * Seeded random series in the four zones at any time of day or night (gap starts left out, as the form refuses them).
 */
function randomSeries(n, seed) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];
  const out = [];
  while (out.length < n) {
    const zone = pick(zones);
    const repeat = pick(["weekly", "fortnightly", "monthly"]);
    const start = new Date(
      Date.UTC(2026, 0, 1) + Math.floor(rand() * 700) * 86_400_000 + Math.floor(rand() * 96) * 15 * 60_000,
    );
    if (repeat === "monthly" && start.getUTCDate() > 28) continue;
    const local = start.toISOString().slice(0, 16);
    const s =
      rand() < 0.5
        ? schedule(zone, local, 15 * (1 + Math.floor(rand() * 16)), repeat, 2 + Math.floor(rand() * 25))
        : schedule(
            zone,
            local,
            60,
            repeat,
            null,
            new Date(start.getTime() + Math.floor(rand() * 300) * 86_400_000).toISOString().slice(0, 10),
          );
    if (checkLocal(parseLocal(local), zone).kind === "gap") continue;
    const starts = occurrences(s);
    const changes = [];
    for (let k = Math.floor(rand() * 3); k > 0; k--) {
      const o = pick(starts);
      if (changes.some((c) => c.recurrenceId === o.recurrenceId)) continue;
      if (rand() < 0.5) changes.push(cancel(o.recurrenceId));
      else
        changes.push(
          move(
            o.recurrenceId,
            new Date(Date.parse(`${o.recurrenceId}:00Z`) + Math.floor(rand() * 96 - 48) * 30 * 60_000)
              .toISOString()
              .slice(0, 16),
          ),
        );
    }
    const id = `random-${out.length + 1}`;
    out.push({
      ...BASE,
      id,
      title: `Random ${out.length + 1}`,
      schedule: s,
      changes,
      url: `https://trellis.example.org/m/${id}`,
    });
  }
  return out;
}

/** The uid of the feed's check-in window, which every client must list as exactly one event. */
export const WINDOW_UID = "pairing-1-check-in-1@trellis";

/** The feed as Trellis writes it. */
export function clientFeed() {
  return {
    name: "Trellis: Ana, Bo; all meetings",
    // Described as the feed loader describes a meeting, in English.
    meetings: clientMeetings().map((m) => ({ ...m, description: describeMeeting(m, m.url, translator("en")) })),
    days: [
      {
        uid: "milestone-1@trellis",
        title: "Goal due, first draft",
        start: "2026-05-01",
        end: "2026-05-02",
        url: "https://trellis.example.org/g/1",
        updatedAt: Date.UTC(2026, 1, 1),
      },
      {
        // A check-in window: one all-day event from its first day to the day after its last (Monday to Friday).
        uid: WINDOW_UID,
        title: "Check-in 1 open (Spring)",
        start: "2026-05-04",
        end: "2026-05-09",
        url: "https://trellis.example.org/p/1",
        updatedAt: Date.UTC(2026, 1, 1),
      },
    ],
    stamp: Date.UTC(2026, 1, 1, 9),
  };
}

const iso = (ms) =>
  new Date(ms)
    .toISOString()
    .replace(/\.000Z$/, "Z")
    .replace(/:00Z$/, "Z");

/** What every client should list: per meeting, the non-cancelled occurrences as "uid start end" in UTC, sorted. */
export function expectedEvents(feed) {
  const out = [];
  for (const m of feed.meetings) {
    if (m.status === "cancelled" || m.status === "declined") continue;
    for (const o of occurrences(m.schedule, m.changes))
      if (!o.cancelled) out.push(`${m.id}@trellis ${iso(o.start)} ${iso(o.end)}`);
  }
  for (const d of feed.days) out.push(`${d.uid} ${d.start} ${d.end}`);
  return out.sort();
}

const dayAfter = (day) => new Date(Date.parse(`${day}T00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Unfolded content lines. */
const unfold = (text) =>
  text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);

/** Cuts a feed into one VCALENDAR per UID (its VTIMEZONEs, master and overrides), keeping the lines as written. */
export function splitByUid(ics) {
  const lines = ics.split("\r\n");
  const head = [];
  const zones = new Map();
  const events = new Map();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "BEGIN:VTIMEZONE" || line === "BEGIN:VEVENT") {
      const end = line.replace("BEGIN", "END");
      const block = [];
      while (lines[i] !== end) block.push(lines[i++]);
      block.push(end);
      const flat = unfold(`${block.join("\r\n")}\r\n`);
      if (line === "BEGIN:VTIMEZONE") zones.set(flat.find((l) => l.startsWith("TZID:")).slice(5), block);
      else {
        const uid = flat.find((l) => l.startsWith("UID:")).slice(4);
        events.set(uid, [...(events.get(uid) ?? []), block]);
      }
    } else if (
      line &&
      line !== "BEGIN:VCALENDAR" &&
      line !== "END:VCALENDAR" &&
      !/^(X-|REFRESH-INTERVAL)/.test(line) &&
      !line.startsWith(" ")
    )
      head.push(line);
  }
  const files = new Map();
  for (const [uid, blocks] of events) {
    const text = blocks.flat().join("\r\n");
    const used = [...zones.keys()].filter((tzid) => unfold(text).some((l) => l.includes(`;TZID=${tzid}:`)));
    files.set(
      uid,
      [
        "BEGIN:VCALENDAR",
        ...head,
        ...used.flatMap((tzid) => zones.get(tzid)),
        ...blocks.flat(),
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  }
  return files;
}

/** Runs a command; returns { status, stdout, stderr } or { missing } when it cannot be started. */
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 60_000, ...options });
  if (r.error) return { missing: `${cmd}: ${r.error.code === "ENOENT" ? "not found" : r.error.message}` };
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * khal: a vdir of one file per UID, local zone UTC; lines "uid start end" (cancelled ones dropped), plus the raw
 * output.
 */
function readWithKhal(ics, dir) {
  const vdir = join(dir, "vdir", "trellis");
  mkdirSync(vdir, { recursive: true });
  for (const [uid, text] of splitByUid(ics))
    writeFileSync(join(vdir, `${uid.replace(/[^A-Za-z0-9@._-]/g, "_")}.ics`), text);
  const config = join(dir, "khal.conf");
  writeFileSync(
    config,
    [
      "[calendars]",
      "[[trellis]]",
      `path = ${vdir}`,
      "[sqlite]",
      `path = ${join(dir, "khal.db")}`,
      "[locale]",
      "local_timezone = UTC",
      "default_timezone = UTC",
      "timeformat = %H:%M",
      "dateformat = %Y-%m-%d",
      "longdateformat = %Y-%m-%d",
      "datetimeformat = %Y-%m-%dT%H:%M",
      "longdatetimeformat = %Y-%m-%dT%H:%MZ",
      "[default]",
      "default_calendar = trellis",
      "",
    ].join("\n"),
  );
  const format = "{uid}|{start-long}|{end-long}|{cancelled}|{title}";
  const r = run(KHAL, ["-c", config, "list", "--format", format, "--day-format", "", "2026-01-01", "2031-12-31"], {
    env: { ...process.env, TZ: "UTC", LC_ALL: "C.UTF-8", XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  });
  if (r.missing) return r;
  if (r.status !== 0) return { error: `khal exited ${r.status}: ${r.stderr.trim()}` };
  const seen = new Set();
  const events = [];
  const titles = {};
  for (const line of r.stdout.split("\n")) {
    if (!line.includes("|") || seen.has(line)) continue; // khal repeats an event on each day it touches
    seen.add(line);
    const [uid, start, end, cancelled, ...title] = line.split("|");
    if (cancelled.trim()) continue;
    // khal shows an all-day item's last day; the feed (like DTEND) names the day after it.
    events.push(`${uid} ${start} ${start.includes("T") ? end : dayAfter(end)}`);
    titles[uid] = title.join("|");
  }
  return { events: events.sort(), titles, raw: r.stdout, warnings: r.stderr.trim() };
}

const PYTHON_READER = `
import json, sys
from datetime import datetime, date, timedelta, timezone
import icalendar
from dateutil import rrule, tz

cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
UTC = timezone.utc
masters, overrides = {}, {}
for ev in cal.walk('VEVENT'):
    uid = str(ev['UID'])
    if 'RECURRENCE-ID' in ev:
        overrides.setdefault(uid, {})[ev['RECURRENCE-ID'].dt.replace(tzinfo=None)] = ev
    else:
        masters[uid] = ev

def zone_of(prop):
    tzid = prop.params.get('TZID')
    return tz.gettz(str(tzid)) if tzid else None

def aware(prop):
    """A DTSTART/DTEND as an aware datetime: the TZID's zone (dateutil, fold=0: the first of two) or UTC."""
    value = prop.dt
    zone = zone_of(prop)
    if zone is not None:
        return value.replace(tzinfo=zone)
    return value if value.tzinfo else value.replace(tzinfo=UTC)

def stamp(value):
    return value.astimezone(UTC).strftime('%Y-%m-%dT%H:%MZ')

out = []
for uid, ev in masters.items():
    texts = {k: str(ev.get(k, '')) for k in ('SUMMARY', 'LOCATION', 'DESCRIPTION', 'URL', 'STATUS')}
    out.append({'uid': uid, 'kind': 'texts', **texts})
    if str(ev.get('STATUS', '')) == 'CANCELLED' and 'RRULE' not in ev:
        continue
    if not isinstance(ev['DTSTART'].dt, datetime):
        out.append({'uid': uid, 'kind': 'event', 'line': '%s %s %s' % (uid, ev['DTSTART'].dt.isoformat(), ev['DTEND'].dt.isoformat())})
        continue
    start = aware(ev['DTSTART'])
    length = ev['DURATION'].dt if 'DURATION' in ev else aware(ev['DTEND']).astimezone(UTC) - start.astimezone(UTC)
    if 'RRULE' in ev:
        starts = list(rrule.rrulestr(ev['RRULE'].to_ical().decode(), dtstart=start))
    else:
        starts = [start]
    series_cancelled = str(ev.get('STATUS', '')) == 'CANCELLED'
    for s in starts:
        o = overrides.get(uid, {}).get(s.replace(tzinfo=None))
        if o is not None:
            if str(o.get('STATUS', '')) == 'CANCELLED':
                continue
            s2 = aware(o['DTSTART'])
            e2 = aware(o['DTEND']) if 'DTEND' in o else s2 + o['DURATION'].dt
            out.append({'uid': uid, 'kind': 'event', 'line': '%s %s %s' % (uid, stamp(s2), stamp(e2))})
        elif not series_cancelled:
            out.append({'uid': uid, 'kind': 'event', 'line': '%s %s %s' % (uid, stamp(s), stamp(s.astimezone(UTC) + length))})
json.dump(out, sys.stdout, ensure_ascii=False)
`;

/** python3-icalendar + dateutil over the whole feed. */
function readWithPython(ics, dir) {
  const file = join(dir, "feed.ics");
  writeFileSync(file, ics);
  const script = join(dir, "read_feed.py");
  writeFileSync(script, PYTHON_READER);
  const probe = run(PYTHON, ["-c", "import icalendar, dateutil; print(icalendar.__version__, dateutil.__version__)"]);
  if (probe.missing) return probe;
  if (probe.status !== 0)
    return { missing: `${PYTHON} cannot import icalendar and dateutil: ${probe.stderr.trim().split("\n").pop()}` };
  const r = run(PYTHON, [script, file]);
  if (r.status !== 0) return { error: `python exited ${r.status}: ${r.stderr.trim()}` };
  const rows = JSON.parse(r.stdout);
  return {
    version: probe.stdout.trim(),
    events: rows
      .filter((x) => x.kind === "event")
      .map((x) => x.line)
      .sort(),
    texts: Object.fromEntries(rows.filter((x) => x.kind === "texts").map(({ uid, kind, ...t }) => [uid, t])),
    raw: rows
      .filter((x) => x.kind === "event")
      .map((x) => x.line)
      .join("\n"),
  };
}

/** Lines only in `expected` (missing) and only in `actual` (extra). */
function diff(expected, actual) {
  const a = new Set(actual);
  const e = new Set(expected);
  return [
    ...expected.filter((x) => !a.has(x)).map((x) => `missing ${x}`),
    ...actual.filter((x) => !e.has(x)).map((x) => `extra   ${x}`),
  ];
}

/** What python should have read back for each meeting's texts. */
function expectedTexts(feed) {
  return Object.fromEntries(
    feed.meetings.map((m) => {
      const description = m.description;
      return [
        `${m.id}@trellis`,
        {
          SUMMARY: m.title,
          LOCATION: m.kind === "video" ? m.videoUrl : m.location,
          DESCRIPTION: description,
          URL: m.url,
        },
      ];
    }),
  );
}

export function checkClients({ keep = false } = {}) {
  const feed = clientFeed();
  const ics = feedToIcs(feed, feed.stamp);
  const expected = expectedEvents(feed);
  const dir = mkdtempSync(join(tmpdir(), "trellis-calendar-clients-"));
  const excerpt = (events) => events.filter((l) => l.startsWith(EXCERPT_UID)).join("\n");
  const result = {
    ok: true,
    missing: [],
    dir: keep ? dir : null,
    expected: excerpt(expected),
    clients: {},
    // The feed's VEVENTs of the check-in window, and the one line every client must list for it.
    windowVevents: ics.split("\r\n").filter((l) => l === `UID:${WINDOW_UID}`).length,
    window: expected.filter((l) => l.startsWith(`${WINDOW_UID} `)),
  };
  try {
    for (const [name, read] of [
      ["khal", readWithKhal],
      ["python", readWithPython],
    ]) {
      const r = read(ics, dir);
      if (r.missing || r.error) {
        if (r.missing) result.missing.push(`${name}: ${r.missing}`);
        result.clients[name] = { ok: false, error: r.missing ?? r.error };
        result.ok = false;
        continue;
      }
      const mismatches = diff(expected, r.events);
      if (name === "khal") {
        for (const m of feed.meetings) {
          const title = r.titles[`${m.id}@trellis`];
          if (title !== undefined && title !== m.title)
            mismatches.push(`title of ${m.id}: ${JSON.stringify(title)} != ${JSON.stringify(m.title)}`);
        }
      } else {
        for (const [uid, want] of Object.entries(expectedTexts(feed))) {
          for (const [key, value] of Object.entries(want)) {
            const got = r.texts[uid]?.[key];
            if (got !== value) mismatches.push(`${key} of ${uid}: ${JSON.stringify(got)} != ${JSON.stringify(value)}`);
          }
        }
      }
      result.clients[name] = {
        ok: mismatches.length === 0,
        events: r.events.length,
        mismatches,
        excerpt: excerpt(r.events),
        window: r.events.filter((l) => l.startsWith(`${WINDOW_UID} `)),
        version: r.version,
        warnings: r.warnings || undefined,
      };
      if (name === "khal")
        result.clients[name].rawExcerpt = r.raw
          .split("\n")
          .filter((l) => l.startsWith(EXCERPT_UID))
          .join("\n");
      if (mismatches.length) result.ok = false;
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  result.expectedCount = expected.length;
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const json = process.argv.includes("--json");
  const result = checkClients({ keep: process.argv.includes("--keep") });
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`expected ${result.expectedCount} events; ${EXCERPT_UID}:\n${result.expected}`);
    for (const [name, c] of Object.entries(result.clients)) {
      console.log(`\n${name}: ${c.ok ? "agrees" : "DISAGREES"}${c.error ? ` (${c.error})` : ""}`);
      if (c.excerpt) console.log(c.rawExcerpt ?? c.excerpt);
      for (const m of c.mismatches ?? []) console.log(`  ${m}`);
    }
    if (result.missing.length)
      console.log(
        `\nMissing clients (Debian: apt-get install -y khal python3-icalendar):\n  ${result.missing.join("\n  ")}`,
      );
    if (result.dir) console.log(`\nkept ${result.dir}`);
  }
  process.exit(result.missing.length ? 2 : result.ok ? 0 : 1);
}
