/**
 * Dashboard benchmark (`npm run bench:dashboard`): a program of PAIRINGS pairings (default 1,000 and 5,000; 2 people
 * each, every stage, ~10% at risk) with a year of check-ins (one every 14 days per pairing, most answered), meetings
 * with outcomes, goals and stage changes, served by its own `wrangler dev` (workerd, local D1) from a fresh state under
 * /tmp (wrangler builds the assets first, so a fresh clone needs no prior step).
 *
 *  1. Applies the D1 migrations there, then seeds with one `wrangler d1 execute --file` of the SQL that
 *     test/dashboard-fixture.ts generates (the same generator the integration tests use), plus a coordinator and a
 *     session (a random id for the cookie, its SHA-256 in `sessions`, as worker/auth/sessions.ts does).
 *  2. Fetches each dashboard page (overview, check-ins, engagement, the at-risk list: page 1, and a later page sorted
 *     by last activity) RUNS times after a warm-up, then loads it with CONNECTIONS concurrent connections for
 *     LOAD_SECONDS (keep-alive node:http connections, to the app's own workerd socket: see BenchServer.directOrigin).
 *  3. Prints per page the median, range and p95 of the server's own time (`Server-Timing: total`), the D1 time the
 *     route reports (`db`), the wall time on localhost, requests per second under load with its p50 and the mean server
 *     time under load, and the gzip size. First, the same load on an unknown feed link (404 before any D1 read), through
 *     wrangler dev's proxy and direct, shows the ceiling that workerd and the load client (on the same cores) reach on
 *     this machine whatever the route, with the load client's CPU per request and the load average. Under every load the
 *     app's workerd's own CPU time per request is printed too (from /proc): unlike requests per second, it hardly
 *     depends on what else runs on the machine.
 * Goals, per page and size: server time median < 30 ms, >= 100 requests/s with 16 connections, <= 14 KB gzip and 200;
 * exits 1 when one is missed, 2 when a page does not answer 200 or the run breaks. Options (environment or `--name=value`): PAIRINGS ("1000,5000"), RUNS (9, at least 5),
 * CONNECTIONS (16), LOAD_SECONDS (3), BENCH_PORT (8872), KEEP_STATE=1. The server's output goes to
 * test-results/bench-dashboard-server.log. Run through npm (Node 24 and tsx from node_modules).
 */
import { createHash, randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { largeProgramSql } from "../test/dashboard-fixture.ts";
import { BenchServer, Goals, loadGet, option, quantile, showSpread, spread, sqlText, textOption } from "./server.mjs";

const SIZES = textOption("PAIRINGS", "1000,5000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const RUNS = Math.max(5, option("RUNS", 9));
const CONNECTIONS = option("CONNECTIONS", 16);
const LOAD_SECONDS = option("LOAD_SECONDS", 3);
const PORT = option("BENCH_PORT", 8872);
const KEEP_STATE = textOption("KEEP_STATE", "0") === "1";
const BUDGET = 14 * 1024;
const GOAL = { serverMs: 30, perSecond: 100 };

/** The programs (one per size), the coordinator and their session; returns the raw session id. */
function seed(server, now) {
  server.migrate();
  const sid = randomBytes(32).toString("base64url");
  const statements = [
    `INSERT INTO people (id, email, name, time_zone) VALUES ('bench-coordinator', 'bench-coordinator@example.org', 'Bench Coordinator', 'Europe/Berlin')`,
    `INSERT INTO sessions (id_hash, person_id, created_at, expires_at) VALUES (${sqlText(createHash("sha256").update(sid).digest("hex"))}, 'bench-coordinator', ${now}, ${now + 86_400_000})`,
    ...SIZES.flatMap((pairings) =>
      largeProgramSql({
        programId: `bench-${pairings}`,
        coordinatorId: "bench-coordinator",
        pairings,
        checkinsPerPairing: 26,
        now,
      }),
    ),
  ];
  server.execute(statements);
  return sid;
}

const serverMs = (r, name) =>
  Number(new RegExp(`${name};dur=(\\d+)`).exec(r.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN);

/** RUNS timed requests after a warm-up, then CONNECTIONS connections for LOAD_SECONDS on `loadOrigin`. */
async function measure(server, loadOrigin, path, sid) {
  const headers = { Cookie: `sid=${sid}` };
  await server.get(path, headers);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await server.get(path, headers));
  const cpuBefore = server.appCpuMs();
  const load = await loadGet(loadOrigin, path, headers, CONNECTIONS, LOAD_SECONDS);
  load.appCpuMs = (server.appCpuMs() - cpuBefore) / Math.max(1, load.answers.length);
  const failed = load.answers.filter((a) => a.status !== 200).length;
  const last = runs[runs.length - 1];
  return {
    path,
    status:
      runs.every((r) => r.status === 200) && failed === 0 ? 200 : (runs.find((r) => r.status !== 200)?.status ?? 500),
    server: spread(runs.map((r) => serverMs(r, "total"))),
    db: spread(runs.map((r) => serverMs(r, "db"))),
    wall: spread(runs.map((r) => r.ms)),
    ...loadFigures(load),
    gzip: gzipSync(last.body).length,
  };
}

/** Requests per second, p50 wall time and mean server time under load, and the load client's CPU per request. */
function loadFigures(load) {
  const timing = (a) => Number(/total;dur=(\d+)/.exec(a.timing)?.[1] ?? Number.NaN);
  return {
    perSecond: load.answers.length / LOAD_SECONDS,
    loadP50: quantile(
      load.answers.map((a) => a.ms).sort((a, b) => a - b),
      0.5,
    ),
    loadServerMean: load.answers.reduce((sum, a) => sum + timing(a), 0) / Math.max(1, load.answers.length),
    clientCpuMs: load.clientCpuMs,
    appCpuMs: load.appCpuMs,
  };
}

/** CONNECTIONS connections on a route that answers at once, for LOAD_SECONDS: the harness's own ceiling. */
async function floorLoad(server, origin, path) {
  const cpuBefore = server.appCpuMs();
  const load = await loadGet(origin, path, {}, CONNECTIONS, LOAD_SECONDS);
  load.appCpuMs = (server.appCpuMs() - cpuBefore) / Math.max(1, load.answers.length);
  return loadFigures(load);
}

async function main() {
  const server = new BenchServer("dashboard", PORT);
  const goals = new Goals("bench:dashboard");
  try {
    const t0 = performance.now();
    const sid = seed(server, Date.now());
    console.log(
      `bench:dashboard: seeded ${SIZES.join(" and ")} pairings (26 check-ins each) in ${((performance.now() - t0) / 1000).toFixed(1)} s (migrations included)`,
    );
    await server.start();
    // The load goes to the app's own workerd socket (wrangler dev's proxy worker, a second workerd in front that
    // production does not have, is left out of the load; the timed requests still go through it).
    const { origin: loadOrigin, direct } = await server.directOrigin();
    // What the machine allows at all: a route that does nothing (no D1, no page), through the proxy and direct.
    const floors = [
      ["through wrangler dev's proxy", await floorLoad(server, server.origin, "/calendar/unknown.ics")],
      ...(direct
        ? [["direct to the app's workerd", await floorLoad(server, loadOrigin, "/calendar/unknown.ics")]]
        : []),
    ];
    console.log(
      `\nfloor: an unknown feed link (404 before any D1 read), ${CONNECTIONS} connections (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores):`,
    );
    for (const [how, floor] of floors)
      console.log(
        `  ${how.padEnd(30)} ${floor.perSecond.toFixed(0)} req/s (p50 ${floor.loadP50.toFixed(0)} ms; server ${floor.loadServerMean.toFixed(1)} ms mean under load; load client ${floor.clientCpuMs.toFixed(2)} ms CPU per request; app's workerd ${floor.appCpuMs.toFixed(2)} ms CPU per request)`,
      );
    console.log(
      `  the load below goes ${direct ? "direct to the app's workerd" : "through wrangler dev's proxy (the app's own socket was not found)"}`,
    );
    for (const pairings of SIZES) {
      const base = `/programs/bench-${pairings}`;
      const pages = [
        `${base}/dashboard`,
        `${base}/dashboard/checkins`,
        `${base}/dashboard/engagement`,
        `${base}/at-risk`,
        `${base}/at-risk?sort=activity&dir=desc&page=3`,
      ];
      console.log(
        `\n${pairings} pairings: ${RUNS} requests per page after a warm-up (server = Server-Timing total, db = the route's D1 time, wall = on localhost), then ${CONNECTIONS} connections for ${LOAD_SECONDS} s`,
      );
      for (const path of pages) {
        const r = await measure(server, loadOrigin, path, sid);
        const page = path.replace(base, "") || "/";
        console.log(
          `  ${page.padEnd(40)} ${r.status} server ${showSpread(r.server)}; db ${r.db.median} ms; wall ${r.wall.median.toFixed(1)} ms (p95 ${r.wall.p95.toFixed(1)}); ${r.perSecond.toFixed(0)} req/s (p50 ${r.loadP50.toFixed(0)} ms; server ${r.loadServerMean.toFixed(1)} ms mean under load; app's workerd ${r.appCpuMs.toFixed(1)} ms CPU per request); ${r.gzip} B gzip`,
        );
        goals.check(`${pairings} pairings ${page} server time (median)`, r.server.median, GOAL.serverMs);
        goals.checkAtLeast(
          `${pairings} pairings ${page} requests/s with ${CONNECTIONS} connections`,
          r.perSecond,
          GOAL.perSecond,
          "req/s",
        );
        goals.check(`${pairings} pairings ${page} gzip size`, r.gzip, BUDGET, "B", true);
        if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
      }
    }
    return goals.finish();
  } finally {
    await server.stop(KEEP_STATE);
  }
}

let code = 2;
try {
  code = await main();
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
}
process.exit(code);
