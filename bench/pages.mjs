/**
 * Every page of the demo, as each role sees it (`npm run bench:pages`): starts its own `wrangler dev` with the demo
 * seed (fresh state under /tmp; wrangler builds the assets first), signs in a coordinator, a mentor and a mentee (their
 * sessions written straight into D1, as worker/auth/sessions.ts stores them), and walks every page each can reach by
 * following same-origin links from home (GET only; sign-out, development tools, downloads and feeds left out), up to
 * MAX_PAGES per role. Each page is fetched once to warm it, then RUNS times (default 40); prints a table of status and
 * the median and p95 of the server's own time (`Server-Timing: total`) per page, slowest first.
 * Goal: p95 server time < 20 ms on every page; exits 1 when one misses it, 2 when a page does not answer 200 or the
 * run breaks.
 * Options (environment or `--name=value`): RUNS (40, at least 5), MAX_PAGES (60), BENCH_PORT (8874), KEEP_STATE=1.
 * Why 40: a p95 by nearest rank of 7 samples is the slowest one, so one pause of the local runtime (a garbage
 * collection, a SQLite checkpoint) failed a page whose median was 4 ms; of 40 it is the third slowest.
 */
import { createHash, randomBytes } from "node:crypto";
import { BenchServer, Goals, option, quantile, sleep, sqlText, textOption } from "./server.mjs";

const RUNS = Math.max(5, option("RUNS", 40));
const MAX_PAGES = option("MAX_PAGES", 60);
const PORT = option("BENCH_PORT", 8874);
const KEEP_STATE = textOption("KEEP_STATE", "0") === "1";
const GOAL_P95_MS = 20;
const ROLES = [
  { role: "coordinator", email: "coordinator@example.org" },
  { role: "mentor", email: "spring-mentor1@example.org" },
  { role: "mentee", email: "spring-mentee1@example.org" },
];
/** Links not to follow: leaving, development tools, downloads, feeds and sign-in links. */
const SKIP = /^\/(signout|dev\/|auth\/|c\/|u\/)|\.(ics|csv|json|js|css)(\?|$)|\/export|\/download/;

const serverMs = (r) => Number(/total;dur=(\d+)/.exec(r.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN);

/** Same-origin page links of an HTML body, as paths. */
function linksOf(body, origin) {
  const out = new Set();
  for (const m of body.matchAll(/<a\s[^>]*href="([^"#]+)"/g)) {
    const href = m[1].replace(/&amp;/g, "&");
    let url;
    try {
      url = new URL(href, origin);
    } catch {
      continue;
    }
    if (url.origin !== origin || SKIP.test(url.pathname)) continue;
    out.add(url.pathname + url.search);
  }
  return out;
}

/** Walks the pages a session reaches from home, breadth first; times each. */
async function walk(server, sid) {
  const headers = { Cookie: `sid=${sid}` };
  const queue = ["/"];
  const seen = new Set(queue);
  const rows = [];
  while (queue.length && rows.length < MAX_PAGES) {
    const path = queue.shift();
    const first = await server.get(path, headers);
    if ((first.headers.get("content-type") ?? "").includes("text/html"))
      for (const link of linksOf(first.body, server.origin))
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
    const times = [];
    let status = first.status;
    for (let i = 0; i < RUNS; i++) {
      const r = await server.get(path, headers);
      times.push(serverMs(r));
      if (r.status !== first.status) status = r.status;
    }
    times.sort((a, b) => a - b);
    rows.push({ path, status, median: quantile(times, 0.5), p95: quantile(times, 0.95) });
  }
  return { rows, unvisited: queue.length };
}

const goals = new Goals("bench:pages");
const broken = [];
// DEV_TOOLS as `npm start` has it (a development signing key, the dev mailbox): a local demo, never a deployment.
const server = new BenchServer("pages", PORT, { DEMO_SEED: "1", DEV_TOOLS: "1" }, { __TRELLIS_DEMO__: "true" });
let code = 2;
try {
  server.migrate();
  // The demo is seeded by the first request; then the sessions go in while the server is stopped.
  await server.start();
  await server.get("/");
  await sleep(8000); // the seed's rooms finish importing their history
  await server.halt();
  const now = Date.now();
  const sessions = ROLES.map((r) => ({ ...r, sid: randomBytes(32).toString("base64url") }));
  server.execute(
    sessions.map(
      (s) =>
        `INSERT INTO sessions (id_hash, person_id, created_at, expires_at) SELECT ${sqlText(createHash("sha256").update(s.sid).digest("hex"))}, id, ${now}, ${now + 86_400_000} FROM people WHERE email = ${sqlText(s.email)}`,
    ),
  );
  await server.start();
  console.log(
    `bench:pages: the demo's pages per role, ${RUNS} requests each after a warm-up; server time = Server-Timing total (ms)`,
  );
  for (const s of sessions) {
    const { rows, unvisited } = await walk(server, s.sid);
    console.log(
      `\n${s.role} (${s.email}): ${rows.length} pages${unvisited ? `, ${unvisited} more links not walked (MAX_PAGES)` : ""}`,
    );
    console.log(`  ${"page".padEnd(64)} status  median     p95`);
    for (const r of [...rows].sort((a, b) => b.p95 - a.p95))
      console.log(
        `  ${r.path.slice(0, 64).padEnd(64)} ${String(r.status).padStart(6)} ${r.median.toFixed(0).padStart(7)} ${r.p95.toFixed(0).padStart(7)}${r.p95 < GOAL_P95_MS ? "" : "  MISSED"}`,
      );
    const worst = rows.reduce((a, b) => (b.p95 > a.p95 ? b : a), rows[0]);
    goals.check(`${s.role}: slowest page's p95 (${worst.path})`, worst.p95, GOAL_P95_MS);
    const missed = rows.filter((r) => !(r.p95 < GOAL_P95_MS));
    goals.check(`${s.role}: pages over ${GOAL_P95_MS} ms p95`, missed.length, 0, "pages", true);
    const bad = rows.filter((r) => r.status !== 200);
    if (bad.length) broken.push(...bad.map((r) => `${s.role} ${r.path} ${r.status}`));
  }
  code = goals.finish();
  if (broken.length) {
    console.error(`bench:pages: pages not answering 200: ${broken.join(", ")}`);
    code = 2;
  }
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
} finally {
  await server.stop(KEEP_STATE);
}
process.exit(code);
