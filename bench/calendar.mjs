/**
 * Calendar feed benchmark (`npm run bench:calendar`, through tsx so it can import the TypeScript feed writer).
 * Builds a seeded feed of 500 meetings (a third one-offs, the rest weekly, fortnightly or monthly series of 4–30
 * occurrences with cancelled and moved ones, in ten zones) plus 50 all-day items, and prints: the time to build it with
 * `feedToIcs` (the first, cold build — zone rules and VTIMEZONE checks not yet cached in the isolate — and the median
 * of the warm builds after it), the time `occurrences()` alone takes for the same meetings, the body's size raw and
 * gzipped, and the ETag time. Then parses the body back with ical.js, registers its VTIMEZONEs, expands every series
 * with ical.js's own iterator and checks each meeting lands exactly on `occurrences()`; exits non-zero if anything
 * differs. Options: MEETINGS (500), RUNS (9).
 */
import { gzipSync } from "node:zlib";
import ICAL from "ical.js";
import { feedToIcs, icsEtag } from "../worker/calendar/ics.ts";
import { checkLocal, occurrences, parseLocal } from "../worker/domain/meetings/recurrence.ts";
import { rng, ZONES } from "./fixtures.mjs";

const MEETINGS = Number(process.env.MEETINGS ?? 500);
const RUNS = Number(process.env.RUNS ?? 9);

function buildFeed(n, seed) {
  const rand = rng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const meetings = [];
  while (meetings.length < n) {
    const zone = pick(ZONES);
    const repeat = rand() < 0.33 ? "none" : pick(["weekly", "weekly", "fortnightly", "monthly"]);
    const day = new Date(Date.UTC(2026, 0, 5) + int(0, 540) * 86_400_000);
    if (repeat === "monthly" && day.getUTCDate() > 28) continue;
    const local = `${day.toISOString().slice(0, 10)}T${String(int(7, 21)).padStart(2, "0")}:${pick(["00", "15", "30", "45"])}`;
    if (checkLocal(parseLocal(local), zone).kind === "gap") continue;
    const count = repeat === "none" ? null : rand() < 0.7 ? int(4, 30) : null;
    const until =
      repeat !== "none" && count === null
        ? new Date(day.getTime() + int(30, 240) * 86_400_000).toISOString().slice(0, 10)
        : null;
    const schedule = {
      timeZone: zone,
      startLocal: local,
      durationMinutes: pick([30, 45, 60, 90]),
      repeat,
      count,
      until,
    };
    const starts = occurrences(schedule);
    const changes = [];
    if (repeat !== "none") {
      for (let k = int(0, 3); k > 0; k--) {
        const o = pick(starts);
        if (changes.some((c) => c.recurrenceId === o.recurrenceId)) continue;
        const sequence = int(2, 6);
        if (rand() < 0.5)
          changes.push({
            recurrenceId: o.recurrenceId,
            status: "cancelled",
            startLocal: null,
            durationMinutes: null,
            sequence,
          });
        else {
          const to = new Date(Date.parse(`${o.recurrenceId}:00Z`) + int(-2, 2) * 86_400_000 + int(-4, 4) * 30 * 60_000)
            .toISOString()
            .slice(0, 16);
          if (checkLocal(parseLocal(to), zone).kind === "gap") continue;
          changes.push({
            recurrenceId: o.recurrenceId,
            status: "moved",
            startLocal: to,
            durationMinutes: rand() < 0.5 ? null : 30,
            sequence,
          });
        }
      }
    }
    const id = `m${String(meetings.length + 1).padStart(4, "0")}-${Math.floor(rand() * 1e9).toString(36)}`;
    const kind = pick(["video", "video", "phone", "in-person"]);
    meetings.push({
      id,
      pairingId: `p${int(1, 200)}`,
      title: pick([
        "Weekly check-in",
        "Goal review",
        "Kick-off, first steps",
        "CV feedback; portfolio",
        "Mock interview — round 2",
        "Café chat ☕",
      ]),
      kind,
      location: kind === "in-person" ? "Library, room 3; 2nd floor" : kind === "phone" ? "+49 30 1234567" : "",
      videoUrl: kind === "video" ? `https://meet.example.org/${id}` : "",
      schedule,
      status: pick(["confirmed", "confirmed", "confirmed", "proposed", "cancelled"]),
      sequence: int(0, 3),
      changes,
      url: `https://trellis.example.org/pairings/p1/meetings/${id}`,
      createdAt: Date.UTC(2026, 0, 1) + int(0, 1e6) * 1000,
      updatedAt: Date.UTC(2026, 0, 20) + int(0, 1e6) * 1000,
    });
  }
  const days = Array.from({ length: 50 }, (_, i) => {
    const start = new Date(Date.UTC(2026, 1, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(2026, 1, 1) + (i * 7 + (i % 3) + 1) * 86_400_000).toISOString().slice(0, 10);
    return {
      uid: `goal-${i}@trellis`,
      title: `Milestone ${i + 1}`,
      start,
      end,
      url: `https://trellis.example.org/g/${i}`,
      updatedAt: Date.UTC(2026, 1, 1),
    };
  });
  return { name: "Trellis: all meetings", meetings, days, stamp: Date.UTC(2026, 1, 1, 9) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (x) => `${(x / 1024).toFixed(1)} KiB`;

const feed = buildFeed(MEETINGS, 20261121);
const series = feed.meetings.filter((m) => m.schedule.repeat !== "none");
const totalOccurrences = feed.meetings.reduce((n, m) => n + occurrences(m.schedule, m.changes).length, 0);

let body = "";
const times = [];
for (let i = 0; i < RUNS + 1; i++) {
  const t = performance.now();
  body = feedToIcs(feed, Date.now());
  times.push(performance.now() - t);
}
const [cold, ...warm] = times;
const domain = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  for (const m of feed.meetings) occurrences(m.schedule, m.changes);
  domain.push(performance.now() - t);
}
let t = performance.now();
const etag = await icsEtag(body);
const etagMs = performance.now() - t;
const bytes = Buffer.byteLength(body);
const gzip = gzipSync(body).length;

// Valid? Parse it back with ical.js and expand every meeting with its own iterator.
t = performance.now();
const cal = new ICAL.Component(ICAL.parse(body));
ICAL.TimezoneService.reset();
const zones = cal.getAllSubcomponents("vtimezone");
for (const vtz of zones) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
const vevents = cal.getAllSubcomponents("vevent");
const byUid = new Map();
for (const e of vevents)
  byUid.set(e.getFirstPropertyValue("uid"), [...(byUid.get(e.getFirstPropertyValue("uid")) ?? []), e]);
let mismatches = 0;
for (const m of feed.meetings) {
  const events = byUid.get(`${m.id}@trellis`) ?? [];
  const master = events.find((e) => !e.hasProperty("recurrence-id"));
  const event = new ICAL.Event(master, {
    exceptions: events.filter((e) => e.hasProperty("recurrence-id")),
    strictExceptions: true,
  });
  const got = [];
  if (master.getFirstPropertyValue("status") !== "CANCELLED") {
    if (!event.isRecurring()) got.push(`${event.startDate.toUnixTime()} ${event.endDate.toUnixTime()}`);
    else {
      const it = event.iterator();
      for (let next = it.next(); next; next = it.next()) {
        const d = event.getOccurrenceDetails(next);
        if (d.item.component.getFirstPropertyValue("status") !== "CANCELLED")
          got.push(`${d.startDate.toUnixTime()} ${d.endDate.toUnixTime()}`);
      }
    }
  }
  const want =
    m.status === "cancelled"
      ? []
      : occurrences(m.schedule, m.changes)
          .filter((o) => !o.cancelled)
          .map((o) => `${o.start / 1000} ${o.end / 1000}`);
  if (got.sort().join() !== want.sort().join()) {
    mismatches++;
    if (mismatches <= 3)
      console.error(
        `mismatch ${m.id} (${m.schedule.timeZone} ${m.schedule.startLocal} ${m.schedule.repeat}):\n  ical.js ${got.join(", ")}\n  ours    ${want.join(", ")}`,
      );
  }
}
const parseMs = performance.now() - t;

console.log(
  `feed: ${feed.meetings.length} meetings (${series.length} series, ${feed.meetings.length - series.length} one-offs; ${totalOccurrences} occurrences, ${feed.meetings.reduce((n, m) => n + m.changes.length, 0)} changes) + ${feed.days.length} all-day items, ${new Set(feed.meetings.map((m) => m.schedule.timeZone)).size} zones`,
);
console.log(
  `feedToIcs: cold ${ms(cold)}, warm median ${ms(median(warm))} (min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))}, ${warm.length} runs)`,
);
console.log(`occurrences() alone for the same meetings: median ${ms(median(domain))}`);
console.log(
  `size: ${kb(bytes)} raw, ${kb(gzip)} gzip (${((gzip / bytes) * 100).toFixed(0)}%); ${body.split("\r\n").length - 1} lines; icsEtag ${ms(etagMs)} → ${etag.slice(0, 18)}…"`,
);
console.log(
  `ical.js read-back: ${vevents.length} VEVENTs, ${zones.length} VTIMEZONEs; every meeting expanded and compared with occurrences() in ${ms(parseMs)}: ${mismatches ? `${mismatches} MISMATCHES` : "all agree"}`,
);
process.exit(mismatches ? 1 : 0);
