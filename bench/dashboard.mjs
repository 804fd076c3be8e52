/**
 * Dashboard benchmark (`npm run bench:dashboard`): a program with PAIRINGS pairings (2 people each, every stage, ~10%
 * at risk) and a year of check-ins (one every 14 days per pairing, most answered), meetings with outcomes, goals and
 * stage changes, served by `wrangler dev` (workerd, local D1) from a fresh `--persist-to` directory under /tmp.
 *
 *  1. Applies the D1 migrations there, then seeds with one `wrangler d1 execute --file` of the SQL that
 *     test/dashboard-fixture.ts generates (the same generator the integration tests use), plus a coordinator and a
 *     session (a random id for the cookie, its SHA-256 in `sessions`, as worker/auth/sessions.ts does).
 *  2. Starts `wrangler dev` with DEMO_SEED and DEV_TOOLS off and fetches each dashboard page RUNS times (after one
 *  warm-up):
 *     overview, check-ins, engagement, the at-risk list (page 1, and a later page sorted by last activity).
 *  3. Prints per page the median and p95 wall time on localhost, the median of the `Server-Timing: db` the route
 *  reports,
 *     and the gzip size of the body; exits 1 if any page is over 14 KB gzip or not 200.
 * Options (environment or `--name=value`): PAIRINGS (1000), RUNS (20), BENCH_PORT (8872), KEEP_STATE=1.
 * The server's output goes to test-results/bench-dashboard-server.log. Run through npm (Node 24 and tsx from
 * node_modules).
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { stopProcessGroup } from "../scripts/process-group.mjs";
import { largeProgramSql } from "../test/dashboard-fixture.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, "").split("="))
    .map(([k, v]) => [k.toUpperCase().replace(/-/g, "_"), v ?? "1"]),
);
const option = (name, fallback) => Number(args[name] ?? process.env[name] ?? fallback);
const PAIRINGS = option("PAIRINGS", 1000);
const RUNS = option("RUNS", 20);
const PORT = option("BENCH_PORT", 8872);
const KEEP_STATE = (args.KEEP_STATE ?? process.env.KEEP_STATE) === "1";
const ORIGIN = `http://127.0.0.1:${PORT}`;
const BUDGET = 14 * 1024;
const PROGRAM = "bench-dashboard";

process.env.WRANGLER_SEND_METRICS = "false";
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sqlText = (s) => `'${String(s).replace(/'/g, "''")}'`;

const state = mkdtempSync(join(tmpdir(), "trellis-bench-dashboard-"));
let server = null;
let serverLog = null;

/** Runs wrangler (not dev) to completion, failing loudly with its output. */
function wranglerRun(argv) {
  const r = spawnSync(process.execPath, [wrangler, ...argv], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0)
    throw new Error(`wrangler ${argv.slice(0, 3).join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Migrations, then the program, the coordinator and their session; returns the raw session id. */
function seed() {
  wranglerRun(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  const now = Date.now();
  const sid = randomBytes(32).toString("base64url");
  const statements = [
    `INSERT INTO people (id, email, name, time_zone) VALUES ('bench-coordinator', 'bench-coordinator@example.org', 'Bench Coordinator', 'Europe/Berlin')`,
    `INSERT INTO sessions (id_hash, person_id, created_at, expires_at) VALUES (${sqlText(createHash("sha256").update(sid).digest("hex"))}, 'bench-coordinator', ${now}, ${now + 86_400_000})`,
    ...largeProgramSql({
      programId: PROGRAM,
      coordinatorId: "bench-coordinator",
      pairings: PAIRINGS,
      checkinsPerPairing: 26,
      now,
    }),
  ];
  const file = join(state, "seed.sql");
  writeFileSync(file, `${statements.map((s) => `${s.replace(/\s*\n\s*/g, " ")};`).join("\n")}\n`);
  wranglerRun(["d1", "execute", "DB", "--local", "--persist-to", state, "--file", file]);
  return sid;
}

/** Starts wrangler dev in its own process group and waits for /healthz. */
async function startServer() {
  mkdirSync(join(root, "test-results"), { recursive: true });
  const logPath = join(root, "test-results", "bench-dashboard-server.log");
  serverLog = createWriteStream(logPath);
  server = spawn(
    process.execPath,
    [
      wrangler,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(PORT),
      "--persist-to",
      state,
      "--show-interactive-dev-session=false",
      "--var",
      "DEMO_SEED:0",
      "--var",
      "DEV_TOOLS:0",
    ],
    { cwd: root, env: { ...process.env, CI: "true" }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let exited = false;
  server.stdout.on("data", (c) => serverLog.write(c));
  server.stderr.on("data", (c) => serverLog.write(c));
  server.on("exit", () => (exited = true));
  for (let i = 0; i < 240 && !exited; i++) {
    try {
      if ((await fetch(`${ORIGIN}/healthz`, { signal: AbortSignal.timeout(3000) })).ok) return;
    } catch {}
    await sleep(500);
  }
  throw new Error(
    `wrangler dev did not answer on ${ORIGIN}; see ${logPath}:\n${readFileSync(logPath, "utf8").split("\n").slice(-30).join("\n")}`,
  );
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** Fetches a page RUNS times (after a warm-up): wall times, Server-Timing db times, status and gzip size. */
async function measure(path, sid) {
  const get = async () => {
    const t = performance.now();
    const res = await fetch(ORIGIN + path, { headers: { Cookie: `sid=${sid}` }, redirect: "manual" });
    const body = await res.text();
    return {
      ms: performance.now() - t,
      status: res.status,
      body,
      db: Number(/db;dur=(\d+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN),
    };
  };
  await get();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await get());
  const wall = runs.map((r) => r.ms).sort((a, b) => a - b);
  const db = runs.map((r) => r.db).sort((a, b) => a - b);
  const last = runs[runs.length - 1];
  return {
    path,
    status: last.status,
    median: quantile(wall, 0.5),
    p95: quantile(wall, 0.95),
    db: quantile(db, 0.5),
    gzip: gzipSync(last.body).length,
    raw: last.body.length,
  };
}

async function main() {
  const t0 = performance.now();
  const sid = seed();
  const seeded = performance.now() - t0;
  console.log(
    `bench:dashboard: seeded ${PAIRINGS} pairings (${PAIRINGS * 2} people, ~${PAIRINGS * 26} check-ins) in ${(seeded / 1000).toFixed(1)} s (migrations included)`,
  );
  await startServer();
  const base = `/programs/${PROGRAM}`;
  const pages = [
    `${base}/dashboard`,
    `${base}/dashboard/checkins`,
    `${base}/dashboard/engagement`,
    `${base}/at-risk`,
    `${base}/at-risk?sort=activity&dir=desc&page=3`,
  ];
  const results = [];
  for (const path of pages) results.push(await measure(path, sid));
  console.log(
    `\n${RUNS} requests per page, wall time on localhost (ms), D1 time the route reports (Server-Timing db, ms), body size (bytes)`,
  );
  console.log(
    `${"page".padEnd(52)} ${"status".padStart(6)} ${"median".padStart(8)} ${"p95".padStart(8)} ${"db".padStart(6)} ${"gzip".padStart(7)} ${"raw".padStart(7)}`,
  );
  for (const r of results) {
    console.log(
      `${r.path.padEnd(52)} ${String(r.status).padStart(6)} ${r.median.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${String(r.db).padStart(6)} ${String(r.gzip).padStart(7)} ${String(r.raw).padStart(7)}`,
    );
  }
  const bad = results.filter((r) => r.status !== 200 || r.gzip > BUDGET);
  for (const r of bad)
    console.error(`bench:dashboard: ${r.path} answered ${r.status} with ${r.gzip} bytes gzip (budget ${BUDGET})`);
  return bad.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
} finally {
  await stopProcessGroup(server?.pid);
  serverLog?.end();
  if (KEEP_STATE) console.log(`bench:dashboard: kept state in ${state}`);
  else rmSync(state, { recursive: true, force: true });
}
process.exit(code);
