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
 *     LOAD_SECONDS.
 *  3. Prints per page the median, range and p95 of the server's own time (`Server-Timing: total`), the D1 time the
 *     route reports (`db`), the wall time on localhost, requests per second under load with its p50 and the mean server
 *     time under load, and the gzip size. First, the same load on an unknown feed link (404 before any D1 read) shows the ceiling that
 *     wrangler dev and the load client (on the same cores) reach on this machine whatever the route, and the load
 *     average.
 * Goals, per page and size: server time median < 30 ms, >= 100 requests/s with 16 connections, <= 14 KB gzip and 200;
 * exits 1 when one is missed, 2 when a page does not answer 200 or the run breaks. Options (environment or `--name=value`): PAIRINGS ("1000,5000"), RUNS (9, at least 5),
 * CONNECTIONS (16), LOAD_SECONDS (3), BENCH_PORT (8872), KEEP_STATE=1. The server's output goes to
 * test-results/bench-dashboard-server.log. Run through npm (Node 24 and tsx from node_modules).
 */
import { createHash, randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { largeProgramSql } from "../test/dashboard-fixture.ts";
import { BenchServer, Goals, option, quantile, showSpread, spread, sqlText, textOption } from "./server.mjs";

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

/** RUNS timed requests after a warm-up, then CONNECTIONS connections for LOAD_SECONDS. */
async function measure(server, path, sid) {
  const headers = { Cookie: `sid=${sid}` };
  await server.get(path, headers);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await server.get(path, headers));
  const until = performance.now() + LOAD_SECONDS * 1000;
  const latencies = [];
  const loadServer = [];
  let failed = 0;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const r = await server.get(path, headers);
        if (r.status !== 200) failed++;
        latencies.push(r.ms);
        loadServer.push(serverMs(r, "total"));
      }
    }),
  );
  const clientCpu = process.cpuUsage(cpu);
  const last = runs[runs.length - 1];
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    path,
    status:
      runs.every((r) => r.status === 200) && failed === 0 ? 200 : (runs.find((r) => r.status !== 200)?.status ?? 500),
    server: spread(runs.map((r) => serverMs(r, "total"))),
    db: spread(runs.map((r) => serverMs(r, "db"))),
    wall: spread(runs.map((r) => r.ms)),
    perSecond: latencies.length / LOAD_SECONDS,
    // Under load: the mean server time per request, and the load client's own CPU per request (it shares the cores).
    loadServerMean: loadServer.reduce((a, b) => a + b, 0) / Math.max(1, loadServer.length),
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, latencies.length),
    loadP50: quantile(sorted, 0.5),
    gzip: gzipSync(last.body).length,
  };
}

/** CONNECTIONS connections on a route that answers at once, for LOAD_SECONDS: the harness's own ceiling. */
async function floorLoad(server, path) {
  const until = performance.now() + LOAD_SECONDS * 1000;
  const latencies = [];
  const loadServer = [];
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const r = await server.get(path);
        latencies.push(r.ms);
        loadServer.push(serverMs(r, "total"));
      }
    }),
  );
  const clientCpu = process.cpuUsage(cpu);
  return {
    perSecond: latencies.length / LOAD_SECONDS,
    loadP50: quantile(
      [...latencies].sort((a, b) => a - b),
      0.5,
    ),
    loadServerMean: loadServer.reduce((a, b) => a + b, 0) / Math.max(1, loadServer.length),
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, latencies.length),
  };
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
    // What wrangler dev and the load client allow at all on this machine: a route that does nothing (no D1, no page).
    const floor = await floorLoad(server, "/calendar/unknown.ics");
    console.log(
      `\nfloor: an unknown feed link (404 before any D1 read) ${floor.perSecond.toFixed(0)} req/s with ${CONNECTIONS} connections (p50 ${floor.loadP50.toFixed(0)} ms; server ${floor.loadServerMean.toFixed(1)} ms mean under load; load client ${floor.clientCpuMs.toFixed(2)} ms CPU per request): the ceiling wrangler dev and the client reach on this machine, whatever the route (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
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
        const r = await measure(server, path, sid);
        const page = path.replace(base, "") || "/";
        console.log(
          `  ${page.padEnd(40)} ${r.status} server ${showSpread(r.server)}; db ${r.db.median} ms; wall ${r.wall.median.toFixed(1)} ms (p95 ${r.wall.p95.toFixed(1)}); ${r.perSecond.toFixed(0)} req/s (p50 ${r.loadP50.toFixed(0)} ms; server ${r.loadServerMean.toFixed(1)} ms mean under load); ${r.gzip} B gzip`,
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
