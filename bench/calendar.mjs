/**
 * Calendar feed benchmark (`npm run bench:calendar`): times the route a calendar app polls, `GET /calendar/TOKEN.ics`,
 * on a `wrangler dev` of its own (workerd, local D1 and Cache API, fresh state under /tmp; wrangler builds the assets
 * first, so a fresh clone needs no prior step), then checks the iCalendar writer's output against ical.js.
 *
 * For each size (MEETINGS, default 500 and 2000) it seeds, straight into D1, a feed of that many meetings (a third
 * one-offs, the rest weekly, fortnightly or monthly series of 4–30 occurrences with cancelled and moved ones, in ten
 * zones) spread over 10 pairings, and RUNS + 2 people who are members of all of them, each with a feed link. Then:
 *  - first build in the isolate: one person's first request, every meeting rendered (printed, no goal);
 *  - another person's first request: a feed never rendered, of meetings rendered before (printed, no goal);
 *  - changed feed, rebuilt: before each of RUNS requests of one link, one meeting's title changes in D1 (the row and its
 *    pairing's projection version, as the room's projection writes them) — that pairing's meetings read from D1 (the
 *    other pairings' are kept rendered under their versions), the changed meeting rendered, the others copied, the
 *    ETag, the cache put;
 *  - unchanged, cached body: one link requested RUNS times without If-None-Match (answered from the Cache API);
 *  - unchanged, 304: the same with If-None-Match (what calendar apps that keep the ETag send).
 * Figures are medians with ranges of the server's own time (`Server-Timing: total`, set by the request log
 * middleware) and of the wall time on localhost (wrangler's proxy included); the goals are on server time: an unchanged
 * 500-meeting feed < 5 ms (cached body and 304), a changed one rebuilt < 20 ms. 2,000 is measured and printed. A cheap
 * route (an unknown feed link: 404 before any D1 read) is printed as the floor of the server time.
 *
 * Then the writer alone (`feedToIcs` with every meeting rendered, cold and warm, and with the meetings rendered before;
 * `occurrences()`, size, ETag) for the first size, and the body
 * parsed back with ical.js, every series expanded with its own iterator and compared with `occurrences()`.
 * Exits 1 when a time goal is missed, 2 when anything differs or the run breaks. Options (environment or `--name=value`): MEETINGS
 * ("500,2000"), RUNS (7, at least 5), BENCH_PORT (8873), KEEP_STATE=1.
 */
import { createHash, randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import ICAL from "ical.js";
import { feedToIcs, icsEtag } from "../worker/calendar/ics.ts";
import { checkLocal, occurrences, parseLocal } from "../worker/domain/meetings/recurrence.ts";
import { rng, ZONES } from "./fixtures.mjs";
import { BenchServer, Goals, option, showSpread, sleep, spread, sqlText, textOption } from "./server.mjs";

const SIZES = textOption("MEETINGS", "500,2000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const RUNS = Math.max(5, option("RUNS", 7));
const PORT = option("BENCH_PORT", 8873);
const KEEP_STATE = textOption("KEEP_STATE", "0") === "1";
const PAIRINGS_PER_FEED = 10;
const GOAL = { unchanged: 5, rebuilt: 20 };

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
      description: `Video call\nIn Trellis: https://trellis.example.org/pairings/p1/meetings/${id}`,
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

/** The SQL that seeds one size: a program, 10 pairings, their meetings and changes, people and their feed links. */
function seedSql(size, feed, now) {
  const P = sqlText(`prog-${size}`);
  const out = [
    `INSERT INTO people (id, email, name, time_zone) VALUES ('coord-${size}', 'coord-${size}@example.org', 'Coordinator', 'Europe/Berlin')`,
    `INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by, created_at, updated_at)
      VALUES (${P}, 'Bench program', 'group', 52, 14, 'coordinator', 'coord-${size}', ${now}, ${now})`,
  ];
  for (let k = 0; k < PAIRINGS_PER_FEED; k++)
    out.push(
      `INSERT INTO pairings (id, program_id, source, stage, created_at, projection_version) VALUES ('pair-${size}-${k}', ${P}, 'matching', 'active', ${now - 30 * 86_400_000}, 1)`,
    );
  const links = [];
  const meetingIds = feed.meetings.map((m, i) => ({
    id: `s${size}${m.id.replace(/[^a-z0-9]/g, "")}`,
    pairingId: `pair-${size}-${i % PAIRINGS_PER_FEED}`,
  }));
  for (let u = 0; u < RUNS + 2; u++) {
    const person = `person-${size}-${u}`;
    const token = randomBytes(32).toString("base64url");
    links.push(token);
    out.push(
      `INSERT INTO people (id, email, name, time_zone) VALUES ('${person}', '${person}@example.org', 'Person ${u}', ${sqlText(ZONES[u % ZONES.length])})`,
      `INSERT INTO calendar_tokens (token_hash, person_id, pairing_id, created_at) VALUES ('${createHash("sha256").update(token).digest("hex")}', '${person}', NULL, ${now})`,
    );
    for (let k = 0; k < PAIRINGS_PER_FEED; k++)
      out.push(
        `INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES ('pair-${size}-${k}', '${person}', 'mentee', ${P})`,
      );
  }
  feed.meetings.forEach((m, i) => {
    const times = occurrences(m.schedule, m.changes);
    const s = m.schedule;
    const id = `s${size}${m.id.replace(/[^a-z0-9]/g, "")}`;
    out.push(
      `INSERT INTO meetings (id, pairing_id, organizer_id, title, kind, location, video_url, time_zone, start_local, duration_minutes, repeat, count, until, status, sequence, first_start, last_end, created_at, updated_at)
        VALUES (${sqlText(id)}, 'pair-${size}-${i % PAIRINGS_PER_FEED}', 'person-${size}-0', ${sqlText(m.title)}, ${sqlText(m.kind)}, ${sqlText(m.location)}, ${sqlText(m.videoUrl)},
        ${sqlText(s.timeZone)}, ${sqlText(s.startLocal)}, ${s.durationMinutes}, ${sqlText(s.repeat)}, ${s.count ?? "NULL"}, ${s.until ? sqlText(s.until) : "NULL"},
        ${sqlText(m.status)}, ${m.sequence}, ${Math.min(...times.map((o) => o.start))}, ${Math.max(...times.map((o) => o.end))}, ${m.createdAt}, ${m.updatedAt})`,
    );
    for (const c of m.changes)
      out.push(
        `INSERT INTO meeting_changes (meeting_id, recurrence_id, status, start_local, duration_minutes, sequence)
          VALUES (${sqlText(id)}, ${sqlText(c.recurrenceId)}, ${sqlText(c.status)}, ${c.startLocal ? sqlText(c.startLocal) : "NULL"}, ${c.durationMinutes ?? "NULL"}, ${c.sequence})`,
      );
  });
  return { statements: out, links, meetingIds };
}

/** SQL that changes one meeting's title as the room's projection does: the row, and its pairing's projection version. */
function changeSql(meeting, title) {
  return [
    `UPDATE meetings SET title = ${sqlText(title)}, updated_at = updated_at + 1000 WHERE id = ${sqlText(meeting.id)}`,
    `UPDATE pairings SET projection_version = projection_version + 1 WHERE id = ${sqlText(meeting.pairingId)}`,
  ];
}

/** Server time of a response (`Server-Timing: total;dur=N`), NaN when absent. */
const serverMs = (r) => Number(/total;dur=(\d+(?:\.\d+)?)/.exec(r.headers.get("server-timing") ?? "")?.[1] ?? NaN);

/**
 * Times one size: the first build (nothing rendered yet in the isolate), other people's first requests (the same
 * meetings, already rendered), a changed feed rebuilt (one meeting changed in D1 before each request), cached body,
 * 304; returns the figures.
 */
async function timeSize(server, size, links, meetingIds) {
  const path = (token) => `/calendar/${token}.ics`;
  // The isolate's first feed of these meetings: every meeting rendered (and zone rules read), then answered again.
  const first = await server.get(path(links[RUNS + 1]));
  if (first.status !== 200 || !first.body.startsWith("BEGIN:VCALENDAR"))
    throw new Error(`feed answered ${first.status}`);
  await server.get(path(links[RUNS + 1]));
  const otherPeople = [];
  for (let u = 1; u <= RUNS; u++) otherPeople.push(await server.get(path(links[u])));
  // A changed feed: one meeting's title changes in D1 (as a room's projection writes it) before each request.
  await server.get(path(links[0]));
  const rebuilt = [];
  for (let u = 0; u < RUNS; u++) {
    const title = `Changed ${size}-${u}`;
    server.execute(changeSql(meetingIds[(u * 37) % meetingIds.length], title));
    const r = await server.get(path(links[0]));
    if (r.status !== 200 || !r.body.includes(`SUMMARY:${title}`))
      throw new Error("a changed feed did not show the change");
    rebuilt.push(r);
  }
  const events = (rebuilt.at(-1).body.match(/BEGIN:VEVENT/g) ?? []).length;
  await sleep(300); // the cache is filled after the answer is sent
  const body = rebuilt.at(-1).body;
  const etag = rebuilt.at(-1).headers.get("etag");
  const cached = [];
  for (let i = 0; i < RUNS; i++) cached.push(await server.get(path(links[0])));
  if (cached.some((r) => r.status !== 200 || r.body !== body)) throw new Error("a cached answer differs from the feed");
  const notModified = [];
  for (let i = 0; i < RUNS; i++) notModified.push(await server.get(path(links[0]), { "If-None-Match": etag }));
  if (notModified.some((r) => r.status !== 304)) throw new Error("an unchanged feed with its ETag did not answer 304");
  const floor = [];
  for (let i = 0; i < RUNS; i++) floor.push(await server.get("/calendar/unknown.ics"));
  const of = (rs) => ({ server: spread(rs.map(serverMs)), wall: spread(rs.map((r) => r.ms)) });
  return {
    size,
    events,
    bytes: Buffer.byteLength(body),
    gzip: gzipSync(body).length,
    first: of([first]),
    otherPeople: of(otherPeople),
    rebuilt: of(rebuilt),
    cached: of(cached),
    notModified: of(notModified),
    floor: of(floor),
  };
}

/** Prints one size's figures and checks the goals of the 500-meeting feed. */
function report(goals, r) {
  console.log(
    `\n${r.size} meetings: ${r.events} VEVENTs, ${(r.bytes / 1024).toFixed(1)} KiB (${(r.gzip / 1024).toFixed(1)} KiB gzip)`,
  );
  for (const [what, f] of [
    ["first build in the isolate", r.first],
    ["another person's first request", r.otherPeople],
    ["changed, rebuilt", r.rebuilt],
    ["unchanged, cached body", r.cached],
    ["unchanged, 304", r.notModified],
    ["floor (unknown link, no D1)", r.floor],
  ])
    console.log(`  ${what.padEnd(32)} server ${showSpread(f.server)}; wall ${showSpread(f.wall)}`);
  if (r.size !== 500) return;
  goals.check("500 meetings, unchanged feed, cached body (server median)", r.cached.server.median, GOAL.unchanged);
  goals.check("500 meetings, unchanged feed, 304 (server median)", r.notModified.server.median, GOAL.unchanged);
  goals.check("500 meetings, changed feed rebuilt (server median)", r.rebuilt.server.median, GOAL.rebuilt);
}

/** The writer alone and its read-back with ical.js (exits non-zero on a mismatch). */
async function writerCheck(MEETINGS, RUNS) {
  const feed = buildFeed(MEETINGS, 20261121);
  const series = feed.meetings.filter((m) => m.schedule.repeat !== "none");
  const totalOccurrences = feed.meetings.reduce((n, m) => n + occurrences(m.schedule, m.changes).length, 0);

  let body = "";
  const times = [];
  // Every meeting rendered: each run's meetings differ from every earlier run's (LAST-MODIFIED moves by a second).
  for (let i = 0; i < RUNS + 1; i++) {
    const changed = {
      ...feed,
      meetings: feed.meetings.map((m) => ({ ...m, updatedAt: m.updatedAt + (i + 1) * 1000 })),
    };
    const t = performance.now();
    feedToIcs(changed, Date.now());
    times.push(performance.now() - t);
  }
  const [cold, ...warm] = times;
  // The same meetings again (each rendered before, copied from memory), as after a change elsewhere in the feed.
  const copied = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t = performance.now();
    body = feedToIcs(feed, Date.now());
    copied.push(performance.now() - t);
  }
  copied.shift(); // the first renders them
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
    `feedToIcs, every meeting rendered: cold ${ms(cold)}, warm median ${ms(median(warm))} (min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))}, ${warm.length} runs)`,
  );
  console.log(
    `feedToIcs, meetings rendered before: median ${ms(median(copied))} (min ${ms(Math.min(...copied))}, max ${ms(Math.max(...copied))}, ${copied.length} runs)`,
  );
  console.log(`occurrences() alone for the same meetings: median ${ms(median(domain))}`);
  console.log(
    `size: ${kb(bytes)} raw, ${kb(gzip)} gzip (${((gzip / bytes) * 100).toFixed(0)}%); ${body.split("\r\n").length - 1} lines; icsEtag ${ms(etagMs)} → ${etag.slice(0, 18)}…"`,
  );
  console.log(
    `ical.js read-back: ${vevents.length} VEVENTs, ${zones.length} VTIMEZONEs; every meeting expanded and compared with occurrences() in ${ms(parseMs)}: ${mismatches ? `${mismatches} MISMATCHES` : "all agree"}`,
  );
  return mismatches;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (x) => `${(x / 1024).toFixed(1)} KiB`;

const goals = new Goals("bench:calendar");
const server = new BenchServer("calendar", PORT);
let code = 2;
try {
  const now = Date.now();
  server.migrate();
  const seeded = SIZES.map((size) => ({ size, ...seedSql(size, buildFeed(size, 20261121 + size), now) }));
  server.execute(seeded.flatMap((s) => s.statements));
  await server.start();
  console.log(
    `bench:calendar: GET /calendar/TOKEN.ics on wrangler dev, ${RUNS} runs each after a warm-up; server = Server-Timing total, wall = on localhost`,
  );
  for (const s of seeded) report(goals, await timeSize(server, s.size, s.links, s.meetingIds));
  console.log("\nThe writer alone, and its output read back with ical.js:");
  const mismatches = await writerCheck(SIZES[0], RUNS);
  code = mismatches ? 2 : goals.finish();
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
} finally {
  await server.stop(KEEP_STATE);
}
process.exit(code);
